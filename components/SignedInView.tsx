import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { activeBoardId } from '@/lib/activeBoard';
import type { BoardOption } from '@/lib/boardList';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import type { RecentDownload } from '@/lib/recentDownloads';
import { FORMATS, type Format, findReport, REPORTS } from '@/lib/reports';
import { defaultFormatItem } from '@/lib/storage/items';
import { BoardPicker } from './BoardPicker';
import { ExportProgress } from './ExportProgress';
import { FormatPicker } from './FormatPicker';
import { RecentDownloads } from './RecentDownloads';
import { useStoredValue } from './useStoredValue';

/** Who is signed in, the reports to download, exports under way and recent downloads. */
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
  const boards = useSignal<BoardOption[] | undefined>(undefined);
  const boardsError = useSignal<string | null>(null);
  const selected = useSignal<string[]>([]);
  const actionError = useSignal<string | null>(null);

  useEffect(() => {
    void sendMessage('listBoards').then((result) => {
      if (result.ok) boards.value = result.value;
      else boardsError.value = result.error.message;
    });
    void activeBoardId(browser.tabs, session.origin).then((id) => {
      if (id && selected.peek().length === 0) selected.value = [id];
    });
  }, [session.origin]);

  async function start(reportId: string, exportFormat: Format, boardIds: readonly string[]) {
    actionError.value = null;
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
      <BoardPicker
        boards={boards.value}
        loadError={boardsError.value}
        selected={selected.value}
        onChange={(ids) => {
          selected.value = ids;
        }}
      />
      <FormatPicker value={format} onChange={(next) => void defaultFormatItem.setValue(next)} />
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
      {actionError.value && (
        <p class="error" role="alert">
          {actionError.value}
        </p>
      )}
      <ExportProgress jobs={jobs} />
      <RecentDownloads
        entries={recent}
        boards={boards.value}
        accountName={session.accountName}
        onShow={(entry) => void show(entry)}
        onRetry={(entry) => void start(entry.reportId, entry.format, entry.boardIds)}
      />
      <p class="hint">Reporting data can lag up to 24 hours behind your boards.</p>
    </div>
  );
}
