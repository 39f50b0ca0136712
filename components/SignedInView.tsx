import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { activeBoardId } from '@/lib/activeBoard';
import type { BoardOption } from '@/lib/boardOptions';
import { spreadsheetSafetyHint } from '@/lib/csv/spreadsheetSafety';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import { isFinished, type RecentDownload } from '@/lib/recentDownloads';
import { FORMATS, type Format, findReport, REPORTS } from '@/lib/reports';
import { boardSelectionItem, defaultFormatItem, excelFriendlyCsvItem } from '@/lib/storage/items';
import { BoardPicker } from './BoardPicker';
import { ExportProgress } from './ExportProgress';
import { FormatPicker } from './FormatPicker';
import { LatestResult } from './LatestResult';
import { RecentDownloads } from './RecentDownloads';
import { useNow } from './useNow';
import { useStoredValue } from './useStoredValue';

/**
 * Who is signed in, what is being exported and how the last export ended (always in view at
 * the top), the reports to download, and recent downloads.
 */
export function SignedInView({
  session,
  jobs,
  recent,
  onSignedOut,
}: {
  session: SessionInfo;
  jobs: readonly ExportJob[];
  recent: readonly RecentDownload[];
  onSignedOut: () => void;
}) {
  const format = useStoredValue(defaultFormatItem) ?? 'csv';
  const excelFriendly = useStoredValue(excelFriendlyCsvItem);
  const boards = useSignal<BoardOption[] | undefined>(undefined);
  const boardsError = useSignal<string | null>(null);
  const boardsComplete = useSignal(true);
  const selected = useSignal<string[]>([]);
  const pickerOpen = useSignal(false);
  const actionError = useSignal<string | null>(null);
  const status = useRef<HTMLElement>(null);
  const now = useNow(jobs.some((job) => !isFinished(job.state)));

  useEffect(() => {
    void sendMessage('listBoards').then((result) => {
      if (result.ok) {
        boards.value = result.value.boards;
        boardsComplete.value = result.value.complete;
      } else boardsError.value = result.error.message;
    });
    // The board of the active LeanKit tab, else the boards picked last time on this account.
    void Promise.all([
      activeBoardId(browser.tabs, session.origin),
      boardSelectionItem.getValue(),
    ]).then(([active, remembered]) => {
      if (selected.peek().length > 0) return;
      selected.value = active ? [active] : (remembered[session.accountName] ?? []);
    });
  }, [session.origin, session.accountName]);

  function choose(ids: string[]) {
    selected.value = ids;
    void boardSelectionItem
      .getValue()
      .then((all) => boardSelectionItem.setValue({ ...all, [session.accountName]: ids }));
  }

  async function start(reportId: string, exportFormat: Format, boardIds: readonly string[]) {
    actionError.value = null;
    // The status at the top shows the export: nothing may cover it.
    pickerOpen.value = false;
    const report = findReport(reportId);
    const result = await sendMessage('startExport', {
      reportId,
      format: exportFormat,
      boardIds: report?.boardScoped ? [...boardIds] : [],
    });
    if (!result.ok) actionError.value = result.error.message;
  }

  async function show(entry: RecentDownload) {
    if (entry.downloadId === undefined) return;
    actionError.value = null;
    const result = await sendMessage('showDownload', { downloadId: entry.downloadId });
    if (!result.ok) actionError.value = result.error.message;
  }

  async function signOut() {
    await sendMessage('signOut');
    onSignedOut();
  }

  const retry = (entry: RecentDownload) => void start(entry.reportId, entry.format, entry.boardIds);
  return (
    <div class="signed-in">
      <div class="who">
        <span>
          <strong>{session.name ?? (session.email || 'Signed in')}</strong> on{' '}
          <strong>{session.accountName}</strong>
        </span>
        <span class="who-actions">
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            Options
          </button>
          <button type="button" class="link" onClick={signOut}>
            Sign out
          </button>
        </span>
      </div>
      <section class="status-bar" aria-label="Export status" ref={status} tabIndex={-1}>
        <ExportProgress jobs={jobs} now={now} onCancelled={() => status.current?.focus()} />
        <LatestResult
          jobs={jobs}
          accountName={session.accountName}
          onShow={(entry) => void show(entry)}
          onRetry={retry}
        />
        {actionError.value && (
          <p class="error" role="alert">
            {actionError.value}
          </p>
        )}
      </section>
      <BoardPicker
        boards={boards.value}
        loadError={boardsError.value}
        complete={boardsComplete.value}
        selected={selected.value}
        onChange={choose}
        open={pickerOpen.value}
        onOpenChange={(open) => {
          pickerOpen.value = open;
        }}
      />
      <FormatPicker
        value={format}
        onChange={(next) => void defaultFormatItem.setValue(next)}
        hint={excelFriendly === undefined ? undefined : spreadsheetSafetyHint(excelFriendly)}
      />
      <ul class="reports" aria-label="Reports">
        {REPORTS.map((report) => (
          <li key={report.id} class="report">
            <div class="report-text">
              <div class="report-label">{report.label}</div>
              <div class="report-description" title={report.description}>
                {report.description}
              </div>
            </div>
            <button
              type="button"
              class="download"
              aria-label={`Download ${report.label}`}
              title={`Download ${report.label} as ${FORMATS[format].label}`}
              onClick={() => void start(report.id, format, selected.value)}
            >
              Download
            </button>
          </li>
        ))}
      </ul>
      <RecentDownloads
        entries={recent}
        boards={boards.value}
        accountName={session.accountName}
        onShow={(entry) => void show(entry)}
        onRetry={retry}
      />
      <p class="hint">Reporting data can lag up to 24 hours behind your boards.</p>
    </div>
  );
}
