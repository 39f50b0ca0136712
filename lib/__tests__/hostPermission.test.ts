import { describe, expect, it, vi } from 'vitest';
import { LeanKitError } from '../errors';
import {
  ensureHostAccess,
  type HostPermissions,
  permittedFetch,
  releaseHostAccess,
  requestHostAccess,
} from '../hostPermission';

/** A browser's permissions API that grants exactly the origins in `granted`. */
function fakePermissions(granted: string[] = [], answer: 'grant' | 'refuse' | 'throw' = 'grant') {
  return {
    contains: vi.fn(async ({ origins = [] }: { origins?: string[] }) =>
      origins.every((origin) => granted.includes(origin)),
    ),
    request: vi.fn(({ origins = [] }: { origins?: string[] }) => {
      if (answer === 'throw')
        throw new Error('permissions.request must be called in a user gesture');
      if (answer === 'grant') granted.push(...origins);
      return Promise.resolve(answer === 'grant');
    }),
    remove: vi.fn(async ({ origins = [] }: { origins?: string[] }) => {
      for (const origin of origins) {
        if (granted.includes(origin)) granted.splice(granted.indexOf(origin), 1);
      }
      return true;
    }),
  } satisfies HostPermissions;
}

describe('requestHostAccess', () => {
  it.each([
    ['acme'],
    ['acme.leankit.com'],
    ['https://acme.leankit.com/board/1'],
    ['not a url'],
    [''],
  ])(
    'asks nothing for %j (leankit.com is granted at install; a bad address gets its own message)',
    (account) => {
      const permissions = fakePermissions();
      expect(requestHostAccess(account, permissions)).toBeUndefined();
      expect(permissions.request).not.toHaveBeenCalled();
    },
  );

  it('asks for exactly the host, at once (inside the click), and reports the answer', async () => {
    const permissions = fakePermissions();
    const access = requestHostAccess('https://boards.example.com/board/7', permissions);
    // Called synchronously: an await before it would lose the user gesture.
    expect(permissions.request).toHaveBeenCalledWith({ origins: ['https://boards.example.com/*'] });
    expect(access?.host).toBe('boards.example.com');
    expect(await access?.granted).toBe(true);
  });

  it.each([['refuse' as const], ['throw' as const]])(
    'reads a browser that answers %s as a refusal',
    async (answer) => {
      const access = requestHostAccess('boards.example.com', fakePermissions([], answer));
      expect(await access?.granted).toBe(false);
    },
  );
});

describe('ensureHostAccess and permittedFetch', () => {
  it('lets leankit.com through without asking the browser', async () => {
    const permissions = fakePermissions();
    await ensureHostAccess('https://acme.leankit.com', permissions);
    expect(permissions.contains).not.toHaveBeenCalled();
  });

  it('refuses a host the user has not allowed, in plain words', async () => {
    const error = await ensureHostAccess('https://boards.example.com', fakePermissions()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(LeanKitError);
    expect(error).toMatchObject({
      kind: 'no-permission',
      message: expect.stringMatching(
        /^LeanKit Exporter needs your permission to talk to boards\.example\.com\./,
      ),
    });
  });

  it('sends no request to a host the user refused, and every request to one they allowed', async () => {
    const fetch = vi.fn(async () => new Response('ok'));
    const refused = permittedFetch(fetch, fakePermissions());
    await expect(refused('https://boards.example.com/io/reporting/auth')).rejects.toMatchObject({
      kind: 'no-permission',
    });
    expect(fetch).not.toHaveBeenCalled();

    const allowed = permittedFetch(fetch, fakePermissions(['https://boards.example.com/*']));
    await allowed('https://boards.example.com/io/reporting/auth', { method: 'POST' });
    await allowed(new Request('https://acme.leankit.com/io/reporting/export/cards'));
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('treats a failing permissions API as no permission', async () => {
    const permissions = {
      contains: vi.fn(async () => {
        throw new Error('no API');
      }),
    };
    await expect(ensureHostAccess('https://boards.example.com', permissions)).rejects.toMatchObject(
      { kind: 'no-permission' },
    );
  });
});

describe('releaseHostAccess', () => {
  it('gives back exactly the host off leankit.com', async () => {
    const granted = ['https://boards.example.com/*', 'https://other.example.org/*'];
    const permissions = fakePermissions(granted);
    await releaseHostAccess('https://boards.example.com', permissions);
    expect(permissions.remove).toHaveBeenCalledWith({ origins: ['https://boards.example.com/*'] });
    expect(granted).toEqual(['https://other.example.org/*']);
  });

  it('leaves leankit.com alone: it is granted at install', async () => {
    const permissions = fakePermissions();
    await releaseHostAccess('https://acme.leankit.com', permissions);
    expect(permissions.remove).not.toHaveBeenCalled();
  });

  it('does not fail when the browser refuses', async () => {
    const permissions = {
      remove: vi.fn(async () => {
        throw new Error('You cannot remove required permissions.');
      }),
    };
    await expect(
      releaseHostAccess('https://boards.example.com', permissions),
    ).resolves.toBeUndefined();
    expect(permissions.remove).toHaveBeenCalled();
  });
});
