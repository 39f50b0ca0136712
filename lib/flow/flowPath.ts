/**
 * The Flow charts page's address for some boards (`flow.html?boards=1,2`). Board ids only:
 * nothing secret goes in a URL. Apart from the page's reading of it (flowBoards.ts), so the popup,
 * which only opens the page, shares no code with it but the framework.
 */
export function flowPath(boardIds: readonly string[]): `/flow.html?${string}` {
  return `/flow.html?${new URLSearchParams({ boards: boardIds.join(',') })}`;
}
