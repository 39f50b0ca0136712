import { isNotFoundQuestion } from './protocol';

/**
 * What LeanKit's not-found view says in its heading when a board id does not exist or the user may
 * not see it. The app still answers `/board/<id>` with its page and draws this view instead of
 * the board; the wording is matched whole, so a board named e.g. "Not found bugs" is still a board.
 */
const NOT_FOUND_HEADINGS = [
  /^(board|page)?\s*not found\.?$/i,
  /^this board (doesn[’']t|does not) exist/i,
  /^you (don[’']t|do not) have access to this board/i,
];

/**
 * Whether the page shows LeanKit's "board not found" view rather than a board: recognised by a
 * heading's words, never by LeanKit's class names, which change with their releases.
 */
export function showsBoardNotFound(root: ParentNode): boolean {
  return Array.from(root.querySelectorAll('h1, h2, [role="heading"]')).some((heading) => {
    const text = heading.textContent?.replace(/\s+/g, ' ').trim() ?? '';
    return NOT_FOUND_HEADINGS.some((pattern) => pattern.test(text));
  });
}

/**
 * The content script's listener for the background's `NOT_FOUND_QUESTION`; other messages are
 * left unanswered for the board button's own listener. It answers through `sendResponse`: the
 * content script has no polyfill, and Chrome only takes a listener's returned promise as its
 * answer from version 144 on (wxt.config.ts, minimum_chrome_version).
 */
export function answerNotFoundQuestion(root: ParentNode) {
  return (message: unknown, _sender: unknown, sendResponse: (answer: boolean) => void): void => {
    if (isNotFoundQuestion(message)) sendResponse(showsBoardNotFound(root));
  };
}
