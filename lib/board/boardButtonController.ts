import { type BoardLocation, parseBoardUrl } from './boardUrl';

/** A board button on the page, as the controller needs it. */
export interface MountedBoardButton {
  /** Shows the button for this board (same page, new board id). */
  show(board: BoardLocation): void;
  /**
   * False once the page has removed the button's element (e.g. re-rendered its header), or when it
   * floats although the page now has a header to hold it (the app drew the header after us).
   */
  isWellPlaced(): boolean;
  remove(): void;
}

/** A page that keeps redrawing must not get a failing mount retried (and reported) forever. */
const REDRAW_MOUNT_ATTEMPTS = 3;

/**
 * Keeps exactly one board button on board pages and none elsewhere (nor on a board page that says
 * the board is not found), as the single-page app moves between URLs and redraws itself. Mounting is asynchronous (the shadow root's CSS loads first), so
 * changes are handled one at a time: a quick second navigation can never mount a second button.
 */
export function createBoardButtonController({
  mount,
  showsNotFound,
  onError,
}: {
  mount: (board: BoardLocation) => Promise<MountedBoardButton>;
  /** Whether the page now shows LeanKit's "board not found" view: no export is offered there. */
  showsNotFound: () => boolean;
  /** Any failure is reported here and never thrown into the page. */
  onError: (cause: unknown) => void;
}) {
  let current: MountedBoardButton | undefined;
  let appliedUrl: string | null = null;
  // Mounts that failed in a row: redraws stop retrying after a few, navigations always retry.
  let failedMounts = 0;
  let queue = Promise.resolve();

  async function apply(url: string | null): Promise<void> {
    appliedUrl = url;
    const board = url === null || showsNotFound() ? null : parseBoardUrl(url);
    if (board && current?.isWellPlaced()) {
      current.show(board);
      return;
    }
    current?.remove();
    current = undefined;
    if (!board) return;
    try {
      current = await mount(board);
      failedMounts = 0;
    } catch (cause) {
      failedMounts++;
      throw cause;
    }
  }

  function enqueue(change: () => Promise<void>): Promise<void> {
    queue = queue.then(change).catch(onError);
    return queue;
  }

  return {
    /** Brings the page in line with this URL. */
    follow: (url: string) => enqueue(() => apply(url)),
    /**
     * The page redrew itself: puts the button back if the page threw it away, or into the header
     * that has just appeared, takes it away when the app draws its not-found view (and back when it
     * draws a board), and follows a URL change not reported yet (in a browser without the Navigation
     * API, WXT only polls the URL every second). Does nothing while all is as it should be.
     */
    recheck: (url: string) =>
      enqueue(async () => {
        const notFound = showsNotFound();
        const settled = current
          ? current.isWellPlaced() && !notFound
          : !parseBoardUrl(url) || notFound || failedMounts >= REDRAW_MOUNT_ATTEMPTS;
        if (url === appliedUrl && settled) return;
        await apply(url);
      }),
    /** Removes the button for good (the content script is being shut down). */
    remove: () => enqueue(() => apply(null)),
  };
}
