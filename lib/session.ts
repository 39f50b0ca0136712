import { parseAccount } from './account';
import { bareToken, createReportingClient } from './api/reportingClient';
import { errorFromStatus } from './api/requestErrors';
import { LeanKitError } from './errors';
import { ensureHostAccess, type HostPermissions, releaseHostAccess } from './hostPermission';
import type { SessionInfo } from './messaging';
import { indexedDbTokenStore, type TokenStore } from './persistentToken';
import {
  persistentSessionItem,
  rememberedLoginItem,
  type StoredSession,
  sessionExpiredItem,
  sessionItem,
  staySignedInItem,
} from './storage/items';

export interface SignInInput {
  account: string;
  email: string;
  password: string;
}

export interface TokenSignInInput {
  account: string;
  token: string;
}

/** How the toolbar button shows that the user must sign in again. */
export interface SignInBadge {
  /** With `why`, the button's title says it instead of "sign in again". */
  show(why?: string): Promise<void>;
  clear(): Promise<void>;
}

interface Deps {
  fetch: typeof globalThis.fetch;
  badge?: SignInBadge;
  /** Where a token kept on this computer lives; the extension origin's IndexedDB by default. */
  tokenStore?: TokenStore;
  /**
   * When given, every export first checks that the user still allows the account's host (hosts off
   * leankit.com are granted at runtime, and can be revoked in the browser's settings), and signing
   * out gives that permission back.
   */
  permissions?: Pick<HostPermissions, 'contains' | 'remove'>;
}

