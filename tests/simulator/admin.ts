/**
 * Test controls over HTTP, for the demo and manual testing (any `*.leankit.com` host):
 * `POST /__simulator/faults` (a JSON FaultRule; `times: null` means Infinity),
 * `DELETE /__simulator/faults`, `POST /__simulator/faults/release` (held bodies go on),
 * `POST /__simulator/expire-tokens`. Never logged.
 */
import { type FaultRule, ruleProblem } from './faults';
import { boom, jsonReply, notFound, type Reply } from './reply';
import type { Call, ServerState } from './server';

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
    default:
      return notFound();
  }
}

/** The posted rule, or what is wrong with it. */
function parseRule(body: Buffer): FaultRule | string {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    return 'Invalid request payload JSON format';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return 'The body must be a FaultRule object';
  }
  const posted = value as FaultRule & { times?: number | null };
  // JSON has no Infinity, so `null` stands for it.
  const rule: FaultRule = { ...posted, times: posted.times === null ? Infinity : posted.times };
  return ruleProblem(rule) ?? rule;
}
