import type { ExportJob } from '@/lib/jobs/jobRecords';
import { progressText, reportLabel } from '@/lib/jobs/jobStatus';
import { sendMessage } from '@/lib/messaging';
import { isFinished } from '@/lib/recentDownloads';

/**
 * Exports still under way, each with Cancel and a bar that moves without claiming a percentage:
 * LeanKit does not say how big an export is.
 */
export function ExportProgress({
  jobs,
  now,
  onCancelled,
}: {
  jobs: readonly ExportJob[];
  now: number;
  /** After Cancel: its row goes away, so focus must go somewhere that stays. */
  onCancelled: () => void;
}) {
  const active = jobs.filter((job) => !isFinished(job.state));
  if (active.length === 0) return null;
  return (
    <ul class="progress-list" aria-label="Exports in progress">
      {active.map((job) => (
        <ProgressRow key={job.id} job={job} now={now} onCancelled={onCancelled} />
      ))}
    </ul>
  );
}

function ProgressRow({
  job,
  now,
  onCancelled,
}: {
  job: ExportJob;
  now: number;
  onCancelled: () => void;
}) {
  const label = reportLabel(job.reportId);
  const text = progressText(job, now);
  const moving = job.state === 'running';
  return (
    <li class="progress-row">
      <div class="progress-head">
        <span class="progress-title">{label}</span>
        <span class="progress-count">{text}</span>
        <button
          type="button"
          class="link"
          aria-label={`Cancel ${label}`}
          onClick={() => {
            onCancelled();
            void sendMessage('cancelExport', { jobId: job.id });
          }}
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
        aria-valuetext={text}
        class={moving ? 'progress indeterminate' : 'progress'}
      >
        <div class="progress-bar" />
      </div>
    </li>
  );
}
