/**
 * A board snapshot as a job of the export engine (lib/jobs/exportJobs.ts): its record, and what
 * its build needs from it. The engine runs it as any export (retries, waiting for a sign-in,
 * cancel, resume, the recent downloads); only its build differs (lib/snapshot/snapshotBuild.ts).
 */
import { exportFileName } from '../files';
import type { ExportJob, JobUser } from '../jobs/jobRecords';
import type { SnapshotSpec, SnapshotStep } from './snapshotBuild';
import { SNAPSHOT_REPORT_ID, type SnapshotOutput } from './snapshotOutputs';

export type { SnapshotStep };

/** Each kind of snapshot file's extension and type. */
const SNAPSHOT_FILES: Readonly<Record<SnapshotOutput, { extension: string; mimeType: string }>> = {
  xlsx: {
    extension: 'xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  },
  'csv-zip': { extension: 'zip', mimeType: 'application/zip' },
};

/** What a job record keeps of its snapshot. */
export interface SnapshotJob {
  output: SnapshotOutput;
  /** The boards, with their titles where the board list knew them; empty for all boards. */
  boards: { id: string; title?: string }[];
}

export interface NewSnapshot {
  id: string;
  output: SnapshotOutput;
  /** Empty for all boards. */
  boardIds: readonly string[];
  /** Board titles the board list knows, by id. */
  titles: ReadonlyMap<string, string>;
  accountName: string;
  origin: string;
  startedBy: JobUser;
  startedAt: Date;
  /** The user's file name pattern. */
  pattern?: string;
}

/** The job record of a new snapshot, running. */
export function newSnapshotJob(start: NewSnapshot): ExportJob {
  const { output, boardIds, accountName, startedAt } = start;
  const { extension } = SNAPSHOT_FILES[output];
  return {
    id: start.id,
    reportId: SNAPSHOT_REPORT_ID,
    // What LeanKit serves each report of it as.
    format: 'csv',
    boardIds: [...boardIds],
    accountName,
    origin: start.origin,
    startedBy: start.startedBy,
    fileName: exportFileName({
      accountName,
      reportId: SNAPSHOT_REPORT_ID,
      boardIds,
      format: 'csv',
      extension,
      date: startedAt,
      pattern: start.pattern,
    }),
    state: 'running',
    bytes: 0,
    startedAt: startedAt.getTime(),
    route: 'processed',
    attempt: 1,
    snapshot: {
      output,
      boards: boardIds.map((id) => {
        const title = start.titles.get(id);
        return title === undefined ? { id } : { id, title };
      }),
    },
  };
}

/** What the snapshot's build needs from its job. */
export function snapshotSpec(job: ExportJob, snapshot: SnapshotJob): SnapshotSpec {
  return {
    output: snapshot.output,
    accountName: job.accountName,
    origin: job.origin ?? '',
    boards: snapshot.boards,
    startedAt: job.startedAt,
  };
}

/** The type the snapshot's file is saved with. */
export function snapshotMimeType(snapshot: SnapshotJob): string {
  return SNAPSHOT_FILES[snapshot.output].mimeType;
}
