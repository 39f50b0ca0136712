import { browser } from 'wxt/browser';
import { createBackgroundHandlers } from '@/lib/backgroundHandlers';
import { createBoardExports } from '@/lib/boardExports';
import { createDownloader } from '@/lib/downloads';
import { createExportJobs } from '@/lib/jobs/exportJobs';
import { handleMessages, isAllowedSender } from '@/lib/messaging';
import { createSessionService } from '@/lib/session';

export default defineBackground(() => {
  // Bound, because the service worker's fetch throws "Illegal invocation" when called detached.
  const fetch = globalThis.fetch.bind(globalThis);
  const session = createSessionService({ fetch });
  const downloader = createDownloader({ downloads: browser.downloads, fetch });
  const jobs = createExportJobs({ session, downloader, fetch });
  const boards = createBoardExports({
    session,
    jobs,
    tabs: browser.tabs,
    downloads: browser.downloads,
    // Firefox MV2 builds have browserAction instead.
    action: browser.action ?? browser.browserAction,
    popupUrl: browser.runtime.getURL('/popup.html'),
  });
  handleMessages(
    { ...createBackgroundHandlers({ session, jobs }), ...boards.handlers },
    isAllowedSender,
  );
  boards.watch();
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'export-board') void boards.exportFromShortcut(tab);
  });
});
