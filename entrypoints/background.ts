import { browser } from 'wxt/browser';
import { createBackgroundHandlers } from '@/lib/backgroundHandlers';
import { createDownloader } from '@/lib/downloads';
import { createExportJobs } from '@/lib/jobs/exportJobs';
import { handleMessages, isExtensionPage } from '@/lib/messaging';
import { createSessionService } from '@/lib/session';

export default defineBackground(() => {
  // Bound, because the service worker's fetch throws "Illegal invocation" when called detached.
  const fetch = globalThis.fetch.bind(globalThis);
  const session = createSessionService({ fetch });
  const downloader = createDownloader({ downloads: browser.downloads, fetch });
  const jobs = createExportJobs({ session, downloader, fetch });
  handleMessages(createBackgroundHandlers({ session, jobs }), isExtensionPage);
});
