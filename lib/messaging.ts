import { type Browser, browser } from 'wxt/browser';
import type { BoardExportRequest, BoardState } from './board/protocol';
import type { BoardList } from './boardOptions';
import type { ErrorInfo } from './errors';
import { toErrorInfo } from './errors';
import { type Format, isFormat } from './formats';
import type { LaneOption } from './recipes/laneOptions';
import type { ExportRecipe } from './recipes/recipe';
import type { ScheduleSetup } from './schedules/schedule';
import { isSnapshotOutput, type SnapshotOutput } from './snapshot/snapshotOutputs';

/** Who is signed in, as the UI may see it: never the token. */
export interface SessionInfo {
  origin: string;
  accountName: string;
  email: string;
  /** The user's name from the token, when LeanKit put one there. */
  name?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface StartExportRequest {
  reportId: string;
  format: Format;
  /** Empty for all boards. */
  boardIds: string[];
  /**
   * How the file's columns and rows differ from LeanKit's (lib/recipes/recipe.ts). The background
   * checks it (lib/recipes/checkRecipe.ts) and refuses a malformed one, saying why.
   */
  recipe?: ExportRecipe;
  /**
   * A saved preset (lib/recipes/presets.ts): the background exports its stored report, format,
   * boards and recipe, whatever the request's own say, and keeps when it last exported.
   */
  presetId?: string;
}

/**
 * The one protocol between the UI and the background: message type → request → response (what
 * `sendMessage` resolves to). A `Result` response carries failures as data with a user-facing
 * message; the handler itself returns only the value (`Answer`) and throws on failure.
 */
export interface Protocol {
  getSession: { request: undefined; response: SessionInfo | null };
  signIn: {
    request: { account: string; email: string; password: string };
    response: Result<SessionInfo>;
  };
  signOut: { request: undefined; response: null };
  startExport: { request: StartExportRequest; response: Result<{ jobId: string }> };
  cancelExport: { request: { jobId: string }; response: null };
  /** A board snapshot: every board report of the boards (empty: all) in one file. */
  startSnapshot: {
    request: { boardIds: string[]; output: SnapshotOutput };
    response: Result<{ jobId: string }>;
  };
  /** Signs in with a token the user pasted (single sign-on users), after checking it. */
  signInWithToken: {
    request: { account: string; token: string };
    response: Result<SessionInfo>;
  };
  /** The signed-in account's boards, for the board picker. */
  listBoards: { request: undefined; response: Result<BoardList> };
  /** The lanes cards can sit in on these boards (at least one), for the lane picker. */
  listLanes: { request: { boardIds: string[] }; response: Result<LaneOption[]> };
  /** Shows a finished download in its folder. */
  showDownload: { request: { downloadId: number }; response: Result<null> };
  /** "Stay signed in on this computer": moves the token between session and local storage. */
  setStaySignedIn: { request: { stay: boolean }; response: null };
  /** Saves a scheduled export, new (no id) or edited; refused, saying why, when it has a problem. */
  saveSchedule: {
    request: { setup: ScheduleSetup; id?: string };
    response: Result<{ id: string }>;
  };
  /** Runs, pauses, turns on (again) or deletes a scheduled export. */
  scheduleAction: { request: { id: string; action: ScheduleAction }; response: Result<null> };
  // The board button's messages (content script → background): lib/board/protocol.ts.
  boardState: { request: { boardId: string }; response: BoardState };
  boardExport: { request: BoardExportRequest; response: Result<{ jobId: string }> };
  boardSnapshot: {
    request: { boardId: string; output: SnapshotOutput };
    response: Result<{ jobId: string }>;
  };
  boardShowFile: { request: { jobId: string }; response: Result<null> };
  boardCancel: { request: { jobId: string }; response: null };
  boardSignIn: { request: undefined; response: null };
  /** Opens the Flow charts page of the board the tab shows. */
  boardOpenFlow: { request: { boardId: string }; response: null };
}

export type MessageType = keyof Protocol;

export type ScheduleAction = 'run' | 'pause' | 'resume' | 'delete';

export interface Message<K extends MessageType = MessageType> {
  type: K;
  data: Protocol[K]['request'];
}

/** Who may send a message: our own pages (popup, options), or also a board tab's content script. */
export type Senders = 'pages' | 'pages and board tabs';

/** What a handler returns: the response, or the value inside a `Result` response. */
export type Answer<K extends MessageType> =
  Protocol[K]['response'] extends Result<infer T> ? T : Protocol[K]['response'];

/**
 * How a handler's failure reaches the sender: as an error `Result` (`'result'`), or as the
 * rejection of `sendMessage` for messages whose callers have nothing to show (`'rejection'`).
 */
type Failures<K extends MessageType> = [Protocol[K]['response']] extends [Result<unknown>]
  ? 'result'
  : 'rejection';

/** What the table says of each message: who may send it, its data's check, how failures travel. */
interface MessageRule<K extends MessageType> {
  from: Senders;
  isRequest: (data: unknown) => data is Protocol[K]['request'];
  failures: Failures<K>;
}

/**
 * Every message, declared once: who may send it, what its data must look like, and how its
 * failures travel. `handleMessages` enforces the rule before a handler runs; the handlers
 * (`MessageHandlers`) are keyed by the same types, so the compiler sees that each has one.
 */
export const MESSAGES = {
  getSession: { from: 'pages', isRequest: noData, failures: 'rejection' },
  signIn: {
    from: 'pages',
    isRequest: fields({ account: isString, email: isString, password: isString }),
    failures: 'result',
  },
  signOut: { from: 'pages', isRequest: noData, failures: 'rejection' },
  startExport: {
    from: 'pages',
    isRequest: fields<StartExportRequest>({
      reportId: isString,
      format: isFormatValue,
      boardIds: isStringList,
      recipe: optional(isRecipeObject),
      presetId: optional(isString),
    }),
    failures: 'result',
  },
  cancelExport: { from: 'pages', isRequest: fields({ jobId: isString }), failures: 'rejection' },
  startSnapshot: {
    from: 'pages',
    isRequest: fields({ boardIds: isStringList, output: isSnapshotOutput }),
    failures: 'result',
  },
  signInWithToken: {
    from: 'pages',
    isRequest: fields({ account: isString, token: isString }),
    failures: 'result',
  },
  listBoards: { from: 'pages', isRequest: noData, failures: 'result' },
  listLanes: { from: 'pages', isRequest: fields({ boardIds: isStringList }), failures: 'result' },
  showDownload: { from: 'pages', isRequest: fields({ downloadId: isInteger }), failures: 'result' },
  setStaySignedIn: {
    from: 'pages',
    isRequest: fields({ stay: isBoolean }),
    failures: 'rejection',
  },
  // The setup's outer shape only: the background checks the rest, saying what is wrong.
  saveSchedule: {
    from: 'pages',
    isRequest: fields<Protocol['saveSchedule']['request']>({
      setup: isScheduleObject,
      id: optional(isString),
    }),
    failures: 'result',
  },
  scheduleAction: {
    from: 'pages',
    isRequest: fields<Protocol['scheduleAction']['request']>({
      id: isString,
      action: isScheduleAction,
    }),
    failures: 'result',
  },
  boardState: {
    from: 'pages and board tabs',
    isRequest: fields({ boardId: isString }),
    failures: 'rejection',
  },
  boardExport: {
    from: 'pages and board tabs',
    isRequest: fields<BoardExportRequest>({
      boardId: isString,
      reportId: isString,
      format: isFormatValue,
      presetId: optional(isString),
    }),
    failures: 'result',
  },
  boardSnapshot: {
    from: 'pages and board tabs',
    isRequest: fields({ boardId: isString, output: isSnapshotOutput }),
    failures: 'result',
  },
  boardShowFile: {
    from: 'pages and board tabs',
    isRequest: fields({ jobId: isString }),
    failures: 'result',
  },
  boardCancel: {
    from: 'pages and board tabs',
    isRequest: fields({ jobId: isString }),
    failures: 'rejection',
  },
  boardSignIn: { from: 'pages and board tabs', isRequest: noData, failures: 'rejection' },
  boardOpenFlow: {
    from: 'pages and board tabs',
    isRequest: fields({ boardId: isString }),
    failures: 'rejection',
  },
} as const satisfies { [K in MessageType]: MessageRule<K> };

/** The board button's messages: the ones a board tab may send too. */
export type BoardMessageType = {
  [K in MessageType]: (typeof MESSAGES)[K]['from'] extends 'pages' ? never : K;
}[MessageType];

/** Messages without data: whatever arrives is dropped rather than passed on. */
function noData(_data: unknown): _data is undefined {
  return true;
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}

function isStringList(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}

function isFormatValue(value: unknown): value is Format {
  return isString(value) && isFormat(value);
}

/**
 * A recipe's outer shape only: the background checks the rest (lib/recipes/checkRecipe.ts), so a
 * malformed recipe is refused with a sentence saying what is wrong instead of going unanswered.
 */
function isRecipeObject(value: unknown): value is ExportRecipe {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScheduleObject(value: unknown): value is ScheduleSetup {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isScheduleAction(value: unknown): value is ScheduleAction {
  return value === 'run' || value === 'pause' || value === 'resume' || value === 'delete';
}

/** A field that may be absent, or else passes its check. */
function optional<T>(check: (value: unknown) => value is T) {
  return (value: unknown): value is T | undefined => value === undefined || check(value);
}

function isInteger(value: unknown): value is number {
  return Number.isInteger(value);
}

/** An object whose named fields each pass their check. */
function fields<T>(checks: { [F in keyof T]: (value: unknown) => value is T[F] }) {
  return (data: unknown): data is T => {
    if (typeof data !== 'object' || data === null) return false;
    const record = data as Record<string, unknown>;
    return Object.entries<(value: unknown) => boolean>(checks).every(([name, check]) =>
      check(record[name]),
    );
  };
}

/**
 * Handlers answer with their value or throw: a `LeanKitError` with its message for the user,
 * anything else as the generic one (`toErrorInfo`). `handleMessages` wraps the outcome.
 */
type HandlersOf<T extends MessageType> = {
  [K in T]: (
    data: Protocol[K]['request'],
    sender: Browser.runtime.MessageSender,
  ) => Promise<Answer<K>>;
};

/** The handlers of the extension pages' messages. */
export type Handlers = HandlersOf<Exclude<MessageType, BoardMessageType>>;
/** The handlers of the board button's messages. */
export type BoardHandlers = HandlersOf<BoardMessageType>;
/** One handler for every message of the table. */
export type MessageHandlers = HandlersOf<MessageType>;

/** Sends a typed message to the background and returns its typed answer. */
export async function sendMessage<K extends MessageType>(
  type: K,
  ...[data]: Protocol[K]['request'] extends undefined ? [] : [Protocol[K]['request']]
): Promise<Protocol[K]['response']> {
  const message: Message<K> = { type, data: data as Protocol[K]['request'] };
  return (await browser.runtime.sendMessage(message)) as Protocol[K]['response'];
}

/**
 * Registers the background's handlers, and is the one place that applies the table: a message is
 * handled only when it is one of ours, its sender may send it (`isAllowedSender`) and its data
 * passes its check. Anything else is left unanswered, as if no one listened. The handler's value
 * or failure is wrapped here as the table says.
 */
export function handleMessages(handlers: MessageHandlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isMessage(message) || !isAllowedSender(sender, message.type)) return undefined;
    const rule: { isRequest: (data: unknown) => boolean; failures: string } =
      MESSAGES[message.type];
    if (!rule.isRequest(message.data)) return undefined;
    const handler = handlers[message.type] as (
      data: unknown,
      sender: Browser.runtime.MessageSender,
    ) => Promise<unknown>;
    const answer = (async () => handler(message.data, sender))();
    return rule.failures === 'result' ? asResult(answer) : answer;
  });
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && Object.hasOwn(MESSAGES, type);
}

