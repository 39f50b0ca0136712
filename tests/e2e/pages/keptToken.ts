import type { UiPage } from '../../support/ui/uiPage';

/**
 * The token "Stay signed in on this computer" keeps in the extension's own IndexedDB
 * (lib/persistentToken.ts), read from one of the extension's pages, which share the background's
 * origin. Null when there is none; never creates the database.
 */
export function readKeptToken(page: UiPage): Promise<string | null> {
  return page.evaluate(
    () =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('leankit-exporter');
        // The database does not exist yet: leave it uncreated.
        open.onupgradeneeded = () => open.transaction?.abort();
        open.onerror = () => resolve(null);
        open.onsuccess = () => {
          const database = open.result;
          if (!database.objectStoreNames.contains('secrets')) {
            database.close();
            resolve(null);
            return;
          }
          const read = database
            .transaction('secrets')
            .objectStore('secrets')
            .get('persistentToken');
          read.onsuccess = () => {
            database.close();
            resolve(typeof read.result === 'string' ? read.result : null);
          };
          read.onerror = () => reject(read.error);
        };
      }),
  );
}
