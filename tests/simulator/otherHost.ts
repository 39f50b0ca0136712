/**
 * A server that is not LeanKit, where a redirect may send a request (the `redirect` fault). It
 * answers anything, as a hostile server would: CORS preflights allowed with every header a client
 * might carry along, and a small page for every request. Tests map its host to the simulator and
 * read the request log to see whether a password or a token ever arrived there.
 */
import type { Reply } from './reply';

/** The host name browsers in the tests resolve to the simulator besides `*.leankit.com`. */
export const OTHER_HOST = 'evil.example.com';

export const OTHER_HOST_BODY = 'This is not LeanKit.\n';

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST',
  'access-control-allow-headers': 'authorization, content-type, accept',
};

/**
 * True for the one host the simulator answers as a server other than LeanKit. Only that one: any
 * other name (a `*.leankit.com` account, or a company's own address such as `acme.example.com`)
 * reaches the account named by its first label.
 */
export function isOtherHost(hostname: string): boolean {
  return hostname === OTHER_HOST;
}

/** The answer to any request: a preflight is allowed, anything else gets a small page. */
export function otherHostReply(method: string): Reply {
  if (method === 'OPTIONS') return { status: 204, headers: CORS, body: '' };
  return {
    status: 200,
    headers: { ...CORS, 'content-type': 'text/csv; charset=utf-8' },
    body: OTHER_HOST_BODY,
  };
}

/** Whether a request body carries a non-empty `password` field (JSON or form-encoded). */
export function carriesPassword(body: Buffer): boolean {
  const text = body.toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === 'object' && value !== null && 'password' in value) {
      return Boolean((value as { password: unknown }).password);
    }
  } catch {
    // Not JSON: read it as a form.
  }
  return Boolean(new URLSearchParams(text).get('password'));
}
