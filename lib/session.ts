import { storage } from 'wxt/utils/storage';
import { parseAccount } from './account';
import { createReportingClient } from './api/reportingClient';
import { LeanKitError } from './errors';
import type { SessionInfo } from './messaging';

/** The signed-in session, token included. Session storage: memory only, hidden from content scripts. */
interface StoredSession extends SessionInfo {
  token: string;
}

/** The signed-in session with its token. Only the background reads this. */
export const sessionItem = storage.defineItem<StoredSession | null>('session:signedIn', {
  fallback: null,
});

/** The account and email last signed in with, to fill the sign-in form. Never the password. */
export const rememberedLoginItem = storage.defineItem<{ account: string; email: string } | null>(
  'local:rememberedLogin',
  { fallback: null },
);

export interface SignInInput {
  account: string;
  email: string;
  password: string;
}

/** Signs in and out, and hands the token to whoever runs exports. */
export function createSessionService({ fetch }: { fetch: typeof globalThis.fetch }) {
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
      const info: SessionInfo = {
        origin: parsed.origin,
        accountName: parsed.accountName,
        email: trimmedEmail,
        ...nameClaim(token),
      };
      await sessionItem.setValue({ ...info, token });
      await rememberedLoginItem.setValue({ account: parsed.host, email: trimmedEmail });
      return info;
    },

    async signOut(): Promise<void> {
      await sessionItem.removeValue();
    },

    /** Who is signed in, without the token. */
    async current(): Promise<SessionInfo | null> {
      const stored = await sessionItem.getValue();
      if (!stored) return null;
      const { token: _token, ...info } = stored;
      return info;
    },

    /** The session with its token, or a `not-signed-in` error. */
    async require(): Promise<StoredSession> {
      const stored = await sessionItem.getValue();
      if (!stored) {
        throw new LeanKitError('not-signed-in', 'Sign in to LeanKit to export reports.');
      }
      return stored;
    },

    /** Drops a token LeanKit no longer accepts, keeping the account and email for the next sign-in. */
    async dropToken(token: string): Promise<void> {
      const stored = await sessionItem.getValue();
      if (stored?.token === token) await sessionItem.removeValue();
    },
  };
}

export type SessionService = ReturnType<typeof createSessionService>;

/** The `name` claim of the reporting JWT, if it has one; the token is otherwise opaque to us. */
function nameClaim(token: string): { name?: string } {
  const payload = token.split('.')[1];
  if (!payload) return {};
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const name: unknown = JSON.parse(json)?.name;
    return typeof name === 'string' && name.trim() !== '' ? { name: name.trim() } : {};
  } catch {
    return {};
  }
}
