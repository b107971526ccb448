/** The app shell's pure parts: shortcuts, presenter scale, Step report, header and label geometry. */
import { describe, expect, it } from 'vitest';
import { EventLog } from '../engine/kernel';
import { SPEED_PRESETS } from '../runtime/framePacing';
import { topHeaderPlan } from './viz/ClusterParts';
import { computeClusterLayout, labelHitsNode } from './viz/geometry/clusterLayout';
import { nextSpeed, shortcutFor, type KeyLike } from './shortcuts';
import { buildStepReport, nodeIdOf } from './stepReport';
import { presenterFromSearch, presenterScale } from './uiStore';

/** A stand-in for a DOM element: tag name, attributes and the dialog it sits in. */
function target(tagName: string, opts: { role?: string; dialogClass?: string; editable?: boolean } = {}): EventTarget {
  const dialog = opts.dialogClass === undefined ? null : { classList: { contains: (c: string) => c === opts.dialogClass } };
  return {
    tagName,
    isContentEditable: opts.editable ?? false,
    getAttribute: (name: string) => (name === 'role' ? (opts.role ?? null) : null),
    closest: (sel: string) => (sel.startsWith('dialog') ? dialog : null),
  } as unknown as EventTarget;
}

function key(k: string, t: EventTarget = target('BODY'), mods: Partial<KeyLike> = {}): KeyLike {
  return { key: k, ctrlKey: false, metaKey: false, altKey: false, target: t, ...mods };
}

