import { createReportingClient } from '../api/reportingClient';
import { LeanKitError } from '../errors';
import { StallGuard } from '../jobs/stallGuard';
import { readStallTimeoutMs } from '../jobs/stallTimeout';
import type { LaneOption } from './laneOptions';

function unreadableLanes(): LeanKitError {
  return new LeanKitError('server', 'LeanKit sent a lane list this extension cannot read.');
}

/**
 * The `lanes` report's JSON rows → the lanes a card can sit in, in the order served. A lane with
 * child lanes holds no cards (its children do), so the lane filter would keep nothing for it: it is
 * left out. Rows without a usable lane id are skipped; a lane served twice is listed once.
 */
export function laneOptionsFromRows(rows: unknown): LaneOption[] {
  if (!Array.isArray(rows)) throw unreadableLanes();
  const byId = new Map<string, LaneOption>();
  for (const row of rows) {
    if (typeof row !== 'object' || row === null) continue;
    const lane = row as Record<string, unknown>;
    const id = idOf(lane.laneId);
    if (id === undefined || byId.has(id) || holdsNoCards(lane)) continue;
    const boardId = idOf(lane.boardId) ?? '';
    byId.set(id, {
      id,
      title: textOf(lane.fullLaneTitle) ?? textOf(lane.laneTitle) ?? `Lane ${id}`,
      boardId,
      boardTitle: textOf(lane.boardTitle) ?? (boardId ? `Board ${boardId}` : 'Unknown board'),
    });
  }
  return [...byId.values()];
}

/** Only a lane LeanKit says cannot hold cards, or has children: without either flag it is kept. */
function holdsNoCards(lane: Record<string, unknown>): boolean {
  return lane.canHoldCards === false || lane.hasChildLanes === true;
}

function idOf(value: unknown): string | undefined {
  const id = typeof value === 'number' ? String(value) : value;
  return typeof id === 'string' && /^\d+$/.test(id) ? id : undefined;
}

function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * The lanes of these boards, from LeanKit's `lanes` report (one request, JSON). Boards must be
 * named: the lanes of every board of a large account are too many to pick from. A request that
 * does not answer within the stall time fails with the timeout error rather than load forever.
 */
export async function loadBoardLanes({
  fetch,
  origin,
  token,
  boardIds,
  stallTimeoutMs,
}: {
  fetch: typeof globalThis.fetch;
  origin: string;
  token: string;
  boardIds: readonly string[];
  stallTimeoutMs?: number;
}): Promise<LaneOption[]> {
  if (boardIds.length === 0) {
    throw new LeanKitError('bad-request', 'Choose boards to list their lanes.');
  }
  const client = createReportingClient({ fetch, origin });
  const stall = new StallGuard(stallTimeoutMs ?? (await readStallTimeoutMs()), client.host);
  const request = { reportId: 'lanes', format: 'json', boardIds } as const;
  const response = await stall.race(client.openExport(token, request, stall.signal));
  const rows: unknown = await stall.race(response.json().catch(() => undefined));
  return laneOptionsFromRows(rows);
}
