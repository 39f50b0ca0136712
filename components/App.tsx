import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import { mergeFinishedJobs } from '@/lib/recentDownloads';
import {
  jobsItem,
  recentClearedAtItem,
  recentDownloadsItem,
  sessionExpiredItem,
} from '@/lib/storage/items';
import type { PresetList } from './recipes/presetStore';
import { savedPresetList } from './recipes/savedPresetList';
import { SignedInView } from './SignedInView';
import { SignInForm } from './SignInForm';
import { useAnnouncements } from './useAnnouncements';
import { useStoredValue } from './useStoredValue';
import './layout.css';

/** The popup: sign-in when signed out, reports and exports when signed in. */
export function App({ presets = savedPresetList }: { presets?: PresetList }) {
  const session = useSignal<SessionInfo | null | undefined>(undefined);
  const storedJobs = useStoredValue(jobsItem);
  const jobs = storedJobs ?? [];
  const recorded = useStoredValue(recentDownloadsItem) ?? [];
  const clearedAt = useStoredValue(recentClearedAtItem) ?? 0;
  const expired = useStoredValue(sessionExpiredItem) ?? false;
  const said = useAnnouncements(storedJobs);

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
  const recent = mergeFinishedJobs(recorded, jobs, clearedAt) ?? recorded;
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
          presets={presets}
          onSignedOut={() => {
            session.value = null;
          }}
        />
      )}
      {/* Present from the start, so that screen readers hear every change to it. */}
      <div aria-live="polite" class="visually-hidden">
        {said.polite.join(' ')}
      </div>
      {said.alert.length > 0 && (
        <div role="alert" class="visually-hidden">
          {said.alert.join(' ')}
        </div>
      )}
    </main>
  );
}
