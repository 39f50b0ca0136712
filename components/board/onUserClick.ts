/**
 * A click handler that acts on the user's own clicks only: mouse, touch, or Enter or Space on the
 * focused control, which the browser turns into a trusted click. A click made by a LeanKit page's
 * scripts (`button.click()`, `dispatchEvent`: our shadow root is open) is untrusted and ignored,
 * so the page cannot export a board, open a tab or show a file by itself.
 */
export function onUserClick(action: () => void): (event: MouseEvent) => void {
  return (event) => {
    if (event.isTrusted) action();
  };
}
