// @vitest-environment node

import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { simulatorFetch } from '@/tests/simulator/fetch';
import { type Simulator, startSimulator } from '@/tests/simulator/index';
import { LeanKitError } from '../errors';
import type { TokenStore } from '../persistentToken';
import { createSessionService } from '../session';
import {
  persistentSessionItem,
  rememberedLoginItem,
  sessionExpiredItem,
  sessionItem,
  staySignedInItem,
} from '../storage/items';

let sim: Simulator;

beforeAll(async () => {
  sim = await startSimulator({ boards: 1, cardsPerBoard: 5 });
});
afterAll(() => sim.close());
beforeEach(() => {
  fakeBrowser.reset();
});

/** The IndexedDB token store's stand-in: the real one is proven end to end (tests/e2e). */
function memoryTokenStore(): TokenStore & { token: string | null } {
  const store = {
    token: null as string | null,
    get: async () => store.token,
    set: async (token: string) => {
      store.token = token;
    },
    clear: async () => {
      store.token = null;
    },
  };
  return store;
}

let tokenStore: ReturnType<typeof memoryTokenStore>;

/** What the token store holds, read as the session sealed there. */
function sealed(): Record<string, unknown> | null {
  return tokenStore.token === null ? null : JSON.parse(tokenStore.token);
}
beforeEach(() => {
  tokenStore = memoryTokenStore();
});

function service() {
  return createSessionService({ fetch: simulatorFetch(sim), tokenStore });
}

async function allStorage(): Promise<string> {
  const areas = [fakeBrowser.storage.local, fakeBrowser.storage.session, fakeBrowser.storage.sync];
  return JSON.stringify(await Promise.all(areas.map((area) => area.get(null))));
}

