import type { Browser } from 'wxt/browser';

type AreaName = 'local' | 'sync' | 'session';

/** A storage area as far as its access level goes; the method is missing where a browser lacks it. */
interface RestrictableArea {
  setAccessLevel?: (options: { accessLevel: `${Browser.storage.AccessLevel}` }) => Promise<void>;
}

const AREAS: readonly AreaName[] = ['local', 'sync', 'session'];

/**
 * Takes the extension's storage away from content scripts, in every area the browser lets us:
 * Chrome restricts `local`, `sync` and `session` to the extension's own pages and service worker
 * (and remembers it across restarts). Our content script needs none of it: it asks the background
 * for all it shows. So a board tab's content script, even one a page found a way to control,
 * can neither read the account nor turn a safety setting off (Excel-friendly CSV, "Stay signed
 * in", the file name pattern). Firefox has the method on `session` only, which is trusted-only
 * there already: see docs/privacy-and-permissions.md for what content scripts can reach there.
 * Resolves to the areas now closed to content scripts.
 */
export async function restrictStorageToExtension(
  storage: Record<AreaName, RestrictableArea>,
): Promise<AreaName[]> {
  const restricted: AreaName[] = [];
  for (const name of AREAS) {
    const area = storage[name];
    if (typeof area.setAccessLevel !== 'function') continue;
    try {
      await area.setAccessLevel({ accessLevel: 'TRUSTED_CONTEXTS' });
      restricted.push(name);
    } catch {
      // The browser has the method but not for this area: it stays as the browser keeps it.
    }
  }
  return restricted;
}
