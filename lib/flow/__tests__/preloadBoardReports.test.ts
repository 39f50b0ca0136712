import { describe, expect, it } from 'vitest';
import type {
  BoardHistory,
  BoardReports,
  FlowLoadOptions,
  FlowLoadProgress,
  LoadBoardReports,
} from '../boardReports';
import { preloadBoardReports } from '../preloadBoardReports';
import { handWorkedReports } from './handWorkedReports';

/** A loader the test drives: each call's options, and a way to finish it. */
function drivenLoader() {
  const calls: { boardId: string; options: FlowLoadOptions; finish: () => void }[] = [];
  const load: LoadBoardReports = (boardId, options = {}) =>
    new Promise<BoardReports>((resolve, reject) => {
      options.signal?.addEventListener('abort', () => reject(new Error('Cancelled.')));
      calls.push({ boardId, options, finish: () => resolve(handWorkedReports(boardId)) });
    });
  return { load, calls };
}

const PROGRESS: FlowLoadProgress = { report: 'cardpositions', done: 2, bytes: 100 };

describe('preloading a board’s reports before the page is up', () => {
  it('starts each board’s load at once, and the page’s first load of it takes that one over', async () => {
    const { load, calls } = drivenLoader();
    const preloaded = preloadBoardReports(load, ['1', '2']);
    expect(calls.map((call) => call.boardId)).toEqual(['1', '2']);
    const { lanes, positions, blocked } = handWorkedReports('1');
    calls[0]?.options.onProgress?.(PROGRESS);
    calls[0]?.options.onHistory?.({ lanes, positions, blocked });
    const progress: FlowLoadProgress[] = [];
    const histories: BoardHistory[] = [];
    const loading = preloaded('1', {
      onProgress: (step) => progress.push(step),
      onHistory: (history) => histories.push(history),
    });
    // Told what it missed, then what comes.
    calls[0]?.options.onProgress?.({ ...PROGRESS, done: 3 });
    expect(progress.map((step) => step.done)).toEqual([2, 3]);
    expect(histories).toEqual([{ lanes, positions, blocked }]);
    calls[0]?.finish();
    expect((await loading).boardId).toBe('1');
    expect(calls).toHaveLength(2);
  });

  it('loads afresh when asked again, or for another board', async () => {
    const { load, calls } = drivenLoader();
    const preloaded = preloadBoardReports(load, ['1']);
    void preloaded('1');
    void preloaded('1');
    void preloaded('3');
    expect(calls.map((call) => call.boardId)).toEqual(['1', '1', '3']);
  });

  it('cancels the load under way when the page cancels', async () => {
    const { load } = drivenLoader();
    const preloaded = preloadBoardReports(load, ['1']);
    const controller = new AbortController();
    const loading = preloaded('1', { signal: controller.signal });
    controller.abort();
    await expect(loading).rejects.toThrow('Cancelled.');
  });
});
