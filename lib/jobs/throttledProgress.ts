/**
 * Progress told on at most once every `waitMs`, the latest at the end of each such wait, so the
 * last bytes of a burst are never left unsaid; a new step (a snapshot's next report) at once, as
 * the popup and the board button name the step running, and it may stall before telling more.
 */
export function throttledProgress<P extends { bytes: number; step?: { number: number } }>(
  tell: (progress: P) => unknown,
  waitMs: number,
): (progress: P) => void {
  let lastTold = Number.NEGATIVE_INFINITY;
  let lastStep: number | undefined;
  let pending: P | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = (progress: P) => {
    clearTimeout(timer);
    timer = undefined;
    pending = undefined;
    lastTold = Date.now();
    lastStep = progress.step?.number;
    void tell(progress);
  };
  return (progress) => {
    const wait = lastTold + waitMs - Date.now();
    if (wait <= 0 || progress.step?.number !== lastStep) return flush(progress);
    pending = progress;
    timer ??= setTimeout(() => pending && flush(pending), wait);
  };
}
