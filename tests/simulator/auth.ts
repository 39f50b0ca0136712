/**
 * Reporting tokens: sign-in (`POST /io/reporting/auth`, §3) and the token check every export makes
 * (§3.4, §3.5, §6.2). Tokens are HS256 JWTs signed with a per-server secret; expiring every token
 * at once is done by replacing that secret.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Conventions } from './conventions';
import type { Account, User } from './data';
import { type Claims, signJwt, verifyJwt } from './jwt';
import { boom, jsonReply, type Reply } from './reply';

const ISSUER = 'leankit-reporting-api';

export type TokenTransport = 'query' | 'header' | 'none';

export class Tokens {
  private secret = randomBytes(32);

  constructor(
    private readonly lifetimeSeconds: number,
    private readonly now: () => number,
  ) {}

  /** A new token for the user, and when it expires (epoch seconds). */
  issue(account: Account, user: User): { token: string; exp: number } {
    const iat = Math.floor(this.now() / 1000);
    const exp = iat + this.lifetimeSeconds;
    const claims = {
      id: user.id,
      name: user.name,
      email: user.email,
      orgId: account.orgId,
      cacheExpiration: 1440,
      iat,
      exp,
      iss: ISSUER,
      aud: ISSUER,
    };
    return { token: signJwt(claims, this.secret), exp };
  }

  /** The user a token was issued to, if it is genuine, unexpired and for this account. */
  userOf(token: string, account: Account): User | undefined {
    const claims = verifyJwt(token, this.secret);
    if (!claims || !isCurrent(claims, this.now())) return undefined;
    if (claims.orgId !== account.orgId) return undefined;
    return account.users.find((user) => user.id === claims.id);
  }

  /** Every token issued so far stops working. */
  expireAll(): void {
    this.secret = randomBytes(32);
  }
}

function isCurrent(claims: Claims, now: number): boolean {
  return (
    claims.iss === ISSUER &&
    claims.aud === ISSUER &&
    typeof claims.exp === 'number' &&
    now / 1000 < claims.exp
  );
}

/** Where a request carries its token; the Bearer header wins over `?token=` (§9). */
export function findToken(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): { token: string; transport: TokenTransport } {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headers.authorization ?? '');
  if (bearer?.[1]) return { token: bearer[1], transport: 'header' };
  const token = query.get('token');
  if (token) return { token, transport: 'query' };
  return { token: '', transport: 'none' };
}

/** The signed-in user and their account, or the 401 reply the API gives instead. */
export function authenticate(
  tokens: Tokens,
  account: Account | undefined,
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
): { account: Account; user: User } | Reply {
  const { token, transport } = findToken(headers, query);
  if (transport === 'none') return boom(401, 'Missing authentication');
  const user = account && tokens.userOf(token, account);
  return account && user ? { account, user } : boom(401, 'Invalid token');
}

const MAX_BODY_BYTES = 64 * 1024;
const LOGIN_FAILED = 'Login failed: email or password is incorrect';

/**
 * `POST /io/reporting/auth` with JSON (or form-encoded) `{email, password, accountName}`. The
 * answer's `expires` takes the form `expiresForm` says (§10: its real form is unknown).
 */
export function signIn(
  tokens: Tokens,
  account: Account | undefined,
  contentType: string | undefined,
  body: Buffer,
  expiresForm: Conventions['authExpires'],
): Reply {
  if (body.length > MAX_BODY_BYTES)
    return boom(413, 'Payload content length greater than maximum allowed');
  const fields = parseFields(contentType ?? '', body.toString('utf8'));
  if (!fields) return boom(400, 'Invalid request payload JSON format');
  const { email, password, accountName } = fields;
  if (typeof email !== 'string' || !email || typeof password !== 'string' || !password) {
    return boom(400, 'email and password are required');
  }
  // A named account must be the host's own; its absence is tolerated (§3.1: "required" is unknown).
  const accountMatches =
    accountName === undefined ||
    (typeof accountName === 'string' && accountName.toLowerCase() === account?.name);
  const login = account?.logins.find(
    (candidate) =>
      candidate.email.toLowerCase() === email.toLowerCase() && candidate.password === password,
  );
  if (!account || !login || !accountMatches) return boom(401, LOGIN_FAILED);
  const { token, exp } = tokens.issue(account, login.user);
  if (expiresForm === 'absent') return jsonReply(200, { token });
  const expires = expiresForm === 'epoch-seconds' ? exp : new Date(exp * 1000).toISOString();
  return jsonReply(200, { token, expires });
}

function parseFields(contentType: string, text: string): Record<string, unknown> | null {
  if (contentType.toLowerCase().includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text));
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}
