/**
 * Calls `onRedraw` after the page's elements change, at most once per `intervalMs`: LeanKit's app
 * redraws parts of the page (its header too) without changing the URL. A throttle, not a debounce,
 * so a board that never stops updating still gets checked.
 */
export function watchPageRedraws(root: Node, onRedraw: () => void, intervalMs = 100): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const observer = new MutationObserver(() => {
    if (timer !== undefined) return;
    timer = setTimeout(() => {
      timer = undefined;
      onRedraw();
    }, intervalMs);
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}
