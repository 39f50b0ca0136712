import type { Browser } from 'wxt/browser';
import { isLeanKitHost, parseAccount } from './account';
import { LeanKitError } from './errors';

/**
 * Hosts off leankit.com (a company's own AgilePlace address) are not in the manifest's host
 * permissions: the user grants each one at runtime, from the sign-in click, through
 * `optional_host_permissions` (Firefox MV2: `optional_permissions`).
 */
export type HostPermissions = Pick<typeof Browser.permissions, 'contains' | 'request' | 'remove'>;

/** What the browser is asked to grant for a host: `https://boards.example.com/*`. */
export function originPatternOf(host: string): string {
  return `https://${host}/*`;
}

/** The sentence the user sees when a host off leankit.com has not been allowed. */
export function hostRefusedMessage(host: string): string {
  return `LeanKit Exporter needs your permission to talk to ${host}. Sign in again and choose Allow when the browser asks.`;
}

/**
 * Asks the user to allow the account's host, when it is off leankit.com. Call it synchronously
 * inside the click (or submit) handler, before any `await`: browsers only ask during a user
 * gesture. Returns nothing when there is nothing to ask (leankit.com, or an address the sign-in
 * will turn away with its own message).
 */
export function requestHostAccess(
  account: string,
  permissions: Pick<HostPermissions, 'request'>,
): { host: string; granted: Promise<boolean> } | undefined {
  let host: string;
  try {
    const parsed = parseAccount(account);
    if (parsed.onLeanKit) return undefined;
    host = parsed.host;
  } catch {
    return undefined;
  }
  let granted: Promise<boolean>;
  try {
    granted = permissions.request({ origins: [originPatternOf(host)] }).catch(() => false);
  } catch {
    granted = Promise.resolve(false);
  }
  return { host, granted };
}

/** Throws a `no-permission` error unless the extension may talk to this origin. */
export async function ensureHostAccess(
  origin: string,
  permissions: Pick<HostPermissions, 'contains'>,
): Promise<void> {
  const { hostname } = new URL(origin);
  if (isLeanKitHost(hostname)) return;
  const allowed = await permissions
    .contains({ origins: [originPatternOf(hostname)] })
    .catch(() => false);
  if (!allowed) throw new LeanKitError('no-permission', hostRefusedMessage(hostname));
}

/**
 * Gives back the permission for the account's host once its user signs out, when it is off
 * leankit.com (leankit.com is granted at install and stays). Nothing else uses it: the board
 * button runs on leankit.com only, and the next sign-in to that address asks again. A browser that
 * refuses leaves the user signed out all the same.
 */
export async function releaseHostAccess(
  origin: string,
  permissions: Pick<HostPermissions, 'remove'>,
): Promise<void> {
  const { hostname } = new URL(origin);
  if (isLeanKitHost(hostname)) return;
  await permissions.remove({ origins: [originPatternOf(hostname)] }).catch(() => false);
}

/** `fetch` that checks the host permission first, so no request goes to a host the user refused. */
export function permittedFetch(
  fetch: typeof globalThis.fetch,
  permissions: Pick<HostPermissions, 'contains'>,
): typeof globalThis.fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    await ensureHostAccess(url, permissions);
    return fetch(input, init);
  };
}
