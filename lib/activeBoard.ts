import { parseBoardUrl } from './board/boardUrl';

/** The part of `browser.tabs` this needs: with our host permission the URL of a LeanKit tab is visible. */
interface Tabs {
  query(info: { active: boolean; currentWindow: boolean }): Promise<Array<{ url?: string }>>;
}

/**
 * The board shown in the active tab, when it is a board of the signed-in account. No `tabs`
 * permission is needed: the host permission on https://*.leankit.com/* lets us see those URLs,
 * and only those.
 */
export async function activeBoardId(tabs: Tabs, origin: string): Promise<string | null> {
  try {
    const [tab] = await tabs.query({ active: true, currentWindow: true });
    const board = tab?.url ? parseBoardUrl(tab.url) : null;
    return board && board.origin === origin ? board.boardId : null;
  } catch {
    return null;
  }
}