describe('session service', () => {
  it('signs in from a board URL, keeps the token in session storage and never the password', async () => {
    const info = await service().signIn({
      account: `https://${sim.demo.host}/board/${sim.boards[0]?.id}`,
      email: ` ${sim.demo.email} `,
      password: sim.demo.password,
    });
    expect(info).toEqual({
      origin: `https://${sim.demo.host}`,
      accountName: 'acme',
      email: sim.demo.email,
      name: sim.demo.name,
    });
    const stored = await sessionItem.getValue();
    expect(stored?.token.split('.')).toHaveLength(3);
    expect(await fakeBrowser.storage.session.get(null)).toHaveProperty('signedIn');
    expect(await rememberedLoginItem.getValue()).toEqual({
      account: sim.demo.host,
      email: sim.demo.email,
    });
    const everything = await allStorage();
    expect(everything).not.toContain(sim.demo.password);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(stored?.token);
  });

  it('hands out who is signed in without the token', async () => {
    const sessions = service();
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const current = await sessions.current();
    expect(current).not.toHaveProperty('token');
    expect(current?.accountName).toBe('acme');
  });

  it('stores nothing when the password is wrong', async () => {
    const error = await service()
      .signIn({ account: 'acme', email: sim.demo.email, password: 'nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LeanKitError);
    expect((error as LeanKitError).kind).toBe('bad-credentials');
    expect(await allStorage()).toBe('[{},{},{}]');
  });

  it('asks for an email and password before calling LeanKit', async () => {
    const error = await service()
      .signIn({ account: 'acme', email: '  ', password: '' })
      .catch((e: unknown) => e);
    expect((error as LeanKitError).message).toBe('Enter your email and password.');
    expect(sim.requests.filter((r) => r.path === '/io/reporting/auth' && r.status === 400)).toEqual(
      [],
    );
  });

  it('signs out, and drops only the token LeanKit refused', async () => {
    const sessions = service();
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const { token } = await sessions.require();
    await sessions.dropToken('some-older-token');
    expect(await sessions.current()).not.toBeNull();
    await sessions.dropToken(token);
    expect(await sessions.current()).toBeNull();
    expect(await rememberedLoginItem.getValue()).not.toBeNull();

    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    await sessions.signOut();
    await expect(sessions.require()).rejects.toMatchObject({ kind: 'not-signed-in' });
  });

  it('after a token expired, asking for the session says it expired, until sign-in or sign-out', async () => {
    // Two requests racing on one refused token: the second finds it dropped by the first, and
    // must say "expired", not "sign in" as if the user had never signed in.
    const sessions = service();
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    await sessions.dropToken((await sessions.require()).token);
    await expect(sessions.require()).rejects.toMatchObject({
      kind: 'token-expired',
      message: 'Your LeanKit session expired. Sign in again to continue.',
    });
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    expect((await sessions.require()).token).not.toBe('');
    await sessions.dropToken((await sessions.require()).token);
    await sessions.signOut();
    await expect(sessions.require()).rejects.toMatchObject({ kind: 'not-signed-in' });
  });

  it('tells its sign-out listeners at each sign-out, and not when a token expires', async () => {
    const sessions = service();
    const heard = vi.fn();
    const stop = sessions.onSignOut(heard);
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    await sessions.dropToken((await sessions.require()).token);
    expect(heard).not.toHaveBeenCalled();
    await sessions.signOut();
    expect(heard).toHaveBeenCalledOnce();
    stop();
    await sessions.signOut();
    expect(heard).toHaveBeenCalledOnce();
  });

  it('tells an account without Advanced Reporting so at sign-in, and keeps no token', async () => {
    const { noReporting } = sim;
    await expect(
      service().signIn({
        account: noReporting.host,
        email: noReporting.email,
        password: noReporting.password,
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    expect(await sessionItem.getValue()).toBeNull();
    expect(await persistentSessionItem.getValue()).toBeNull();
  });

  it('signs in with an existing token after one small check, and refuses one LeanKit rejects', async () => {
    const token = await issueToken();
    const sessions = service();
    await expect(
      sessions.signInWithToken({ account: 'acme', token: 'not-a-token' }),
    ).rejects.toMatchObject({
      kind: 'bad-credentials',
      message: expect.stringMatching(/did not accept this token/),
    });
    expect(await sessions.current()).toBeNull();

    const info = await sessions.signInWithToken({
      account: 'acme.leankit.com',
      token: ` Bearer ${token} `,
    });
    expect(info).toEqual({
      origin: 'https://acme.leankit.com',
      accountName: 'acme',
      email: sim.demo.email,
      name: sim.demo.name,
    });
    expect((await sessions.require()).token).toBe(token);
    const check = sim.requests.filter((r) => r.path === '/io/reporting/export/boards').at(-1);
    expect(check?.query).toMatchObject({ limit: '1' });
  });

  it('keeps a token on this computer only when the user chose to stay signed in, never in storage.local, and moves it when that changes', async () => {
    const sessions = service();
    await staySignedInItem.setValue(true);
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const { token } = await sessions.require();
    // Sealed together with who it belongs to, so that the origin it goes to is authenticated too.
    expect(sealed()).toEqual({
      origin: 'https://acme.leankit.com',
      accountName: 'acme',
      email: sim.demo.email,
      name: sim.demo.name,
      token,
    });
    // storage.local, which content scripts can read, holds who is signed in but no token.
    expect(await persistentSessionItem.getValue()).toEqual({
      origin: 'https://acme.leankit.com',
      accountName: 'acme',
      email: sim.demo.email,
      name: sim.demo.name,
    });
    expect(await sessionItem.getValue()).toBeNull();
    expect(await allStorage()).not.toContain(token);
    expect(await allStorage()).not.toContain('eyJ');

    await sessions.setStaySignedIn(false);
    expect(tokenStore.token).toBeNull();
    expect(await persistentSessionItem.getValue()).toBeNull();
    expect(await sessionItem.getValue()).toMatchObject({ accountName: 'acme', token });
    expect(await staySignedInItem.getValue()).toBe(false);

    await sessions.setStaySignedIn(true);
    expect(sealed()).toMatchObject({ accountName: 'acme', token });
    await sessions.signOut();
    expect(tokenStore.token).toBeNull();
    expect(await allStorage()).not.toContain('token');
  });

  it('a session kept on this computer survives the loss of session storage (a browser restart)', async () => {
    await staySignedInItem.setValue(true);
    await service().signIn({
      account: 'acme',
      email: sim.demo.email,
      password: sim.demo.password,
    });
    await fakeBrowser.storage.session.clear();
    // A new background (service worker restarted) with the same disk.
    const restarted = service();
    expect(await restarted.current()).toMatchObject({ accountName: 'acme' });
    expect((await restarted.require()).token).toBe(sealed()?.token);
  });

  it('takes who is signed in from the sealed record: a rewritten plain copy sends the token nowhere else', async () => {
    await staySignedInItem.setValue(true);
    const sessions = service();
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    // What a content script can do in Firefox, where storage.local stays open to it.
    await persistentSessionItem.setValue({
      origin: 'https://evil.example',
      accountName: 'evil',
      email: 'mallory@evil.example',
    });
    expect(await sessions.require()).toMatchObject({
      origin: 'https://acme.leankit.com',
      accountName: 'acme',
      email: sim.demo.email,
    });
    expect(await sessions.current()).toEqual({
      origin: 'https://acme.leankit.com',
      accountName: 'acme',
      email: sim.demo.email,
      name: sim.demo.name,
    });
    // Nor does removing it sign the user out.
    await persistentSessionItem.removeValue();
    expect(await sessions.current()).toMatchObject({ accountName: 'acme' });
  });

  it('seals a bare token kept by the previous version together with who it belongs to', async () => {
    const info = { origin: 'https://acme.leankit.com', accountName: 'acme', email: 'a@acme.test' };
    await persistentSessionItem.setValue(info);
    tokenStore.token = 'eyJ.bare.token';
    expect(await service().require()).toEqual({ ...info, token: 'eyJ.bare.token' });
    expect(sealed()).toEqual({ ...info, token: 'eyJ.bare.token' });
    // From then on the plain copy no longer counts.
    await persistentSessionItem.setValue({ ...info, origin: 'https://evil.example' });
    expect((await service().require()).origin).toBe('https://acme.leankit.com');
  });

  it('reads a bare token with nobody it belongs to as signed out', async () => {
    tokenStore.token = 'eyJ.bare.token';
    expect(await service().current()).toBeNull();
  });

  it('reads as signed out when the kept token is gone, whatever storage.local says', async () => {
    await staySignedInItem.setValue(true);
    const sessions = service();
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    tokenStore.token = null;
    expect(await sessions.current()).toBeNull();
    await expect(sessions.require()).rejects.toMatchObject({ kind: 'not-signed-in' });
  });

  it('keeps nothing on disk when the token cannot be stored there', async () => {
    await staySignedInItem.setValue(true);
    const broken: TokenStore = {
      get: async () => null,
      set: async () => {
        throw new Error('QuotaExceededError');
      },
      clear: async () => {},
    };
    const sessions = createSessionService({ fetch: simulatorFetch(sim), tokenStore: broken });
    await expect(
      sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password }),
    ).rejects.toThrow();
    expect(await persistentSessionItem.getValue()).toBeNull();
    expect(await sessions.current()).toBeNull();
  });

  it('checks the host permission before handing out a token for a host off leankit.com', async () => {
    const kept = {
      origin: 'https://boards.example.com',
      accountName: 'boards',
      email: 'demo@acme.test',
      token: 'eyJ.kept.token',
    };
    await sessionItem.setValue(kept);
    const { allowed, permissions } = hostPermissions();
    const sessions = createSessionService({ fetch: simulatorFetch(sim), tokenStore, permissions });
    await expect(sessions.require()).rejects.toMatchObject({
      kind: 'no-permission',
      message: expect.stringContaining('needs your permission to talk to boards.example.com'),
    });
    allowed.push('https://boards.example.com/*');
    expect((await sessions.require()).token).toBe(kept.token);
  });

  it.each([[false], [true]])(
    'signing out (stay signed in: %s) gives back the permission for a host off leankit.com',
    async (stay) => {
      const { allowed, permissions } = hostPermissions(['https://boards.example.com/*']);
      const sessions = createSessionService({
        fetch: simulatorFetch(sim),
        tokenStore,
        permissions,
      });
      await staySignedInItem.setValue(stay);
      const { token: _token, ...info } = companySession;
      if (stay) {
        await persistentSessionItem.setValue(info);
        await tokenStore.set(companySession.token);
      } else {
        await sessionItem.setValue(companySession);
      }
      expect((await sessions.require()).token).toBe(companySession.token);

      await sessions.signOut();
      expect(permissions.remove).toHaveBeenCalledWith({
        origins: ['https://boards.example.com/*'],
      });
      expect(allowed).toEqual([]);
      expect(await sessions.current()).toBeNull();
    },
  );

  it('signing out of leankit.com gives back nothing (granted at install), nor does an expired token', async () => {
    const { permissions } = hostPermissions(['https://boards.example.com/*']);
    const sessions = createSessionService({ fetch: simulatorFetch(sim), tokenStore, permissions });
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    await sessions.signOut();
    expect(permissions.remove).not.toHaveBeenCalled();

    // Expiry is not sign-out: the user signs in again to the same address.
    await sessionItem.setValue(companySession);
    await sessions.dropToken(companySession.token);
    expect(permissions.remove).not.toHaveBeenCalled();
  });

  it('signs out all the same when the browser refuses to give the permission back', async () => {
    const permissions = {
      contains: async () => true,
      remove: vi.fn(async () => {
        throw new Error('You cannot remove required permissions.');
      }),
    };
    const sessions = createSessionService({ fetch: simulatorFetch(sim), tokenStore, permissions });
    await sessionItem.setValue(companySession);
    await sessions.signOut();
    expect(permissions.remove).toHaveBeenCalled();
    expect(await sessions.current()).toBeNull();
  });

  it('tells watchers of every sign-in and sign-out, wherever the token is kept', async () => {
    const sessions = service();
    const changes = vi.fn();
    const stop = sessions.watch(changes);
    const credentials = { account: 'acme', email: sim.demo.email, password: sim.demo.password };

    await sessions.signIn(credentials);
    await vi.waitFor(() => expect(changes).toHaveBeenCalled());
    changes.mockClear();
    await staySignedInItem.setValue(true);
    await sessions.signOut();
    await sessions.signIn(credentials);
    await vi.waitFor(() => expect(changes.mock.calls.length).toBeGreaterThanOrEqual(2));

    stop();
    changes.mockClear();
    await sessions.signOut();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(changes).not.toHaveBeenCalled();
  });

  it('marks the session expired and shows the badge when a token is dropped; signing in clears both', async () => {
    const badge = { show: vi.fn(async () => {}), clear: vi.fn(async () => {}) };
    const sessions = createSessionService({ fetch: simulatorFetch(sim), badge, tokenStore });
    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    const { token } = await sessions.require();
    await sessions.dropToken(token);
    expect(await sessionExpiredItem.getValue()).toBe(true);
    expect(badge.show).toHaveBeenCalledTimes(1);

    await sessions.signIn({ account: 'acme', email: sim.demo.email, password: sim.demo.password });
    expect(await sessionExpiredItem.getValue()).toBe(false);
    expect(badge.clear).toHaveBeenCalled();
  });
});

const companySession = {
  origin: 'https://boards.example.com',
  accountName: 'boards',
  email: 'demo@acme.test',
  token: 'eyJ.kept.token',
};

/** A browser's permissions API holding exactly the origins in `allowed`. */
function hostPermissions(initial: string[] = []) {
  const allowed = [...initial];
  return {
    allowed,
    permissions: {
      contains: async ({ origins = [] }: { origins?: string[] }) =>
        origins.every((origin) => allowed.includes(origin)),
      remove: vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
        for (const origin of origins) allowed.splice(allowed.indexOf(origin), 1);
        return true;
      }),
    },
  };
}

async function issueToken(): Promise<string> {
  const response = await simulatorFetch(sim)(`https://${sim.demo.host}/io/reporting/auth`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: sim.demo.email, password: sim.demo.password }),
  });
  return ((await response.json()) as { token: string }).token;
}
