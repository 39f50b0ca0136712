import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ErrorInfo } from '@/lib/errors';
import { hostRefusedMessage, requestHostAccess } from '@/lib/hostPermission';
import { type SessionInfo, sendMessage } from '@/lib/messaging';
import { rememberedLoginItem } from '@/lib/storage/items';

/**
 * Account, email and password, or account and an existing token for single sign-on users. The
 * password and token go to the background once; the form keeps neither.
 */
export function SignInForm({
  onSignedIn,
  expired = false,
}: {
  onSignedIn: (session: SessionInfo) => void;
  /** Shows that LeanKit ended the previous session. */
  expired?: boolean;
}) {
  const useToken = useSignal(false);
  const account = useSignal('');
  const email = useSignal('');
  const secret = useSignal('');
  const busy = useSignal(false);
  const error = useSignal<ErrorInfo | null>(null);

  useEffect(() => {
    void rememberedLoginItem.getValue().then((remembered) => {
      if (!remembered) return;
      if (account.peek() === '') account.value = remembered.account;
      if (email.peek() === '') email.value = remembered.email;
    });
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy.value) return;
    // Before any await: the browser asks for a host off leankit.com only during the user's click.
    const access = requestHostAccess(account.value, browser.permissions);
    busy.value = true;
    error.value = null;
    try {
      if (access && !(await access.granted)) {
        error.value = { kind: 'no-permission', message: hostRefusedMessage(access.host) };
        return;
      }
      const result = useToken.value
        ? await sendMessage('signInWithToken', { account: account.value, token: secret.value })
        : await sendMessage('signIn', {
            account: account.value,
            email: email.value,
            password: secret.value,
          });
      if (result.ok) {
        secret.value = '';
        onSignedIn(result.value);
      } else {
        error.value = result.error;
      }
    } catch (cause) {
      error.value = {
        kind: 'server',
        message: `The extension could not sign you in: ${cause instanceof Error ? cause.message : String(cause)}`,
      };
    } finally {
      busy.value = false;
    }
  }

  function switchMode() {
    useToken.value = !useToken.value;
    secret.value = '';
    error.value = null;
  }

  const idle = useToken.value ? 'Use token' : 'Sign in';
  return (
    <form class="sign-in" onSubmit={submit} aria-busy={busy.value}>
      {expired && (
        <p class="notice" role="status">
          Your LeanKit session expired. Sign in again to continue.
        </p>
      )}
      <label>
        <span>Account</span>
        <input
          name="account"
          autoComplete="url"
          placeholder="acme.leankit.com"
          required
          value={account.value}
          onInput={(e) => {
            account.value = e.currentTarget.value;
          }}
        />
      </label>
      {!useToken.value && (
        <label>
          <span>Email</span>
          <input
            name="email"
            type="email"
            autoComplete="username"
            placeholder="you@example.com"
            required
            value={email.value}
            onInput={(e) => {
              email.value = e.currentTarget.value;
            }}
          />
        </label>
      )}
      <label>
        <span>{useToken.value ? 'Token' : 'Password'}</span>
        <input
          name={useToken.value ? 'token' : 'password'}
          type="password"
          autoComplete={useToken.value ? 'off' : 'current-password'}
          required
          value={secret.value}
          onInput={(e) => {
            secret.value = e.currentTarget.value;
          }}
        />
      </label>
      <div class="actions">
        <button type="submit" class="primary" disabled={busy.value}>
          {busy.value ? (useToken.value ? 'Checking…' : 'Signing in…') : idle}
        </button>
        <button type="button" class="link" onClick={switchMode}>
          {useToken.value ? 'Use email and password' : 'Use an existing token'}
        </button>
      </div>
      {error.value && (
        <p class="error" role="alert">
          {error.value.message}
        </p>
      )}
      <p class="hint">
        {useToken.value
          ? 'For single sign-on: paste a LeanKit reporting token. It is checked with one small request.'
          : 'Your password is sent to LeanKit once and never stored.'}
      </p>
    </form>
  );
}
