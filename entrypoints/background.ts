import { browser } from 'wxt/browser';
import { createBackgroundHandlers } from '@/lib/backgroundHandlers';
import { createDownloader } from '@/lib/downloads';
import { createBlobSink } from '@/lib/jobs/blobFiles';
import { createExportJobs } from '@/lib/jobs/exportJobs';
import { handleMessages, isExtensionPage } from '@/lib/messaging';
import { createSessionService } from '@/lib/session';

export default defineBackground(() => {
  // Bound, because the service worker's fetch throws "Illegal invocation" when called detached.
  const fetch = globalThis.fetch.bind(globalThis);
  const session = createSessionService({ fetch });
  const downloader = createDownloader({ downloads: browser.downloads, fetch });
  const jobs = createExportJobs({ session, downloader, fetch, blobs: createBlobSink() });
  handleMessages(createBackgroundHandlers({ session, jobs }), isExtensionPage);
  // The worker may have been stopped mid-export: pick up every job that was still running.
  void jobs.resumeInterrupted();
});
