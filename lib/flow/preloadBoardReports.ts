import type {
  BoardHistory,
  BoardReports,
  FlowLoadOptions,
  FlowLoadProgress,
  LoadBoardReports,
} from './boardReports';

interface Preload {
  readonly controller: AbortController;
  readonly loading: Promise<BoardReports>;
  progress?: FlowLoadProgress;
  history?: BoardHistory;
  /** The options of the page's own call, once it made it. */
  options?: FlowLoadOptions;
}

/**
 * Starts loading the boards' reports as the page's script starts, before its UI is up: the
 * downloads are the longest part of the wait. The first `load` of each of these boards takes
 * over its load under way, told the progress and history it missed; a later one loads afresh.
 */
export function preloadBoardReports(
  load: LoadBoardReports,
  boardIds: readonly string[],
): LoadBoardReports {
  const preloads = new Map<string, Preload>();
  for (const boardId of boardIds) {
    const controller = new AbortController();
    const preload: Preload = {
      controller,
      loading: load(boardId, {
        signal: controller.signal,
        onProgress(progress) {
          preload.progress = progress;
          preload.options?.onProgress?.(progress);
        },
        onHistory(history) {
          preload.history = history;
          preload.options?.onHistory?.(history);
        },
      }),
    };
    // Nobody may ever ask for it (the page failed first): its failure is not unhandled.
    preload.loading.catch(() => undefined);
    preloads.set(boardId, preload);
  }
  return (boardId, options = {}) => {
    const preload = preloads.get(boardId);
    if (!preload) return load(boardId, options);
    preloads.delete(boardId);
    const { signal } = options;
    if (signal?.aborted) preload.controller.abort();
    signal?.addEventListener('abort', () => preload.controller.abort(), { once: true });
    preload.options = options;
    if (preload.progress) options.onProgress?.(preload.progress);
    if (preload.history) options.onHistory?.(preload.history);
    return preload.loading;
  };
}
