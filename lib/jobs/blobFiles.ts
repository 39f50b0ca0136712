import { type Browser, browser } from 'wxt/browser';
import { isBackgroundWorker } from '../messaging';

/**
 * Where processed exports are put together before the browser saves them: a Blob built from
 * chunks (never one giant string), handed to `downloads.download` as a `blob:` URL. A Chrome
 * service worker cannot make `blob:` URLs, so there the parts live in an offscreen document
 * (entrypoints/offscreen); Firefox's background page has a DOM and keeps them itself.
 */
export interface BlobSink {
  append(fileId: string, text: string): Promise<void>;
  /** Ends the file and returns a `blob:` URL for it, typed so the browser keeps our extension. */
  finish(fileId: string, mimeType: string): Promise<string>;
  /** Forgets the file and revokes its URL, once saved or given up. */
  release(fileId: string): Promise<void>;
}

/** The parts of every file being built, in this page. Needs `URL.createObjectURL` (a DOM). */
export class BlobFiles implements BlobSink {
  private readonly parts = new Map<string, Blob[]>();
  private readonly urls = new Map<string, string>();

  async append(fileId: string, text: string): Promise<void> {
    const parts = this.parts.get(fileId) ?? [];
    // Each chunk becomes its own Blob at once, so the browser, not the JS heap, holds the bytes.
    parts.push(new Blob([text]));
    this.parts.set(fileId, parts);
  }

  /** The parts are kept until `release`, so a save that failed can be tried again. */
  async finish(fileId: string, mimeType: string): Promise<string> {
    const blob = new Blob(this.parts.get(fileId) ?? [], { type: mimeType });
    const previous = this.urls.get(fileId);
    if (previous) URL.revokeObjectURL(previous);
    const url = URL.createObjectURL(blob);
    this.urls.set(fileId, url);
    return url;
  }

  async release(fileId: string): Promise<void> {
    this.parts.delete(fileId);
    const url = this.urls.get(fileId);
    if (url) URL.revokeObjectURL(url);
    this.urls.delete(fileId);
  }
}

/** What the service worker asks the offscreen document. */
export type BlobFileMessage =
  | { target: 'offscreen-blobs'; op: 'append'; fileId: string; text: string }
  | { target: 'offscreen-blobs'; op: 'finish'; fileId: string; mimeType: string }
  | { target: 'offscreen-blobs'; op: 'release'; fileId: string };

function isBlobFileMessage(value: unknown): value is BlobFileMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { target?: unknown }).target === 'offscreen-blobs'
  );
}

/**
 * The offscreen document's side: answers the service worker's messages from `files`, and no one
 * else's. Content scripts' messages reach this page too, and a board tab knows its export's id
 * (the file's id): without the check, a page's content script could add to or drop a file being built.
 */
export function serveBlobFiles(files: BlobFiles): void {
  browser.runtime.onMessage.addListener((message: unknown, sender) => {
    if (!isBlobFileMessage(message) || !isBackgroundWorker(sender)) return undefined;
    if (message.op === 'append') return files.append(message.fileId, message.text).then(() => null);
    if (message.op === 'finish') return files.finish(message.fileId, message.mimeType);
    return files.release(message.fileId).then(() => null);
  });
}

export const OFFSCREEN_PATH = '/offscreen.html';

/** The service worker's side (Chrome): the same sink, kept in the offscreen document. */
export function offscreenBlobSink(): BlobSink {
  let opening: Promise<void> | undefined;

  async function open(): Promise<void> {
    const contexts = await browser.runtime.getContexts({
      contextTypes: ['OFFSCREEN_DOCUMENT' as Browser.runtime.ContextType],
    });
    if (contexts.length > 0) return;
    await browser.offscreen.createDocument({
      url: OFFSCREEN_PATH,
      reasons: ['BLOBS' as Browser.offscreen.Reason],
      justification: 'Build processed exports (Excel-friendly CSV) as files to download.',
    });
  }

  async function send<T>(message: BlobFileMessage): Promise<T> {
    opening ??= open().finally(() => {
      opening = undefined;
    });
    await opening;
    return (await browser.runtime.sendMessage(message)) as T;
  }

  return {
    append: (fileId, text) => send({ target: 'offscreen-blobs', op: 'append', fileId, text }),
    finish: (fileId, mimeType) =>
      send<string>({ target: 'offscreen-blobs', op: 'finish', fileId, mimeType }),
    release: (fileId) => send({ target: 'offscreen-blobs', op: 'release', fileId }),
  };
}

/** The sink for this browser: in this page when it has a DOM (Firefox), else offscreen (Chrome). */
export function createBlobSink(): BlobSink {
  return typeof URL.createObjectURL === 'function' ? new BlobFiles() : offscreenBlobSink();
}
