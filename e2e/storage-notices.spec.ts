import { expect, test } from './fixtures';

test('a failed save (quota) is reported, and the lab keeps running', async ({ lab, page }) => {
  await lab.open();
  await lab.pause();
  await expect(page.getByText('saved in browser')).toBeVisible();
  await page.evaluate(() => window.__kafkaLab!.injectStorageFailure('quota'));
  await lab.advance(500);
  await lab.flush();
  await expect(page.getByText('Storage is full.')).toBeVisible();
  await expect(page.getByText('storage full', { exact: true })).toBeVisible();
  await lab.advance(1000);
  expect(await lab.nowMs()).toBeGreaterThan(1000);
});

test('without IndexedDB the lab runs in memory and says so', async ({ lab, page }) => {
  await lab.open('/?storage=memory');
  await expect(page.getByText('Running in memory only.')).toBeVisible();
  await expect(page.getByText('in memory · not saved')).toBeVisible();
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByText('Running in memory only.')).toBeHidden();
});
