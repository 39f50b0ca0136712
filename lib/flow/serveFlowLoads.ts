import type { Browser } from 'wxt/browser';
import { toErrorInfo } from '../errors';
import { isExtensionPage } from '../messaging';
import { FLOW_LOAD_PORT, type FlowLoadReply, isFlowLoadRequest } from './flowLoadProtocol';
import type { FlowReportLoads } from './flowReportLoads';

/** Bytes of a report cross the port at most this often; its file's URL follows regardless. */
const PROGRESS_EVERY_MS = 100;

/**
 * The background's side of the Flow charts page's port: the extension's own pages only (a content
 * script could otherwise read a board's reports), one load per port, ended with the port.
 */
export function serveFlowLoads(
  onConnect: { addListener(listener: (port: Browser.runtime.Port) => void): void },
  loads: FlowReportLoads,
  /** Whether a port's sender is one of the extension's own pages (a Node bench has no browser). */
  isPage: (sender: Browser.runtime.MessageSender) => boolean = isExtensionPage,
): void {
  onConnect.addListener((port: Browser.runtime.Port) => {
    if (port.name !== FLOW_LOAD_PORT) return;
    if (!port.sender || !isPage(port.sender)) {
      port.disconnect();
      return;
    }
    const load = loads.open();
    let open = true;
    let started = false;
    const post = (reply: FlowLoadReply) => {
      if (!open) return;
      try {
        port.postMessage(reply);
      } catch {
        open = false;
      }
    };
    port.onDisconnect.addListener(() => {
      open = false;
      void load.close();
    });
    port.onMessage.addListener((message: unknown) => {
      if (!isFlowLoadRequest(message)) return;
      if (message.op === 'release') {
        void load.release(message.report).catch(() => undefined);
        return;
      }
      if (started) return;
      started = true;
      const sentAt = new Map<string, number>();
      void load
        .load(message.boardId, message.parts, {
          onBytes(report, bytes) {
            const now = Date.now();
            if (now - (sentAt.get(report) ?? 0) < PROGRESS_EVERY_MS) return;
            sentAt.set(report, now);
            post({ report, bytes });
          },
          onReady: (report, url) => post(url === null ? { report, whole: true } : { report, url }),
        })
        .catch((cause: unknown) => post({ failure: toErrorInfo(cause) }));
    });
  });
}
