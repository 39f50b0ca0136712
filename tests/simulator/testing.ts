/** Helpers shared by the simulator's own tests. */
import type { Simulator } from './index';

export const ORIGIN = 'https://acme.leankit.com';
export const AUTH_URL = `${ORIGIN}/io/reporting/auth`;
export const EXPORT_URL = `${ORIGIN}/io/reporting/export`;

/** Signs in as the demo user and returns the token. */
export async function signIn(fetch: typeof globalThis.fetch, sim: Simulator): Promise<string> {
  const response = await fetch(AUTH_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: sim.demo.email,
      password: sim.demo.password,
      accountName: sim.demo.account,
    }),
  });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status}`);
  const { token } = (await response.json()) as { token: string };
  return token;
}

/** The demo account's first board; a simulator without one is a broken setup. */
export function firstBoard(sim: Pick<Simulator, 'boards'>): Simulator['boards'][number] {
  const [board] = sim.boards;
  if (!board) throw new Error('The simulator has no boards');
  return board;
}

export function bearer(token: string): { headers: { authorization: string } } {
  return { headers: { authorization: `Bearer ${token}` } };
}

/** A JWT's decoded header and payload. */
export function decodeJwt(token: string): { header: unknown; payload: Record<string, unknown> } {
  const [header = '', payload = ''] = token.split('.');
  const decode = (part: string): unknown =>
    JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  return { header: decode(header), payload: decode(payload) as Record<string, unknown> };
}
