import { useEffect, useRef } from 'preact/hooks';
import type { RecentDownload } from '@/lib/recentDownloads';
import { jobsItem } from '@/lib/storage/items';
import { ExportProgress } from '../ExportProgress';
import { LatestResult } from '../LatestResult';
import { useAnnouncements } from '../useAnnouncements';
import { useNow } from '../useNow';
import { useStoredValue } from '../useStoredValue';

/**
 * The exports started from this page, as the popup shows them: a bar with Cancel while each runs,
 * then how the newest one ended (Show in folder, or Retry). What changes is said through the page's
 * own live regions (`say`), so a screen reader hears it once.
 */
export function EditorExports({
  jobIds,
  say,
  onShow,
  onRetry,
}: {
  jobIds: readonly string[];
  say: { polite: (text: string) => void; alert: (text: string) => void };
  onShow: (entry: RecentDownload) => void;
  onRetry: (entry: RecentDownload) => void;
}) {
  const stored = useStoredValue(jobsItem);
  const mine = stored?.filter((job) => jobIds.includes(job.id));
  const said = useAnnouncements(mine);
  const status = useRef<HTMLElement>(null);
  const now = useNow(mine?.some((job) => job.state === 'running') ?? false);

  useEffect(() => {
    if (said.alert.length > 0) say.alert(said.alert.join(' '));
    else if (said.polite.length > 0) say.polite(said.polite.join(' '));
  }, [said]);

  if (!mine || mine.length === 0) return null;
  return (
    <section class="status-bar" aria-label="Export status" ref={status} tabIndex={-1}>
      <ExportProgress jobs={mine} now={now} onCancelled={() => status.current?.focus()} />
      <LatestResult
        jobs={mine}
        // Every export listed here was started by whoever uses this page now.
        accountName={mine[0]?.accountName ?? ''}
        onShow={onShow}
        onRetry={onRetry}
      />
    </section>
  );
}
