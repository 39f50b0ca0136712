import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { createBackgroundHandlers } from '@/lib/backgroundHandlers';
import { createBoardExports } from '@/lib/board/boardExports';
import { createFlowReportLoads } from '@/lib/flow/flowReportLoads';
import { serveFlowLoads } from '@/lib/flow/serveFlowLoads';
import { permittedFetch } from '@/lib/hostPermission';
import { createDownloader } from '@/lib/jobs/downloads';
import { exportBuilder, inThisPage } from '@/lib/jobs/exportBuilder';
import { ExportBuilds } from '@/lib/jobs/exportBuilds';
import { createExportJobs } from '@/lib/jobs/exportJobs';
import { createKeepAwake } from '@/lib/jobs/keepAwake';
import { offscreenBuilds } from '@/lib/jobs/offscreenBuilds';
import { rowPipelineConverter } from '@/lib/jobs/rowConverter';
import { readStallTimeoutMs } from '@/lib/jobs/stallTimeout';
import { workbookWorkers } from '@/lib/jobs/workbookWorkers';
import { handleMessages } from '@/lib/messaging';
import { indexedDbRecords } from '@/lib/persistentToken';
import { createRecentDownloadsRecorder } from '@/lib/recentDownloads';
import { createScheduleRunner } from '@/lib/schedules/scheduleRunner';
import {
  createSignInNotice,
  createSignInNoticeClick,
  listenToNoticeClicks,
} from '@/lib/schedules/signInNotice';
import { createSessionService } from '@/lib/session';
import { createSignInBadge } from '@/lib/signInBadge';
import { jobsItem, keptSettings } from '@/lib/storage/items';
import { afterLoading, startKeptSettings } from '@/lib/storage/keptSettings';
import { restrictStorageToExtension } from '@/lib/storage/trustedContexts';
import { toolbarAction } from '@/lib/toolbarAction';

export default defineBackground(() => {
  // First: content scripts need no storage, and must not change a safety setting.
  void restrictStorageToExtension(browser.storage);
  // Firefox cannot close `local` and `sync`: its safety settings come back from IndexedDB first.
  const settingsLoaded = import.meta.env.FIREFOX
    ? startKeptSettings(
        keptSettings,
        indexedDbRecords(() => globalThis.indexedDB),
        storage,
      )
    : Promise.resolve();
  // Bound, because the service worker's fetch throws "Illegal invocation" when called detached.
  // Checked against the user's host permissions first: hosts off leankit.com are granted at runtime.
  const fetch = permittedFetch(globalThis.fetch.bind(globalThis), browser.permissions);
  const action = toolbarAction(browser);
  const badge = createSignInBadge(action);
  const session = createSessionService({ fetch, badge, permissions: browser.permissions });
  const downloader = createDownloader({ downloads: browser.downloads });
  // Firefox's background page has a DOM and builds files itself; Chrome's worker has none.
  const builder = exportBuilder(
    import.meta.env.FIREFOX
      ? inThisPage(
          new ExportBuilds(
            fetch,
            workbookWorkers((script) => new Worker(`/${script}.js`), rowPipelineConverter),
          ),
        )
      : offscreenBuilds(browser.permissions),
  );
  const keepAwake = createKeepAwake(() => browser.runtime.getPlatformInfo());
  const jobs = createExportJobs({ session, downloader, builder, keepAwake });
  // The Flow charts page's reports, built where exports are (lib/flow/flowReportLoads.ts).
  const flowLoads = createFlowReportLoads({
    session,
    builder,
    stallTimeoutMs: readStallTimeoutMs,
    keepAwake,
  });
  serveFlowLoads(browser.runtime.onConnect, flowLoads);
  session.onSignOut(() => {
    jobs.stopAll();
    flowLoads.stopAll();
  });
  const schedules = createScheduleRunner({
    jobs,
    session,
    alarms: browser.alarms,
    askToSignIn: createSignInNotice({
      badge,
      notifications: () => browser.notifications,
      permissions: browser.permissions,
      iconUrl: browser.runtime.getURL('/icon/128.png'),
    }),
  });
  listenToNoticeClicks({
    clicks: () => browser.notifications?.onClicked,
    permissionAdded: browser.permissions.onAdded,
    onClick: createSignInNoticeClick({
      action,
      tabs: browser.tabs,
      notifications: () => browser.notifications,
      popupUrl: browser.runtime.getURL('/popup.html'),
    }),
  });
  const boards = createBoardExports({
    session,
    jobs,
    tabs: browser.tabs,
    downloads: browser.downloads,
    action,
    popupUrl: browser.runtime.getURL('/popup.html'),
  });
  handleMessages(
    afterLoading(settingsLoaded, {
      ...createBackgroundHandlers({
        session,
        jobs,
        fetch,
        downloads: browser.downloads,
        schedules,
      }),
      ...boards.handlers,
    }),
  );
  boards.watch();
  const recent = createRecentDownloadsRecorder();
  jobsItem.watch((value) => void recent.record(value));
  jobsItem.watch((value) => void schedules.onJobs(value));
  // Listened to at once, so that the alarm that woke the worker is not missed.
  browser.alarms.onAlarm.addListener(
    (alarm) => void settingsLoaded.then(() => schedules.onAlarm(alarm.name)),
  );
  browser.commands.onCommand.addListener((command, tab) => {
    if (command === 'export-board') void settingsLoaded.then(() => boards.exportFromShortcut(tab));
  });
  // The worker, or the whole browser, may have stopped mid-export: pick up every unfinished job.
  void settingsLoaded.then(() => jobs.resumeInterrupted());
  // Runs missed while the browser was closed happen once, now.
  void settingsLoaded.then(() => schedules.start());
});
