import { type Browser, browser } from 'wxt/browser';
import type { BoardOption } from './boardList';
import type { ErrorInfo } from './errors';
import type { JobState } from './jobs/jobRecords';
import type { Format } from './reports';

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
}

/**
 * The one protocol between the UI and the background: message type → request → response.
 * Responses are `Result`s so that failures arrive as data with a user-facing message.
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
  /** Signs in with a token the user pasted (single sign-on users), after checking it. */
  signInWithToken: {
    request: { account: string; token: string };
    response: Result<SessionInfo>;
  };
  /** The signed-in account's boards, for the board picker. */
  listBoards: { request: undefined; response: Result<BoardOption[]> };
  /** Shows a finished download in its folder. */
  showDownload: { request: { downloadId: number }; response: Result<null> };
  /** "Stay signed in on this computer": moves the token between session and local storage. */
  setStaySignedIn: { request: { stay: boolean }; response: null };
  // The board button's messages (content script → background); see lib/board/boardExports.ts.
  boardState: { request: { boardId: string }; response: BoardState };
  boardExport: { request: BoardExportRequest; response: Result<{ jobId: string }> };
  boardShowFile: { request: { jobId: string }; response: Result<null> };
  boardCancel: { request: { jobId: string }; response: null };
  boardSignIn: { request: undefined; response: null };
}

/** An export the board button asks for: always of the board its own tab shows. */
export interface BoardExportRequest {
  boardId: string;
  reportId: string;
  format: Format;
}

/** What a board tab may know of an export it started: no token, no path on disk. */
export interface BoardJob {
  id: string;
  boardId: string;
  reportId: string;
  format: Format;
  state: JobState;
  bytes: number;
  error?: ErrorInfo;
}

/** The board button's picture of the background, asked for whenever it (re)mounts. */
export interface BoardState {
  /** Signed in to the account the tab is on. */
  signedIn: boolean;
  /** The newest export this tab started for this board, if any. */
  job: BoardJob | null;
  /** The format one click exports in (the user's setting). */
  defaultFormat: Format;
  /**
   * The reports for the button's menu, from the catalogue: sent rather than bundled, so the
   * content script stays small.
   */
  reports: BoardReport[];
}

/** A report as the board button's menu lists it. */
export interface BoardReport {
  id: string;
  label: string;
  description: string;
}

/** Messages the background sends to a board tab (`tabs.sendMessage`). */
export type TabMessage =
  | { type: 'boardJobUpdate'; job: BoardJob }
  /** The signed-in account changed: ask for the state again. */
  | { type: 'boardSessionChanged' };

export function isTabMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'boardJobUpdate' || type === 'boardSessionChanged';
}

export type MessageType = keyof Protocol;

export interface Message<K extends MessageType = MessageType> {
  type: K;
  data: Protocol[K]['request'];
}

/** The messages a content script may send; everything else is for extension pages only. */
export const BOARD_MESSAGE_TYPES = [
  'boardState',
  'boardExport',
  'boardShowFile',
  'boardCancel',
  'boardSignIn',
] as const satisfies readonly MessageType[];

export type BoardMessageType = (typeof BOARD_MESSAGE_TYPES)[number];

type HandlersOf<T extends MessageType> = {
  [K in T]: (
    data: Protocol[K]['request'],
    sender: Browser.runtime.MessageSender,
  ) => Promise<Protocol[K]['response']>;
};

/** The handlers of the extension pages' messages. */
export type Handlers = HandlersOf<Exclude<MessageType, BoardMessageType>>;
/** The handlers of the board button's messages. */
export type BoardHandlers = HandlersOf<BoardMessageType>;

/** Sends a typed message to the background and returns its typed answer. */
export async function sendMessage<K extends MessageType>(
  type: K,
  ...[data]: Protocol[K]['request'] extends undefined ? [] : [Protocol[K]['request']]
): Promise<Protocol[K]['response']> {
  const message: Message<K> = { type, data: data as Protocol[K]['request'] };
  return (await browser.runtime.sendMessage(message)) as Protocol[K]['response'];
}

/**
 * Registers the background's handlers. A message is handled only when `isTrusted` accepts its
 * sender; anything else, and anything that is not one of our messages, is ignored.
 */
export function handleMessages(
  handlers: Handlers & BoardHandlers,
  isTrusted: (sender: Browser.runtime.MessageSender, type: MessageType) => boolean,
): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isMessage(message) || !isTrusted(sender, message.type)) return undefined;
    const handler = handlers[message.type] as (
      data: unknown,
      sender: Browser.runtime.MessageSender,
    ) => Promise<unknown>;
    return handler(message.data, sender);
  });
}

function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && MESSAGE_TYPES.has(type);
}

const MESSAGE_TYPES: ReadonlySet<string> = new Set<MessageType>([
  'getSession',
  'signIn',
  'signOut',
  'startExport',
  'cancelExport',
  'signInWithToken',
  'listBoards',
  'showDownload',
  'setStaySignedIn',
  ...BOARD_MESSAGE_TYPES,
]);

/**
 * True when the sender is one of this extension's own pages (popup, options), not a content
 * script and not another extension or web page.
 */
export function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  return sender.url?.startsWith(browser.runtime.getURL('/')) === true;
}

/**
 * Who may send what: extension pages may send every message; a content script only the board
 * button's messages, and only from the top frame of an https://*.leankit.com tab. Whether that tab
 * may export from the signed-in account is checked by the handler (lib/board/boardExports.ts).
 */
export function isAllowedSender(sender: Browser.runtime.MessageSender, type: MessageType): boolean {
  if (isExtensionPage(sender)) return true;
  return (
    (BOARD_MESSAGE_TYPES as readonly MessageType[]).includes(type) && isLeanKitTopFrame(sender)
  );
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