describe('keyboard shortcuts', () => {
  it('map keys to actions on the page', () => {
    expect(shortcutFor(key(' '))).toBe('toggle-play');
    expect(shortcutFor(key('k'))).toBe('toggle-play');
    expect(shortcutFor(key('.'))).toBe('step');
    expect(shortcutFor(key('+'))).toBe('faster');
    expect(shortcutFor(key('='))).toBe('faster');
    expect(shortcutFor(key('-'))).toBe('slower');
    expect(shortcutFor(key('p'))).toBe('presenter');
    expect(shortcutFor(key('?'))).toBe('help');
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('never fire while typing, with modifiers, or inside another dialog', () => {
    for (const tag of ['INPUT', 'TEXTAREA', 'SELECT']) expect(shortcutFor(key('k', target(tag)))).toBeNull();
    expect(shortcutFor(key('p', target('DIV', { editable: true })))).toBeNull();
    expect(shortcutFor(key('k', target('BODY'), { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('.', target('BODY'), { metaKey: true }))).toBeNull();
    expect(shortcutFor(key('k', target('BUTTON', { dialogClass: 'dialog' })))).toBeNull();
    expect(shortcutFor(key('?', target('BUTTON', { dialogClass: 'dialog' })))).toBeNull();
    // The help overlay's own "?" closes it.
    expect(shortcutFor(key('?', target('BUTTON', { dialogClass: 'shortcut-help' })))).toBe('help');
  });

  it('leave Space to a focused button, link or tab (it presses them)', () => {
    expect(shortcutFor(key(' ', target('BUTTON')))).toBeNull();
    expect(shortcutFor(key(' ', target('A')))).toBeNull();
    expect(shortcutFor(key(' ', target('DIV', { role: 'tab' })))).toBeNull();
    expect(shortcutFor(key('k', target('BUTTON')))).toBe('toggle-play');
  });

  it('step through the speed presets and stop at the ends', () => {
    expect(nextSpeed(0.25, 1)).toBe(0.5);
    expect(nextSpeed(0.25, -1)).toBe(0.1);
    expect(nextSpeed(0.1, -1)).toBe(0.1);
    expect(nextSpeed(100, 1)).toBe(100);
    expect(nextSpeed(3, 1)).toBe(5);
    expect(nextSpeed(3, -1)).toBe(2);
    expect(SPEED_PRESETS).toContain(nextSpeed(7, 1));
  });
});

describe('presenter mode', () => {
  it('draws the 13 px labels at 24 px on a 1080p screen, smaller windows less, never below 1.2×', () => {
    expect(presenterScale(1920, 1080) * 13).toBeGreaterThanOrEqual(24);
    expect(presenterScale(1280, 720)).toBeLessThan(presenterScale(1920, 1080));
    expect(presenterScale(800, 600)).toBe(1.2);
    expect(presenterScale(3840, 2160)).toBe(2.6);
  });
  it('can be asked for by link', () => {
    expect(presenterFromSearch('?presenter=1')).toBe(true);
    expect(presenterFromSearch('?presenter')).toBe(true);
    expect(presenterFromSearch('?seed=3')).toBe(false);
    expect(presenterFromSearch('?presenter=0')).toBe(false);
  });
});

describe('Step report', () => {
  it('names the task, its events, the partitions and the nodes that took part', () => {
    const log = new EventLog();
    log.emit(10, 'producer', 'producer-1', 'earlier');
    log.emit(20, 'broker', 'broker 2', 'appended offsets 3 to orders-1', 'orders-1');
    log.emit(20, 'log', 'broker 2', 'rolled a segment', 'orders-1');
    const report = buildStepReport(
      { label: 'deliver Produce request producer-1→broker-2', timeMs: 20, firstEventSeq: 1, endEventSeq: 3 },
      log.slice(1, 3),
    );
    expect(report.events.map((e) => e.text)).toEqual(['appended offsets 3 to orders-1', 'rolled a segment']);
    expect(report.tps).toEqual(['orders-1']);
    expect([...report.nodes].sort()).toEqual(['broker-2', 'producer-1']);
    expect(nodeIdOf('broker 0')).toBe('broker-0');
  });
});

describe('cluster view geometry', () => {
  it('keeps the controller badge off the broker name and host in a one-line header', () => {
    expect(topHeaderPlan(600, 8, 14, true)).toEqual({ showHost: true, controller: 'badge' });
    expect(topHeaderPlan(300, 8, 14, true)).toEqual({ showHost: true, controller: 'star' });
    expect(topHeaderPlan(240, 8, 14, true)).toEqual({ showHost: false, controller: 'star' });
    expect(topHeaderPlan(260, 8, 14, false)).toEqual({ showHost: true, controller: null });
    expect(topHeaderPlan(200, 8, 14, false)).toEqual({ showHost: false, controller: null });
  });

  it('finds the particle labels that would cover a node', () => {
    const layout = computeClusterLayout({
      widthPx: 1000,
      heightPx: 500,
      brokers: [0, 1, 2].map((id) => ({ id, nodeId: `broker-${id}`, tileCount: 2 })),
      producers: ['producer-1'],
      consumers: ['consumer-1'],
      admin: false,
      longestTileLabelChars: 8,
    });
    const producer = layout.clients.find((c) => c.nodeId === 'producer-1')!.rect;
    // Just right of the producer node, the label (60 px wide) would cover its name.
    expect(labelHitsNode(layout, producer.x + producer.width + 10, producer.y + producer.height / 2, 60, 17)).toBe(true);
    // Halfway along the link to a broker card it is clear.
    const card = layout.brokers[1]!.rect;
    const midX = (producer.x + producer.width + card.x) / 2;
    expect(labelHitsNode(layout, midX, producer.y + producer.height / 2 - 20, 60, 17)).toBe(false);
  });
});

describe('many brokers on a small screen', () => {
  it('9 brokers in a 1024×768 cluster view: cards do not overlap and every tile stays inside its card', async () => {
    const { tileRect } = await import('./viz/geometry/tileGrid');
    for (const [w, h] of [
      [656, 380],
      [840, 337],
    ]) {
      const layout = computeClusterLayout({
        widthPx: w!,
        heightPx: h!,
        brokers: Array.from({ length: 9 }, (_, id) => ({ id, nodeId: `broker-${id}`, tileCount: id < 6 ? 1 : 0 })),
        producers: ['producer-1'],
        consumers: ['consumer-1'],
        admin: false,
        longestTileLabelChars: 8,
      });
      for (let i = 1; i < layout.brokers.length; i++) {
        const above = layout.brokers[i - 1]!.rect;
        expect(layout.brokers[i]!.rect.y).toBeGreaterThanOrEqual(above.y + above.height);
      }
      for (const box of layout.brokers) {
        expect(box.tiles.hidden).toBe(0);
        for (let t = 0; t < box.tiles.shown; t++) {
          const r = tileRect(box.tiles, t);
          expect(r.x).toBeGreaterThanOrEqual(box.rect.x);
          expect(r.x + r.width).toBeLessThanOrEqual(box.rect.x + box.rect.width);
          expect(r.y).toBeGreaterThanOrEqual(box.rect.y);
          expect(r.y + r.height).toBeLessThanOrEqual(box.rect.y + box.rect.height);
        }
      }
    }
  });
});
