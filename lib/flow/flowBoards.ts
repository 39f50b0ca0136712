/** The boards in the Flow charts page's address: `boards=1,2` (lib/flow/flowPath.ts), or `board=1`. */
export function readFlowBoards(search: string): string[] {
  const params = new URLSearchParams(search);
  const ids = [params.get('board') ?? '', ...(params.get('boards') ?? '').split(',')]
    .map((id) => id.trim())
    .filter((id) => /^\d+$/.test(id));
  return [...new Set(ids)];
}
