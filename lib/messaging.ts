import { type Browser, browser } from 'wxt/browser';
import type { BoardOption } from './boardList';
import type { ErrorInfo } from './errors';
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
}

export type MessageType = keyof Protocol;

export interface Message<K extends MessageType = MessageType> {
  type: K;
  data: Protocol[K]['request'];
}

export type Handlers = {
  [K in MessageType]: (
    data: Protocol[K]['request'],
    sender: Browser.runtime.MessageSender,
  ) => Promise<Protocol[K]['response']>;
};

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
  handlers: Handlers,
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
]);

/**
 * True when the sender is one of this extension's own pages (popup, options), not a content
 * script and not another extension or web page.
 */
export function isExtensionPage(sender: Browser.runtime.MessageSender): boolean {
  if (sender.id !== browser.runtime.id) return false;
  return sender.url?.startsWith(browser.runtime.getURL('/')) === true;
}
