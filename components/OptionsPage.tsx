import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { DEFAULT_FILE_NAME_PATTERN } from '@/lib/defaultFileNamePattern';
import { checkFileNamePattern, exportFileName, FILE_NAME_TOKENS } from '@/lib/files';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import {
  defaultFormatItem,
  excelFriendlyCsvItem,
  fileNamePatternItem,
  rememberedLoginItem,
  staySignedInItem,
} from '@/lib/storage/items';
import { FormatPicker } from './FormatPicker';
import { SignInForm } from './SignInForm';
import { ScheduledExports } from './schedules/ScheduledExports';
import { useStoredValue } from './useStoredValue';
import './layout.css';

// The preview's sample: a fixed moment, so the preview does not change while the user reads it.
const SAMPLE_DATE = new Date(2026, 10, 27, 14, 5);

/** The options page: account, default format, file names, Excel-friendly CSV and TAB, staying signed in. */
export function OptionsPage() {
  const session = useSignal<SessionInfo | null | undefined>(undefined);
  const format = useStoredValue(defaultFormatItem) ?? 'csv';
  const excel = useStoredValue(excelFriendlyCsvItem) ?? false;
  const stay = useStoredValue(staySignedInItem) ?? false;

  useEffect(() => {
    void sendMessage('getSession').then((value) => {
      session.value = value;
    });
  }, []);

  async function signOut() {
    await sendMessage('signOut');
    session.value = null;
  }

  /** Signs out and forgets the account and email too, for signing in as someone else. */
  async function switchAccount() {
    await sendMessage('signOut');
    await rememberedLoginItem.removeValue();
    session.value = null;
  }

  return (
    <main class="options">
      <h1>LeanKit Exporter options</h1>

      <section aria-labelledby="account-title">
        <h2 id="account-title">Account</h2>
        {session.value === undefined ? null : session.value ? (
          <div class="who">
            <span>
              Signed in as <strong>{session.value.name ?? session.value.email}</strong> on{' '}
              <strong>{session.value.accountName}</strong>
            </span>
            <span class="who-actions">
              <button type="button" class="link" onClick={switchAccount}>
                Switch account
              </button>
              <button type="button" class="link" onClick={signOut}>
                Sign out
              </button>
            </span>
          </div>
        ) : (
          <SignInForm
            onSignedIn={(value) => {
              session.value = value;
            }}
          />
        )}
      </section>

      <section aria-labelledby="exports-title">
        <h2 id="exports-title">Exports</h2>
        <FormatPicker
          legend="Default format"
          hint="Preselected in the popup, and what the board button exports in one click."
          value={format}
          onChange={(next) => void defaultFormatItem.setValue(next)}
        />
        <FileNamePattern accountName={session.value?.accountName ?? 'acme'} />
        <label class="check">
          <input
            type="checkbox"
            checked={excel}
            onChange={(e) => void excelFriendlyCsvItem.setValue(e.currentTarget.checked)}
          />
          <span>
            <strong>Excel-friendly CSV and TAB</strong>
            <span class="hint-inline">
              Adds a byte-order mark so Excel reads accents correctly, and makes cells starting with
              = + - @ harmless text instead of formulas, so CSV and TAB files are safe to open in a
              spreadsheet.
            </span>
          </span>
        </label>
      </section>

      <ScheduledExports />

      <section aria-labelledby="privacy-title">
        <h2 id="privacy-title">Signing in</h2>
        <label class="check">
          <input
            type="checkbox"
            aria-labelledby="stay-signed-in-label"
            aria-describedby="stay-signed-in-hint"
            checked={stay}
            onChange={(e) => void sendMessage('setStaySignedIn', { stay: e.currentTarget.checked })}
          />
          <span>
            <strong id="stay-signed-in-label">Stay signed in on this computer</strong>
            <span class="hint-inline" id="stay-signed-in-hint">
              Your LeanKit token is then saved on this computer, so you stay signed in after the
              browser restarts. Anyone who can use this browser profile can export your LeanKit data
              until the token expires or you sign out. When off, the token is kept in memory only
              and is gone when the browser quits. Your password is never saved either way.
            </span>
          </span>
        </label>
      </section>
    </main>
  );
}

function FileNamePattern({ accountName }: { accountName: string }) {
  const stored = useStoredValue(fileNamePatternItem);
  const draft = useSignal<string | null>(null);
  const value = draft.value ?? stored ?? DEFAULT_FILE_NAME_PATTERN;
  const problem = checkFileNamePattern(value);
  const preview = exportFileName({
    accountName,
    reportId: 'cards',
    boardIds: [],
    format: 'csv',
    date: SAMPLE_DATE,
    pattern: value,
  });

  return (
    <div class="pattern">
      <label>
        <span>File name pattern</span>
        <input
          name="fileNamePattern"
          spellcheck={false}
          aria-invalid={problem !== null}
          aria-describedby={
            problem ? 'pattern-problem pattern-help' : 'pattern-preview pattern-help'
          }
          value={value}
          onInput={(e) => {
            const next = e.currentTarget.value;
            draft.value = next;
            if (checkFileNamePattern(next) === null) void fileNamePatternItem.setValue(next);
          }}
        />
      </label>
      {problem ? (
        // Described by the field rather than an alert, which would interrupt every keystroke.
        <p id="pattern-problem" class="error">
          {problem}
        </p>
      ) : (
        <p id="pattern-preview" class="preview">
          Example: <output>{preview}</output>
        </p>
      )}
      <p id="pattern-help" class="hint">
        {Object.entries(FILE_NAME_TOKENS).map(([token, meaning]) => (
          <span key={token} class="token-help">
            <code>{`{${token}}`}</code> {meaning}
          </span>
        ))}
        <button
          type="button"
          class="link"
          onClick={() => {
            draft.value = null;
            void fileNamePatternItem.removeValue();
          }}
        >
          Reset to default
        </button>
      </p>
    </div>
  );
}
