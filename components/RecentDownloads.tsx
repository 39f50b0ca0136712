import type { BoardOption } from '@/lib/boardList';
import { byteSize } from '@/lib/byteSize';
import type { RecentDownload } from '@/lib/recentDownloads';
import { FORMATS, findReport } from '@/lib/reports';

/** The last finished exports: how each ended, with "Show in folder" or "Retry". */
export function RecentDownloads({
  entries,
  boards,
  accountName,
  onShow,
  onRetry,
}: {
  entries: readonly RecentDownload[];
  boards: readonly BoardOption[] | undefined;
  /** The signed-in account: exports of another account cannot be retried from here. */
  accountName: string;
  onShow: (entry: RecentDownload) => void;
  onRetry: (entry: RecentDownload) => void;
}) {
  return (
    <section class="recent" aria-labelledby="recent-title">
      <h2 id="recent-title">Recent downloads</h2>
      {entries.length === 0 ? (
        <p class="hint">Nothing downloaded yet.</p>
      ) : (
        <ul>
          {entries.map((entry) => (
            <RecentRow
              key={entry.jobId}
              entry={entry}
              scope={scopeText(entry.boardIds, boards)}
              canRetry={entry.accountName === accountName}
              onShow={onShow}
              onRetry={onRetry}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

const STATUS = {
  done: { icon: '✓', word: 'Done' },
  failed: { icon: '✗', word: 'Failed' },
  cancelled: { icon: '–', word: 'Cancelled' },
} as const;

function RecentRow({
  entry,
  scope,
  canRetry,
  onShow,
  onRetry,
}: {
  entry: RecentDownload;
  scope: string;
  canRetry: boolean;
  onShow: (entry: RecentDownload) => void;
  onRetry: (entry: RecentDownload) => void;
}) {
  const label = findReport(entry.reportId)?.label ?? entry.reportId;
  const status = STATUS[entry.state];
  const details = [
    scope,
    FORMATS[entry.format]?.label ?? entry.format,
    entry.state === 'done' ? byteSize(entry.bytes) : null,
    timeText(entry.finishedAt),
  ]
    .filter(Boolean)
    .join(' · ');
  return (
    <li class={`recent-row recent-${entry.state}`}>
      <span class="recent-icon" aria-hidden="true">
        {status.icon}
      </span>
      <div class="recent-text">
        <div>
          <strong>{label}</strong> <span class="visually-hidden">{status.word}:</span>
          <span class="recent-details">{details}</span>
        </div>
        {entry.state === 'done' && <div class="file-name">{entry.fileName}</div>}
        {entry.restartedAfterBrowserClosed && (
          <div class="recent-details">Restarted after the browser closed</div>
        )}
        {entry.state === 'failed' && (
          <div class="recent-reason">{entry.error?.message ?? 'The export failed.'}</div>
        )}
        {entry.state === 'cancelled' && <div class="recent-reason">Cancelled</div>}
      </div>
      {entry.state === 'done' && entry.downloadId !== undefined && (
        <button
          type="button"
          class="link"
          aria-label={`Show ${label} in folder`}
          onClick={() => onShow(entry)}
        >
          Show in folder
        </button>
      )}
      {entry.state !== 'done' && canRetry && (
        <button
          type="button"
          class="link"
          aria-label={`Retry ${label}`}
          onClick={() => onRetry(entry)}
        >
          Retry
        </button>
      )}
    </li>
  );
}

function scopeText(boardIds: readonly string[], boards: readonly BoardOption[] | undefined) {
  if (boardIds.length === 0) return 'All boards';
  const titles = boardIds.map((id) => boards?.find((b) => b.id === id)?.title ?? `Board ${id}`);
  return titles.length <= 2 ? titles.join(', ') : `${titles.length} boards`;
}

function timeText(at: number): string {
  const date = new Date(at);
  const today = new Date().toDateString() === date.toDateString();
  return today
    ? date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' })
    : date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' });
}
