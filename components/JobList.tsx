import { formatBytes } from '@/lib/format';
import type { ExportJob } from '@/lib/jobs/exportJobs';
import { sendMessage } from '@/lib/messaging';
import { FORMATS, findReport } from '@/lib/reports';

/** The exports of this session: running ones with progress and Cancel, then how each ended. */
export function JobList({ jobs }: { jobs: readonly ExportJob[] }) {
  if (jobs.length === 0) return null;
  return (
    <section class="jobs" aria-label="Exports">
      <h2>Exports</h2>
      <ul>
        {jobs.map((job) => (
          <JobRow key={job.id} job={job} />
        ))}
      </ul>
    </section>
  );
}

function JobRow({ job }: { job: ExportJob }) {
  const report = findReport(job.reportId)?.label ?? job.reportId;
  const scope = job.boardIds.length === 0 ? 'all boards' : `board ${job.boardIds.join(', ')}`;
  const title = `${report} · ${scope} · ${FORMATS[job.format].label}`;
  return (
    <li class={`job job-${job.state}`}>
      <div class="job-title">{title}</div>
      {job.state === 'running' && (
        <div class="job-running">
          <div
            role="progressbar"
            aria-label={`Exporting ${report}`}
            aria-valuetext={`${formatBytes(job.bytes)} saved`}
            class="progress"
          >
            <div class="progress-bar" />
          </div>
          <span class="job-bytes">{formatBytes(job.bytes)}</span>
          <button
            type="button"
            class="link"
            onClick={() => void sendMessage('cancelExport', { jobId: job.id })}
          >
            Cancel
          </button>
        </div>
      )}
      {job.state === 'done' && (
        <div class="job-done">
          Saved <span class="file-name">{job.fileName}</span> ({formatBytes(job.bytes)})
        </div>
      )}
      {job.state === 'failed' && (
        <div class="error" role="alert">
          {job.error?.message ?? 'The export failed.'}
        </div>
      )}
      {job.state === 'cancelled' && <div class="job-cancelled">Cancelled</div>}
    </li>
  );
}