/** Signs in and out, hands the token to whoever runs exports, and notices when it stops working. */
export function createSessionService({
  fetch,
  badge,
  tokenStore = indexedDbTokenStore(),
  permissions,
}: Deps) {
  const signOutListeners = new Set<() => void>();

  async function store(session: StoredSession): Promise<void> {
    if (await staySignedInItem.getValue()) {
      const { token: _token, ...info } = session;
      // Sealed with its token: the sealed record alone says who is signed in, and where to.
      await tokenStore.set(sealSession(session));
      await persistentSessionItem.setValue(info);
      await sessionItem.removeValue();
    } else {
      await sessionItem.setValue(session);
      await forgetPersistent();
    }
    await sessionExpiredItem.removeValue();
    await badge?.clear();
  }

  async function stored(): Promise<StoredSession | null> {
    const current = await sessionItem.getValue();
    if (current) return current;
    const sealed = await tokenStore.get();
    if (sealed === null) return null;
    const session = openSession(sealed);
    if (session) return session;
    // The previous version sealed the bare token; who it belongs to came from the plain copy.
    // Sealed together from now on.
    const info = await persistentSessionItem.getValue();
    if (!info) return null;
    await tokenStore.set(sealSession({ ...info, token: sealed }));
    return { ...info, token: sealed };
  }

  async function forgetPersistent(): Promise<void> {
    await persistentSessionItem.removeValue();
    await tokenStore.clear();
  }

  async function forget(): Promise<void> {
    await sessionItem.removeValue();
    await forgetPersistent();
  }

  return {
    async signIn({ account, email, password }: SignInInput): Promise<SessionInfo> {
      const parsed = parseAccount(account);
      const trimmedEmail = email.trim();
      if (trimmedEmail === '' || password === '') {
        throw new LeanKitError('bad-credentials', 'Enter your email and password.');
      }
      const client = createReportingClient({ fetch, origin: parsed.origin });
      const { token } = await client.signIn({
        email: trimmedEmail,
        password,
        accountName: parsed.accountName,
      });
      // Signing in works without Advanced Reporting; say so now rather than at the first export.
      await checkToken(fetch, parsed.origin, token);
      const claims = tokenClaims(token);
      const info: SessionInfo = {
        origin: parsed.origin,
        accountName: parsed.accountName,
        email: trimmedEmail,
        ...(claims.name ? { name: claims.name } : {}),
      };
      await store({ ...info, token });
      await rememberedLoginItem.setValue({ account: parsed.host, email: trimmedEmail });
      return info;
    },

    /**
     * Signs in with a token the user already has (single sign-on users have no LeanKit password).
     * One small request checks that LeanKit accepts it before it is kept.
     */
    async signInWithToken({ account, token }: TokenSignInInput): Promise<SessionInfo> {
      const parsed = parseAccount(account);
      const cleaned = bareToken(token);
      if (cleaned === '' || /\s/.test(cleaned)) {
        throw new LeanKitError('bad-credentials', 'Paste the whole token, without spaces.');
      }
      await checkToken(fetch, parsed.origin, cleaned);
      const claims = tokenClaims(cleaned);
      const info: SessionInfo = {
        origin: parsed.origin,
        accountName: parsed.accountName,
        email: claims.email ?? '',
        ...(claims.name ? { name: claims.name } : {}),
      };
      await store({ ...info, token: cleaned });
      const remembered = await rememberedLoginItem.getValue();
      await rememberedLoginItem.setValue({
        account: parsed.host,
        email: claims.email ?? remembered?.email ?? '',
      });
      return info;
    },

    async signOut(): Promise<void> {
      // First, so that nothing goes on with this user's token while it is being forgotten.
      for (const listener of signOutListeners) listener();
      const signedOut = await stored();
      await forget();
      if (signedOut && permissions) await releaseHostAccess(signedOut.origin, permissions);
      await sessionExpiredItem.removeValue();
      await badge?.clear();
    },

    /**
     * Calls `listener` at every sign-out (the export engine stops the user's exports there).
     * Returns the function that stops it.
     */
    onSignOut(listener: () => void): () => void {
      signOutListeners.add(listener);
      return () => signOutListeners.delete(listener);
    },

    /** Who is signed in, without the token. */
    async current(): Promise<SessionInfo | null> {
      const session = await stored();
      if (!session) return null;
      const { token: _token, ...info } = session;
      return info;
    },

    /**
     * The session with its token, or an error: `token-expired` while the last token LeanKit refused
     * is not replaced (a request racing the one that dropped it must say so too), else `not-signed-in`.
     */
    async require(): Promise<StoredSession> {
      const session = await stored();
      if (!session) {
        if (await sessionExpiredItem.getValue()) throw errorFromStatus(401);
        throw new LeanKitError('not-signed-in', 'Sign in to LeanKit to export reports.');
      }
      if (permissions) await ensureHostAccess(session.origin, permissions);
      return session;
    },

    /** Drops a token LeanKit no longer accepts, keeping the account and email for the next sign-in. */
    async dropToken(token: string): Promise<void> {
      const session = await stored();
      if (session?.token !== token) return;
      await forget();
      await sessionExpiredItem.setValue(true);
      await badge?.show();
    },

    /**
     * Calls `listener` whenever who is signed in may have changed (sign-in, sign-out, an expired
     * token), wherever the token is kept. Returns the function that stops it.
     */
    watch(listener: () => void): () => void {
      const stops = [sessionItem.watch(listener), persistentSessionItem.watch(listener)];
      return () => {
        for (const stop of stops) stop();
      };
    },

    /** Applies "Stay signed in on this computer", moving a current token to where it now belongs. */
    async setStaySignedIn(stay: boolean): Promise<void> {
      await staySignedInItem.setValue(stay);
      const session = await stored();
      if (session) await store(session);
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

/**
 * What "Stay signed in" seals (lib/persistentToken.ts): the whole session, so that AES-GCM
 * authenticates who the token belongs to and the origin it may be sent to. The plain copy in
 * `local:signedIn` is only for the extension's pages to watch: Firefox's content scripts can
 * write it, and a rewritten origin there must not send the token elsewhere.
 */
function sealSession(session: StoredSession): string {
  const { origin, accountName, email, name, token } = session;
  return JSON.stringify({ origin, accountName, email, ...(name ? { name } : {}), token });
}

/** The session sealed by `sealSession`, or null for anything else (a bare token, sealed before). */
function openSession(sealed: string): StoredSession | null {
  let value: unknown;
  try {
    value = JSON.parse(sealed);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const { origin, accountName, email, name, token } = value as Record<string, unknown>;
  if (
    typeof origin !== 'string' ||
    typeof accountName !== 'string' ||
    typeof email !== 'string' ||
    typeof token !== 'string' ||
    token === '' ||
    (name !== undefined && typeof name !== 'string')
  ) {
    return null;
  }
  return { origin, accountName, email, ...(name ? { name } : {}), token };
}

/** Checks a token before it is kept; a refused token is the user's input, not an expiry. */
async function checkToken(fetch: typeof globalThis.fetch, origin: string, token: string) {
  try {
    await createReportingClient({ fetch, origin }).checkToken(token);
  } catch (cause) {
    if (cause instanceof LeanKitError && cause.kind === 'token-expired') {
      throw new LeanKitError(
        'bad-credentials',
        'LeanKit did not accept this token for this account. Check the account, or get a new token.',
        cause.status,
      );
    }
    throw cause;
  }
}

/**
 * The `id` (the user's id), `name` and `email` claims of the reporting JWT, if it has them; it is
 * otherwise opaque to us.
 */
export function tokenClaims(token: string): { id?: string; name?: string; email?: string } {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims: unknown = JSON.parse(json);
    if (typeof claims !== 'object' || claims === null) return {};
    const { id, name, email } = claims as { id?: unknown; name?: unknown; email?: unknown };
    return {
      ...((typeof id === 'string' && id !== '') || typeof id === 'number'
        ? { id: String(id) }
        : {}),
      ...(typeof name === 'string' && name.trim() !== '' ? { name: name.trim() } : {}),
      ...(typeof email === 'string' && email.includes('@') ? { email: email.trim() } : {}),
    };
  } catch {
    return {};
  }
}