/** A handler's value, or its failure as data for the UI. */
async function asResult<T>(answer: Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await answer };
  } catch (cause) {
    return { ok: false, error: toErrorInfo(cause) };
  }
}

/**
 * True when the sender is one of this extension's own pages (popup, options), not a content
 * script and not another extension or web page.
 */
export function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  return sender.url?.startsWith(browser.runtime.getURL('/')) === true;
}

/**
 * True when the sender is this extension's background service worker: no tab, and the worker
 * script's own URL (WXT names it `background.js`). Content scripts have a tab and a web page's
 * URL; the popup, the options page and the offscreen document have their own pages' URLs. (The
 * offscreen document, which asks this, has no `runtime.getManifest` to look the name up.)
 */
export function isBackgroundWorker(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || sender.tab !== undefined) return false;
  return sender.url === browser.runtime.getURL('/background.js');
}

/**
 * Who may send what: extension pages may send every message; a content script only the board
 * button's messages, and only from the top frame of an https://*.leankit.com tab. Whether that tab
 * may export from the signed-in account is checked by the handler (lib/board/boardExports.ts).
 */
export function isAllowedSender(sender: Browser.runtime.MessageSender, type: MessageType): boolean {
  if (isExtensionPage(sender)) return true;
  return MESSAGES[type].from === 'pages and board tabs' && isLeanKitTopFrame(sender);
}

function isLeanKitTopFrame(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id || sender.frameId !== 0) return false;
  if (sender.tab?.id === undefined || !sender.url) return false;
  try {
    const url = new URL(sender.url);
    return url.protocol === 'https:' && url.hostname.endsWith('.leankit.com');
  } catch {
    return false;
  }
}
