import { useSignal } from '@preact/signals';
import { useRef } from 'preact/hooks';
import type { BoardOption } from '@/lib/boardOptions';
import { byteSize } from '@/lib/byteSize';
import { FORMATS } from '@/lib/formats';
import { cancelledText, emptyText, otherNotes, reportLabel } from '@/lib/jobs/jobStatus';
import { clearRecentDownloads, type RecentDownload } from '@/lib/recentDownloads';

/** Rows listed before "Show all": the latest result is also at the top of the popup. */
export const RECENT_SHOWN = 3;

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
  const expanded = useSignal(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const shown = expanded.value ? entries : entries.slice(0, RECENT_SHOWN);
  return (
    <section class="recent" aria-labelledby="recent-title">
      <div class="recent-head">
        <h2 id="recent-title" ref={heading} tabIndex={-1}>
          Recent downloads
        </h2>
        {entries.length > 0 && (
          <button
            type="button"
            class="link"
            aria-label="Clear recent downloads"
            onClick={() => {
              // The button goes with the list: focus stays in the section.
              heading.current?.focus();
              void clearRecentDownloads(Date.now());
            }}
          >
            Clear
          </button>
        )}
      </div>
      {entries.length === 0 ? (
        <p class="hint">Nothing downloaded yet.</p>
      ) : (
        <>
          <ul id="recent-list">
            {shown.map((entry) => (
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
          {entries.length > RECENT_SHOWN && (
            <button
              type="button"
              class="link show-all"
              aria-expanded={expanded.value}
              aria-controls="recent-list"
              onClick={() => {
                expanded.value = !expanded.value;
              }}
            >
              {expanded.value ? 'Show fewer' : `Show all ${entries.length}`}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** How each ending is marked: an icon for the eye, a word for screen readers. */
export const STATUS = {
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
  const label = reportLabel(entry.reportId);
  const status = STATUS[entry.state];
  const empty = entry.state === 'done' && entry.rows === 0;
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
        {empty && <div class="recent-reason">{emptyText(entry)}</div>}
        {entry.state === 'done' && <div class="file-name">{entry.fileName}</div>}
        {entry.state === 'done' &&
          otherNotes(entry).map((note) => (
            <div key={note} class="recent-reason">
              {note}
            </div>
          ))}
        {entry.scheduleId !== undefined && <div class="recent-details">Scheduled export</div>}
        {entry.restartedAfterBrowserClosed && (
          <div class="recent-details">Restarted after the browser closed</div>
        )}
        {entry.state === 'failed' && (
          <div class="recent-reason">{entry.error?.message ?? 'The export failed.'}</div>
        )}
        {entry.state === 'cancelled' && <div class="recent-reason">{cancelledText(entry)}</div>}
      </div>
      <ResultActions entry={entry} canRetry={canRetry} onShow={onShow} onRetry={onRetry} />
    </li>
  );
}

/** "Show in folder" for a saved file, "Retry" for one that was not. */
export function ResultActions({
  entry,
  canRetry,
  onShow,
  onRetry,
}: {
  entry: RecentDownload;
  canRetry: boolean;
  onShow: (entry: RecentDownload) => void;
  onRetry: (entry: RecentDownload) => void;
}) {
  const label = reportLabel(entry.reportId);
  if (entry.state === 'done') {
    return entry.downloadId === undefined ? null : (
      <button
        type="button"
        class="link"
        aria-label={`Show in folder: ${label}`}
        onClick={() => onShow(entry)}
      >
        Show in folder
      </button>
    );
  }
  return canRetry ? (
    <button type="button" class="link" aria-label={`Retry ${label}`} onClick={() => onRetry(entry)}>
      Retry
    </button>
  ) : null;
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
