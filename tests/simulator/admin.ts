/**
 * Test controls over HTTP, for the demo and manual testing (any `*.leankit.com` host):
 * `POST /__simulator/faults` (a JSON FaultRule; `times: null` means Infinity),
 * `DELETE /__simulator/faults`, `POST /__simulator/faults/release` (held bodies go on),
 * `POST /__simulator/expire-tokens`,
 * `POST /__simulator/touch-cards` with `{"cardIds": [...]}` or `{"count": n, "boardId"?: id}`:
 * those cards (or n cards spread evenly over the board, or over every board) of the host's account
 * get the simulator's "now" as their `lastActivityDate`; answers
 * `{"touched": [card ids], "lastActivityDate": "<as the cards report writes it>"}`,
 * `POST /__simulator/extra-columns` with `{"report": "cards", "name": "cardHealth", "after"?:
 * "cardTitle"}`: every export of that report has this column too (see extraColumns.ts),
 * `DELETE /__simulator/extra-columns`.
 * Never logged.
 */
import { accountForHost } from './accounts';
import type { ExtraColumn } from './extraColumns';
import { type FaultRule, ruleProblem } from './faults';
import { boom, jsonReply, notFound, type Reply } from './reply';
import { formatDateTime } from './serialize';
import type { Call, ServerState } from './server';
import type { TouchRequest } from './touches';

const ADMIN_PREFIX = '/__simulator/';

export function isAdminPath(pathname: string): boolean {
  return pathname.startsWith(ADMIN_PREFIX);
}

export async function adminReply(state: ServerState, call: Call): Promise<Reply> {
  const action = `${call.method} ${call.url.pathname.slice(ADMIN_PREFIX.length)}`;
  switch (action) {
    case 'POST faults': {
      const rule = parseRule(await call.readBody());
      if (typeof rule === 'string') return boom(400, rule);
      state.faults.add(rule);
      return jsonReply(200, { ok: true });
    }
    case 'DELETE faults':
      state.faults.clear();
      return jsonReply(200, { ok: true });
    case 'POST faults/release':
      state.faults.release();
      return jsonReply(200, { ok: true });
    case 'POST expire-tokens':
      state.tokens.expireAll();
      return jsonReply(200, { ok: true });
    case 'POST touch-cards': {
      const account = accountForHost(state.accounts, call.headers.host);
      if (!account) return notFound();
      const request = parseTouchRequest(await call.readBody());
      if (typeof request === 'string') return boom(400, request);
      const now = state.now();
      const touched = state.touches.touch(account, request, now);
      if (typeof touched === 'string') return boom(400, touched);
      return jsonReply(200, { touched, lastActivityDate: formatDateTime(now) });
    }
    case 'POST extra-columns': {
      const column = parseObject(
        await call.readBody(),
        'an object with report, name and an optional after',
      );
      if (typeof column === 'string') return boom(400, column);
      const problem = state.extraColumns.add(column as ExtraColumn);
      return problem ? boom(400, problem) : jsonReply(200, { ok: true });
    }
    case 'DELETE extra-columns':
      state.extraColumns.clear();
      return jsonReply(200, { ok: true });
    default:
      return notFound();
  }
}

/** The posted JSON object, or what is wrong with it. */
function parseObject(body: Buffer, what: string): object | string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'Invalid request payload JSON format';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `The body must be ${what}`;
  }
  return value;
}

/** The posted rule, or what is wrong with it. */
function parseRule(body: Buffer): FaultRule | string {
  const value = parseObject(body, 'a FaultRule object');
  if (typeof value === 'string') return value;
  const posted = value as FaultRule & { times?: number | null };
  // JSON has no Infinity, so `null` stands for it.
  const rule: FaultRule = { ...posted, times: posted.times === null ? Infinity : posted.times };
  return ruleProblem(rule) ?? rule;
}

/** The posted touch request, or what is wrong with it. */
function parseTouchRequest(body: Buffer): TouchRequest | string {
  const value = parseObject(body, 'an object with cardIds, or with count and an optional boardId');
  if (typeof value === 'string') return value;
  const { cardIds, count, boardId } = value as Record<string, unknown>;
  if (cardIds !== undefined) {
    const valid = Array.isArray(cardIds) && cardIds.every((id) => typeof id === 'string');
    return valid ? { cardIds } : 'cardIds must be an array of card id strings';
  }
  if (typeof count !== 'number') return 'Give cardIds, or count and an optional boardId';
  if (boardId !== undefined && typeof boardId !== 'string') return 'boardId must be a string';
  return boardId === undefined ? { count } : { count, boardId };
}
