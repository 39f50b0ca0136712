import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { type ExportJob, jobsItem } from '@/lib/jobs/exportJobs';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import { SignedInView } from './SignedInView';
import { SignInForm } from './SignInForm';

/** The popup: sign-in when signed out, reports and exports when signed in. */
export function App() {
  const session = useSignal<SessionInfo | null | undefined>(undefined);
  const jobs = useSignal<ExportJob[]>([]);

  useEffect(() => {
    const refreshSession = async () => {
      session.value = await sendMessage('getSession');
    };
    void refreshSession();
    void jobsItem.getValue().then((value) => {
      jobs.value = value;
    });
    // A job that failed on an expired token signs the user out; the session is asked again then.
    return jobsItem.watch((value) => {
      jobs.value = value;
      void refreshSession();
    });
  }, []);

  return (
    <main class="popup">
      <header class="title">
        <img src="/icon/32.png" alt="" width={20} height={20} />
        <h1>LeanKit Exporter</h1>
      </header>
      {session.value === undefined ? null : session.value === null ? (
        <SignInForm
          onSignedIn={(value) => {
            session.value = value;
          }}
        />
      ) : (
        <SignedInView
          session={session.value}
          jobs={jobs.value}
          onSignedOut={() => {
            session.value = null;
          }}
        />
      )}
    </main>
  );
}
