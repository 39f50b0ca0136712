import { browser } from 'wxt/browser';
import { createBackgroundHandlers } from '@/lib/backgroundHandlers';
import { createDownloader } from '@/lib/downloads';
import { createExportJobs, jobsItem } from '@/lib/jobs/exportJobs';
import { handleMessages, isExtensionPage } from '@/lib/messaging';
import { createRecentDownloadsRecorder } from '@/lib/recentDownloads';
import { createSessionService } from '@/lib/session';
import { createSignInBadge } from '@/lib/signInBadge';

export default defineBackground(() => {
  // Bound, because the service worker's fetch throws "Illegal invocation" when called detached.
  const fetch = globalThis.fetch.bind(globalThis);
  // Firefox's MV2 build has browserAction where MV3 has action.
  const badge = createSignInBadge(browser.action ?? browser.browserAction);
  const session = createSessionService({ fetch, badge });
  const downloader = createDownloader({ downloads: browser.downloads, fetch });
  const jobs = createExportJobs({ session, downloader, fetch });
  handleMessages(
    createBackgroundHandlers({ session, jobs, fetch, downloads: browser.downloads }),
    isExtensionPage,
  );
  const recent = createRecentDownloadsRecorder();
  jobsItem.watch((value) => void recent.record(value));
});
