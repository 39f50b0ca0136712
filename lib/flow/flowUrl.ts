/**
 * The Flow charts page's address for some boards (`flow.html?boards=1,2`; `board=1` is read too),
 * and the boards in its parameters. Board ids only: nothing secret goes in a URL.
 */
export function flowPath(boardIds: readonly string[]): `/flow.html?${string}` {
  return `/flow.html?${new URLSearchParams({ boards: boardIds.join(',') })}`;
}

export function readFlowBoards(search: string): string[] {
  const params = new URLSearchParams(search);
  const ids = [params.get('board') ?? '', ...(params.get('boards') ?? '').split(',')]
    .map((id) => id.trim())
    .filter((id) => /^\d+$/.test(id));
  return [...new Set(ids)];
}
