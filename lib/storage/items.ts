import { storage } from 'wxt/utils/storage';
import type { BoardOption } from '../boardOptions';
import { DEFAULT_FILE_NAME_PATTERN } from '../defaultFileNamePattern';
import type { Format } from '../formats';
import type { ExportJob } from '../jobs/jobRecords';
import type { SessionInfo } from '../messaging';
import type { RecentDownload } from '../recentDownloads';
import type { Schedule } from '../schedules/schedule';
import type { KeptSetting } from './keptSettings';

// Every storage item of the extension, in one place. Areas: `session` (memory only, background
// and extension pages), `local` (this computer; Firefox's content scripts can read it, so never a
// token), `sync` (the user's settings, across their browsers). Chrome closes all three to content
// scripts (lib/storage/trustedContexts.ts); Firefox cannot close `local` and `sync`, so there the
// settings that matter for security live in `session`, kept across restarts by the background in
// the extension's own IndexedDB (lib/storage/keptSettings.ts).

/**
 * Where a setting that matters for security lives: `chromeKey` in Chrome, `session` (closed to
 * content scripts) under the same name in Firefox.
 */
function trustedKey<K extends `${'sync' | 'local'}:${string}`>(chromeKey: K) {
  return import.meta.env.FIREFOX ? (`session:${chromeKey.split(':')[1]}` as const) : chromeKey;
}

// Settings

/** The format a one-click export uses (popup default, board button). */
export const defaultFormatItem = storage.defineItem<Format>('sync:defaultFormat', {
  fallback: 'csv',
});

/**
 * Excel-friendly CSV: a UTF-8 byte-order mark, and cells that a spreadsheet would run as a formula
 * made inert (OWASP CSV injection). Changes the bytes, so such exports are processed, not direct.
 */
export const excelFriendlyCsvItem = storage.defineItem<boolean>(
  trustedKey('sync:excelFriendlyCsv'),
  {
    fallback: false,
  },
);

/**
 * Keep the token in local storage so it survives a browser restart (the user's explicit choice).
 * Local, not sync: the choice is about this computer only (Firefox: session, see above).
 */
export const staySignedInItem = storage.defineItem<boolean>(trustedKey('local:staySignedIn'), {
  fallback: false,
});

/** How export files are named, with `{account}`-style parts (lib/files.ts). */
export const fileNamePatternItem = storage.defineItem<string>(trustedKey('sync:fileNamePattern'), {
  fallback: DEFAULT_FILE_NAME_PATTERN,
});

/**
 * The boards last picked in the popup, per account name (board ids mean nothing on another
 * account). Local: board choices are about this computer's work.
 */
export const boardSelectionItem = storage.defineItem<Record<string, string[]>>(
  'local:boardSelection',
  { fallback: {} },
);

// Scheduled exports (lib/schedules/)

/**
 * The scheduled exports, with their next run times and last results. Local, not sync: they run on
 * this computer, into its downloads folder, with the token "Stay signed in" keeps on this
 * computer; synced, each of the user's computers would run them. They say what is exported and
 * where it is written, so Firefox keeps them where content scripts cannot write (see above). Only
 * the background writes them (lib/schedules/scheduleRunner.ts).
 */
export const schedulesItem = storage.defineItem<Schedule[]>(trustedKey('local:schedules'), {
  fallback: [],
});

/**
 * Show a notification when a scheduled export waits for a sign-in (the badge says so anyway).
 * The user's choice, with the optional `notifications` permission asked for when they turn it on.
 */
export const scheduleNotificationsItem = storage.defineItem<boolean>(
  'local:scheduleNotifications',
  { fallback: false },
);

/**
 * The settings that matter for security, which Firefox keeps in session storage and the
 * extension's IndexedDB (lib/storage/keptSettings.ts), with where they lived before.
 */
export const keptSettings: readonly KeptSetting[] = [
  { item: excelFriendlyCsvItem, formerKey: 'sync:excelFriendlyCsv' },
  { item: staySignedInItem, formerKey: 'local:staySignedIn' },
  { item: fileNamePatternItem, formerKey: 'sync:fileNamePattern' },
  { item: schedulesItem, formerKey: 'local:schedules' },
];

// Session (lib/session.ts)

/** The signed-in session, token included. Only the background reads this. */
export interface StoredSession extends SessionInfo {
  token: string;
}

/** The session with its token, in session storage: memory only, hidden from content scripts. */
export const sessionItem = storage.defineItem<StoredSession | null>('session:signedIn', {
  fallback: null,
});

