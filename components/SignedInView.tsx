import { useSignal } from '@preact/signals';
import type { ExportJob } from '@/lib/jobs/exportJobs';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import { findReport } from '@/lib/reports';
import { JobList } from './JobList';

const CARDS = findReport('cards');

/** Who is signed in, the reports to download, and how the exports went. */
export function SignedInView({
  session,
  jobs,
  onSignedOut,
}: {
  session: SessionInfo;
  jobs: readonly ExportJob[];
  onSignedOut: () => void;
}) {
  const startError = useSignal<string | null>(null);

  async function download(reportId: string) {
    startError.value = null;
    const result = await sendMessage('startExport', { reportId, format: 'csv', boardIds: [] });
    if (!result.ok) startError.value = result.error.message;
  }

  async function signOut() {
    await sendMessage('signOut');
    onSignedOut();
  }

  return (
    <div class="signed-in">
      <div class="who">
        <span>
          Signed in as <strong>{session.name ?? session.email}</strong> on{' '}
          <strong>{session.accountName}</strong>
        </span>
        <button type="button" class="link" onClick={signOut}>
          Sign out
        </button>
      </div>
      {CARDS && (
        <ul class="reports" aria-label="Reports">
          <li class="report">
            <div>
              <div class="report-label">{CARDS.label}</div>
              <div class="report-description">{CARDS.description}</div>
            </div>
            <button
              type="button"
              class="primary"
              aria-label={`Download ${CARDS.label}`}
              onClick={() => void download(CARDS.id)}
            >
              Download CSV
            </button>
          </li>
        </ul>
      )}
      {startError.value && (
        <p class="error" role="alert">
          {startError.value}
        </p>
      )}
      <JobList jobs={jobs} />
      <p class="hint">Reporting data can lag up to 24 hours behind your boards.</p>
    </div>
  );
}
