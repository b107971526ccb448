/** The storage notice for each storage health (rendered to HTML in node). */
import type React from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it } from 'vitest';
import { BEHIND_MESSAGE } from '../runtime/storageAdapter';
import { useLabStore } from '../runtime/store';
import type { StorageHealth } from '../storage/storeStatus';
import type { AppRuntime } from '../runtime/appTypes';
import { Notices } from './Notices';
import { RuntimeContext } from './RuntimeContext';

/** Rendering only: no runtime method is called without a click. */
const runtime = new Proxy({}, { get: () => () => undefined }) as unknown as AppRuntime;
const render = (node: React.ReactNode): string => renderToString(<RuntimeContext.Provider value={runtime}>{node}</RuntimeContext.Provider>);

const initial = useLabStore.getInitialState();
const pristine = initial.status;

function withStorage(storage: StorageHealth): void {
  Object.assign(initial, { status: { ...pristine, storage } });
}

afterEach(() => {
  Object.assign(initial, { status: pristine });
});

const text = (html: string): string => html.replace(/<[^>]+>/g, ' ').replace(/&#x27;/g, "'").replace(/\s+/g, ' ');

describe('storage notice', () => {
  it("says 'behind' before a reload could lose records, as a warning", () => {
    withStorage({ mode: 'indexeddb', state: 'behind', message: BEHIND_MESSAGE });
    const html = render(<Notices />);
    expect(text(html)).toContain('Saving is behind.');
    expect(text(html)).toContain('a reload now could lose some of them');
    expect(text(html).match(/Saving is behind/gi)).toHaveLength(1); // the title, not repeated in the text
    expect(html).toContain('notice-warn');
  });

  it('says nothing while saving is fine, and "Not saving." when another tab took over', () => {
    withStorage({ mode: 'indexeddb', state: 'ok' });
    expect(text(render(<Notices />))).not.toContain('saving');
    withStorage({ mode: 'indexeddb', state: 'fenced', message: 'Another tab took over this lab' });
    expect(text(render(<Notices />))).toContain('Not saving.');
  });

  it('says why the lab paused when its logs grew large in memory, with a way to play on', () => {
    Object.assign(initial, { status: { ...pristine, memoryNotice: 'The logs now hold 512.0 MB of records.' } });
    const html = render(<Notices />);
    expect(text(html)).toContain('Paused: the logs are large. The logs now hold 512.0 MB of records.');
    expect(html).toContain('Play on');
  });
});