/**
 * Who is signed in, kept on disk only when the user chose "Stay signed in on this computer". Never
 * the token: content scripts can read `storage.local`, so that token lives in the extension's own
 * IndexedDB (lib/persistentToken.ts), sealed together with who it belongs to. This plain copy
 * only tells the extension's pages that the session changed: Firefox's content scripts can write
 * it, so nothing takes the account from it (lib/session.ts).
 */
export const persistentSessionItem = storage.defineItem<SessionInfo | null>('local:signedIn', {
  fallback: null,
});

/** The account and email last signed in with, to fill the sign-in form. Never the password. */
export const rememberedLoginItem = storage.defineItem<{ account: string; email: string } | null>(
  'local:rememberedLogin',
  { fallback: null },
);

/** True from the moment LeanKit refused the token until the user signs in or out. */
export const sessionExpiredItem = storage.defineItem<boolean>('session:sessionExpired', {
  fallback: false,
});

// Exports (lib/jobs/, lib/recentDownloads.ts, lib/board/boardExports.ts)

/**
 * Recent exports, newest first. Local storage, so that a reopened popup sees them and an export
 * still running when the browser closes is picked up when it opens again (lib/jobs/exportJobs.ts).
 */
export const jobsItem = storage.defineItem<ExportJob[]>('local:jobs', { fallback: [] });

/**
 * True once the export engine has started in this browser session. Session storage, so it is
 * false again after a browser restart, which tells that restart apart from a stopped service worker.
 */
export const exportEngineStartedItem = storage.defineItem<boolean>('session:exportEngineStarted', {
  fallback: false,
});

/** The last finished exports, newest first. Local storage, so they outlive a browser restart. */
export const recentDownloadsItem = storage.defineItem<RecentDownload[]>('local:recentDownloads', {
  fallback: [],
});

/**
 * When the user last cleared the list (ms since the epoch): jobs that ended before then are not
 * listed again, though this browser session still holds them.
 */
export const recentClearedAtItem = storage.defineItem<number>('local:recentDownloadsClearedAt', {
  fallback: 0,
});

/** Which board tab started which export, so its progress goes back to that tab only. */
export interface TabJob {
  tabId: number;
  jobId: string;
}

/** Board tabs' exports, newest first. Session storage, so a restarted service worker still knows. */
export const boardTabJobsItem = storage.defineItem<TabJob[]>('session:boardTabJobs', {
  fallback: [],
});

// Presets (lib/recipes/presets.ts, lib/recipes/lastExports.ts)

/**
 * The saved presets' ids, in the order the user sees them. Sync storage, so presets follow the
 * user to their other browsers; each preset is an item of its own (`presetKey`), because sync
 * storage takes at most 8 KB per item.
 */
export const presetIndexItem = storage.defineItem<string[]>('sync:presetIndex', { fallback: [] });

/** The sync storage key of one preset (a `Preset`, lib/recipes/recipe.ts). */
export function presetKey(id: string): `sync:preset:${string}` {
  return `sync:preset:${id}`;
}

/**
 * When each preset's last export that finished started (ms since the epoch), per account:
 * `<presetId> <account origin>` → time. Local: "changed since my last export" is about the files
 * on this computer, and the cards of that account.
 */
export const presetLastExportsItem = storage.defineItem<Record<string, number>>(
  'local:presetLastExports',
  { fallback: {} },
);

// Boards (lib/boardList.ts)

/** The account's boards, fetched once per browser session and account. */
export const boardListItem = storage.defineItem<{ origin: string; boards: BoardOption[] } | null>(
  'session:boardList',
  { fallback: null },
);

// Flow charts (lib/flow/flowSettingsStore.ts)

/**
 * The Flow charts page's workflow settings, per board id (lib/flow/flowSettings.ts). Local: a
 * board's lanes and how this user reads them belong to this computer's work; checked on reading.
 */
export const flowSettingsItem = storage.defineItem<Record<string, unknown>>('local:flowSettings', {
  fallback: {},
});

// Exports that stop arriving (lib/jobs/stallTimeout.ts)

/**
 * How long an export may go without a new byte (headers or body) before it is given up and
 * retried. Not a setting users see: 60 s outlasts any pause of a working server, and tests shorten
 * it. Session storage, so only the extension's own pages can change it, and a browser restart
 * brings back the default.
 */
export const stallTimeoutMsItem = storage.defineItem<number>('session:stallTimeoutMs', {
  fallback: 60_000,
});
