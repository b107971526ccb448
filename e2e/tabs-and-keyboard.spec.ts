import { expect, LabPage, test } from './fixtures';

test('a second tab is told another tab owns the lab, and can take over', async ({ lab, context, page }) => {
  await lab.open();

  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByRole('heading', { name: 'This lab is open in another tab' })).toBeVisible();
  await second.screenshot({ path: 'test-results/screens/07-second-tab.png' });

  await second.getByRole('button', { name: 'Take over here' }).click();
  const secondLab = new LabPage(second);
  await secondLab.waitReady();
  await expect(second.getByRole('button', { name: 'Start producing' })).toBeVisible();

  await expect(page.getByRole('heading', { name: 'Another tab took over this lab' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Reload/ })).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/08-taken-over.png' });
});

test('keyboard: Tab reaches the primary controls with a visible focus ring', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  const reached = new Set<string>();
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      if (!el) return null;
      const label = el.getAttribute('aria-label') ?? (el.labels?.[0]?.textContent ?? el.textContent ?? '').trim();
      return { label, outline: getComputedStyle(el).outlineStyle };
    });
    if (!info) continue;
    reached.add(info.label);
    expect(info.outline, `focus ring on "${info.label}"`).not.toBe('none');
  }
  const labels = [...reached].join(' | ');
  expect(labels).toMatch(/Play|Pause/);
  expect(labels).toContain('Step');
  expect(labels).toContain('Speed');
  expect(labels).toContain('Start producing');
  expect(labels).toContain('Producer');
});

test('keyboard: arrow keys, Home and End move between the sidebar tabs and show their panels', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  const sidebar = page.getByRole('tablist', { name: 'Sidebar' });
  await sidebar.getByRole('tab', { name: 'Producer' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(sidebar.getByRole('tab', { name: 'Consumer' })).toBeFocused();
  await expect(sidebar.getByRole('tab', { name: 'Consumer' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'Consumer' })).toBeVisible();
  await page.keyboard.press('End');
  await expect(sidebar.getByRole('tab', { name: 'Brokers' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(sidebar.getByRole('tab', { name: 'Producer' })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(sidebar.getByRole('tab', { name: 'Brokers' })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Home');
  await expect(page.getByRole('tabpanel', { name: 'Producer' })).toBeVisible();
});
