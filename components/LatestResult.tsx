import type { ExportJob } from '@/lib/jobs/jobRecords';
import { otherNotes, reportLabel, resultText } from '@/lib/jobs/jobStatus';
import { type RecentDownload, recentFromJob } from '@/lib/recentDownloads';
import { ResultActions, STATUS } from './RecentDownloads';

/** How the newest export of this browser session ended, kept at the top of the popup. */
export function LatestResult({
  jobs,
  accountName,
  onShow,
  onRetry,
}: {
  jobs: readonly ExportJob[];
  accountName: string;
  onShow: (entry: RecentDownload) => void;
  onRetry: (entry: RecentDownload) => void;
}) {
  const latest = jobs
    .map(recentFromJob)
    .filter((entry): entry is RecentDownload => entry !== null)
    .sort((a, b) => b.finishedAt - a.finishedAt)[0];
  if (!latest) return null;
  return (
    <div class={`latest-result recent-${latest.state}`}>
      <span class="recent-icon" aria-hidden="true">
        {STATUS[latest.state].icon}
      </span>
      <p class="latest-text">
        <strong>{reportLabel(latest.reportId)}</strong>: {resultText(latest)}
        {latest.state === 'done' &&
          otherNotes(latest).map((note) => (
            <span key={note} class="latest-note">
              {note}
            </span>
          ))}
      </p>
      <ResultActions
        entry={latest}
        canRetry={latest.accountName === accountName}
        onShow={onShow}
        onRetry={onRetry}
      />
    </div>
  );
}
