import type { Browser } from 'wxt/browser';
import { loadBoardList } from './boardList';
import { LeanKitError } from './errors';
import type { ExportJobs } from './jobs/exportJobs';
import type { Handlers } from './messaging';
import { loadBoardLanes } from './recipes/boardLanes';
import { withPreset } from './recipes/presets';
import type { ScheduleRunner } from './schedules/scheduleRunner';
import type { SessionService } from './session';
import { boardListItem } from './storage/items';

/** The background's answers to the extension pages' messages (lib/messaging.ts wraps them). */
export function createBackgroundHandlers({
  session,
  jobs,
  fetch,
  downloads,
  schedules,
}: {
  session: SessionService;
  jobs: ExportJobs;
  schedules: ScheduleRunner;
  fetch: typeof globalThis.fetch;
  downloads: Pick<typeof Browser.downloads, 'show'>;
}): Handlers {
  return {
    getSession: () => session.current(),
    // Another user of the same account may see other boards: the cached list goes with the session.
    signIn: (input) => forgetBoards(session.signIn(input)),
    signInWithToken: (input) => forgetBoards(session.signInWithToken(input)),
    signOut: async () => {
      await forgetBoards(session.signOut());
      return null;
    },
    startExport: async (request) => {
      const { jobId } = await jobs.start(await withPreset(request));
      return { jobId };
    },
    startSnapshot: async (request) => {
      const { jobId } = await jobs.startSnapshot(request);
      return { jobId };
    },
    cancelExport: async ({ jobId }) => {
      jobs.cancel(jobId);
      return null;
    },
    listBoards: () => signedIn(session, (origin, token) => loadBoardList({ fetch, origin, token })),
    listLanes: ({ boardIds }) =>
      signedIn(session, (origin, token) => loadBoardLanes({ fetch, origin, token, boardIds })),
    showDownload: async ({ downloadId }) => {
      try {
        await downloads.show(downloadId);
      } catch {
        throw new LeanKitError(
          'not-found',
          'The browser no longer knows this file. It may have been moved or deleted.',
        );
      }
      return null;
    },
    setStaySignedIn: async ({ stay }) => {
      await session.setStaySignedIn(stay);
      return null;
    },
    saveSchedule: async ({ setup, id }) => ({ id: (await schedules.save(setup, id)).id }),
    scheduleAction: async ({ id, action }) => {
      await schedules.act(id, action);
      return null;
    },
  };
}

/**
 * Asks LeanKit with the signed-in session's token; a token LeanKit refuses is dropped, so the pages
 * show the session as expired rather than fail on it again and again.
 */
async function signedIn<T>(
  session: SessionService,
  ask: (origin: string, token: string) => Promise<T>,
): Promise<T> {
  const { origin, token } = await session.require();
  try {
    return await ask(origin, token);
  } catch (cause) {
    if (cause instanceof LeanKitError && cause.kind === 'token-expired') {
      await session.dropToken(token);
    }
    throw cause;
  }
}

async function forgetBoards<T>(work: Promise<T>): Promise<T> {
  const result = await work;
  await boardListItem.removeValue();
  return result;
}
