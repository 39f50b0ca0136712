/**
 * A board snapshot's file, built where exports are built (Chrome's offscreen document, Firefox's
 * background page): every report of the plan fetched one after another into one workbook or zip.
 * One object per job, kept across attempts like a processed export's rows: an attempt that fails
 * (the job engine retries it with backoff) leaves the reports done so far in the file, and the
 * next attempt goes on with the report it stopped in, from `offset=<rows read>`.
 */
import { declaredLength, unexpectedContent } from '../api/exportContent';
import type { ReportingClient } from '../api/reportingClient';
import { incompleteError } from '../api/requestErrors';
import { LeanKitError } from '../errors';
import { readCustomFieldColumns } from '../jobs/customFieldColumns';
import { StallGuard } from '../jobs/stallGuard';
import { type CustomFieldTable, readCustomFields } from '../pipeline/customFields';
import type { SnapshotCount, SnapshotFacts } from './aboutSheet';
import type { SnapshotOutput } from './snapshotOutputs';
import { SNAPSHOT_PLAN, type SnapshotStepPlan } from './snapshotPlan';
import { createSnapshotWriter, type ReportTable, type SnapshotWriter } from './snapshotWriters';

/** What a snapshot's build needs besides the requests: plain data, it crosses a message. */
export interface SnapshotSpec extends SnapshotFacts {
  output: SnapshotOutput;
}

/** Which report is running: "Lanes, 3 of 12". */
export interface SnapshotStep {
  label: string;
  /** 1 for the first report. */
  number: number;
  count: number;
}

export interface SnapshotProgress {
  /** Data rows in the file so far, every report's. */
  rows: number;
  /** Bytes received from LeanKit so far. */
  bytes: number;
  step: SnapshotStep;
}

/** One attempt's means: the client (which alone adds the token), the boards, the stall time. */
export interface SnapshotAttempt {
  client: ReportingClient;
  token: string;
  boardIds: readonly string[];
  stallTimeoutMs: number;
  signal: AbortSignal;
  onProgress: (progress: SnapshotProgress) => void;
}

/** The file's bytes are handed on as Blob parts of about this size. */
const PART_BYTES = 1 << 20;

export class SnapshotBuild {
  private readonly writer: SnapshotWriter;
  private readonly counts: SnapshotCount[] = [];
  /** The report running (its index in the plan), its table, the custom fields it joins. */
  private index = 0;
  private table?: ReportTable;
  private customFields?: CustomFieldTable;
  /** Rows read from LeanKit by the running report: where its next request starts. */
  private received = 0;
  private rows = 0;
  private bytes = 0;
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private finished = false;

  constructor(
    private readonly spec: SnapshotSpec,
    /** Receives the file's bytes, in order, as Blob parts. */
    private readonly append: (part: Blob) => void,
    private readonly plan: readonly SnapshotStepPlan[] = SNAPSHOT_PLAN,
  ) {
    this.writer = createSnapshotWriter(spec.output, (bytes) => {
      this.pending.push(bytes);
      this.pendingBytes += bytes.byteLength;
      if (this.pendingBytes >= PART_BYTES) this.flush();
    });
  }

  /** Fetches the reports not yet in the file, then ends it; a failure names its report. */
  async run(attempt: SnapshotAttempt): Promise<void> {
    while (this.index < this.plan.length) {
      const step = this.plan[this.index] as SnapshotStepPlan;
      try {
        await this.fetchReport(step, attempt);
      } catch (cause) {
        throw inReport(step, cause, attempt.signal);
      }
      const rows = (this.table as ReportTable).end();
      this.counts.push({
        sheetName: step.sheetName,
        fileName: step.fileName,
        description: step.report.description,
        rows,
      });
      this.table = undefined;
      this.customFields = undefined;
      this.received = 0;
      this.index += 1;
    }
    if (!this.finished) {
      this.finished = true;
      this.writer.finish(this.spec, this.counts);
      this.flush();
    }
  }

  private flush(): void {
    if (this.pending.length > 0) this.append(new Blob(this.pending as BlobPart[]));
    this.pending = [];
    this.pendingBytes = 0;
  }

  private progress(attempt: SnapshotAttempt, step: SnapshotStepPlan, pendingRows = 0): void {
    attempt.onProgress({
      rows: this.rows + pendingRows,
      bytes: this.bytes,
      step: { label: step.report.label, number: this.index + 1, count: this.plan.length },
    });
  }

  /** One request for the running report, from the rows it already has. */
  private async fetchReport(step: SnapshotStepPlan, attempt: SnapshotAttempt): Promise<void> {
    const { client, token, boardIds, stallTimeoutMs, signal } = attempt;
    this.progress(attempt, step);
    if (step.recipe.customFields && !this.customFields) {
      // Read first, in full: each card row is joined with its card's fields.
      this.customFields = await readCustomFieldColumns({
        client,
        token,
        boardIds,
        sink: readCustomFields(),
        signal,
        stallTimeoutMs,
      });
    }
    this.table ??= this.writer.startReport(step, this.customFields);
    const stall = new StallGuard(stallTimeoutMs, client.host, signal);
    try {
      const request = { reportId: step.report.id, format: 'csv' as const, boardIds };
      const response = await stall.race(
        client.openExport(
          token,
          this.received > 0 ? { ...request, page: { offset: this.received } } : request,
          stall.signal,
        ),
      );
      const wrong = unexpectedContent(response.headers.get('content-type'), 'csv', client.host);
      if (wrong || !response.body) {
        await response.body?.cancel();
        throw wrong ?? new LeanKitError('server', 'LeanKit sent an empty answer. Try again.');
      }
      const declared = declaredLength(response.headers);
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      const reading = this.table.response();
      const receivedBefore = this.received;
      let bytes = 0;
      try {
        for (;;) {
          const { done, value } = await stall.race(reader.read());
          if (done) break;
          bytes += value.byteLength;
          this.bytes += value.byteLength;
          this.rows += reading.push(decoder.decode(value, { stream: true }));
          this.progress(attempt, step);
        }
        this.rows += reading.push(decoder.decode());
        if ((declared !== undefined && bytes !== declared) || !reading.complete) {
          throw incompleteError(client.host);
        }
      } catch (cause) {
        if (cause instanceof LeanKitError || signal.aborted) throw cause;
        throw new LeanKitError(
          'network',
          `The connection to ${client.host} broke during the download. Check your connection and try again.`,
        );
      } finally {
        // Whole rows read before a break stay in the file; the retry asks for the rest.
        this.received = receivedBefore + reading.received;
      }
    } finally {
      stall.stop();
    }
  }
}

/**
 * A report's failure as the snapshot's: the same kind (so the engine retries what it retries),
 * its sentence led by the report's name, so the user knows which report stopped the snapshot.
 */
function inReport(step: SnapshotStepPlan, cause: unknown, signal: AbortSignal): unknown {
  if (!(cause instanceof LeanKitError) || cause.kind === 'aborted' || signal.aborted) return cause;
  return new LeanKitError(
    cause.kind,
    `${step.report.label} report: ${cause.message}`,
    cause.status,
    cause.retryAfterMs,
  );
}
