import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import { mergeFinishedJobs } from '@/lib/recentDownloads';
import { jobsItem, recentDownloadsItem, sessionExpiredItem } from '@/lib/storage/items';
import { SignedInView } from './SignedInView';
import { SignInForm } from './SignInForm';
import { useStoredValue } from './useStoredValue';

/** The popup: sign-in when signed out, reports and exports when signed in. */
export function App() {
  const session = useSignal<SessionInfo | null | undefined>(undefined);
  const jobs = useStoredValue(jobsItem) ?? [];
  const recorded = useStoredValue(recentDownloadsItem) ?? [];
  const expired = useStoredValue(sessionExpiredItem) ?? false;

  useEffect(() => {
    void sendMessage('getSession').then((value) => {
      session.value = value;
    });
  }, []);
  // LeanKit refused the token (an export or the board list got 401): back to signing in.
  useEffect(() => {
    if (expired) session.value = null;
  }, [expired]);

  // Jobs that just ended show at once, before the background has recorded them.
  const recent = mergeFinishedJobs(recorded, jobs) ?? recorded;
  return (
    <main class="popup">
      <header class="title">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>LeanKit Exporter</h1>
      </header>
      {session.value === undefined ? null : session.value === null ? (
        <SignInForm
          expired={expired}
          onSignedIn={(value) => {
            session.value = value;
          }}
        />
      ) : (
        <SignedInView
          session={session.value}
          jobs={jobs}
          recent={recent}
          onSignedOut={() => {
            session.value = null;
          }}
        />
      )}
    </main>
  );
}
