import { byteSize } from '@/lib/byteSize';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import { sendMessage } from '@/lib/messaging';
import { isFinished } from '@/lib/recentDownloads';
import { findReport } from '@/lib/reports';

/** Fields the engine may add to a job; shown when present. */
type JobWithCounts = ExportJob & { rows?: number; totalBytes?: number };

/** Exports still under way, each with a progress bar and Cancel. */
export function ExportProgress({ jobs }: { jobs: readonly ExportJob[] }) {
  const active = jobs.filter((job) => !isFinished(job.state));
  if (active.length === 0) return null;
  return (
    <ul class="progress-list" aria-label="Exports in progress">
      {active.map((job) => (
        <ProgressRow key={job.id} job={job} />
      ))}
    </ul>
  );
}

function ProgressRow({ job }: { job: JobWithCounts }) {
  const label = findReport(job.reportId)?.label ?? job.reportId;
  const percent =
    job.totalBytes && job.totalBytes > 0
      ? Math.min(100, Math.round((job.bytes / job.totalBytes) * 100))
      : undefined;
  const done = [
    percent === undefined ? null : `${percent}%`,
    typeof job.rows === 'number' ? `${job.rows.toLocaleString()} rows` : null,
    byteSize(job.bytes),
  ]
    .filter(Boolean)
    .join(' · ');
  const waiting = job.state !== 'running';
  const waitingText =
    job.state === 'waiting-for-sign-in' ? 'Paused until you sign in again' : 'Waiting…';
  return (
    <li class="progress-row">
      <div class="progress-head">
        <span class="progress-title">{label}</span>
        <span class="progress-count">{waiting ? waitingText : done}</span>
        <button
          type="button"
          class="link"
          aria-label={`Cancel ${label}`}
          onClick={() => void sendMessage('cancelExport', { jobId: job.id })}
        >
          Cancel
        </button>
      </div>
      {job.restartedAfterBrowserClosed && (
        <div class="progress-count">Restarted after the browser closed</div>
      )}
      <div
        role="progressbar"
        aria-label={`Exporting ${label}`}
        aria-valuemin={percent === undefined ? undefined : 0}
        aria-valuemax={percent === undefined ? undefined : 100}
        aria-valuenow={percent}
        aria-valuetext={waiting ? waitingText : `${done} saved`}
        class={percent === undefined ? 'progress indeterminate' : 'progress'}
      >
        <div
          class="progress-bar"
          style={percent === undefined ? undefined : { width: `${percent}%` }}
        />
      </div>
    </li>
  );
}
