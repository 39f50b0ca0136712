import { toErrorInfo } from './errors';
import type { ExportJobs } from './jobs/exportJobs';
import type { Handlers, Result } from './messaging';
import type { SessionService } from './session';

/** The background's answers to every message of the protocol. */
export function createBackgroundHandlers({
  session,
  jobs,
}: {
  session: SessionService;
  jobs: ExportJobs;
}): Handlers {
  return {
    getSession: () => session.current(),
    signIn: (input) => asResult(() => session.signIn(input)),
    signOut: async () => {
      await session.signOut();
      return null;
    },
    startExport: (request) =>
      asResult(async () => {
        const { jobId } = await jobs.start(request);
        return { jobId };
      }),
    cancelExport: async ({ jobId }) => {
      jobs.cancel(jobId);
      return null;
    },
  };
}

async function asResult<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (cause) {
    return { ok: false, error: toErrorInfo(cause) };
  }
}
