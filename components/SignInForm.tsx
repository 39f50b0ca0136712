import { useSignal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
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
  const accountInput = useRef<HTMLInputElement>(null);
  const emailInput = useRef<HTMLInputElement>(null);
  const secretInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void rememberedLoginItem.getValue().then((remembered) => {
      if (remembered) {
        if (account.peek() === '') account.value = remembered.account;
        if (email.peek() === '') email.value = remembered.email;
      }
      // The first field still to fill in, once the remembered ones are in; unless the user is
      // already typing in one.
      if (document.activeElement instanceof HTMLInputElement) return;
      const empty =
        account.peek() === ''
          ? accountInput
          : !useToken.peek() && email.peek() === ''
            ? emailInput
            : secretInput;
      empty.current?.focus();
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
        fieldToFix(result.error)?.focus();
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

  /** Where the user fixes the failure: the password or token, or the account. */
  function fieldToFix(failure: ErrorInfo): HTMLInputElement | null {
    if (failure.kind === 'bad-credentials' || failure.kind === 'token-expired') {
      return secretInput.current;
    }
    if (
      failure.kind === 'bad-account' ||
      failure.kind === 'no-permission' ||
      failure.kind === 'redirected'
    ) {
      return accountInput.current;
    }
    return null;
  }

  function switchMode() {
    useToken.value = !useToken.value;
    secret.value = '';
    error.value = null;
  }

  const idle = useToken.value ? 'Use token' : 'Sign in';
  const describedBy = !error.value
    ? undefined
    : error.value.kind === 'bad-credentials'
      ? 'sign-in-error sign-in-check'
      : 'sign-in-error';
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
          ref={accountInput}
          name="account"
          autoComplete="url"
          aria-describedby={describedBy}
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
            ref={emailInput}
            name="email"
            type="email"
            aria-describedby={describedBy}
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
          ref={secretInput}
          name={useToken.value ? 'token' : 'password'}
          aria-describedby={
            useToken.value ? [describedBy, 'token-hint'].filter(Boolean).join(' ') : describedBy
          }
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
        {/* Not disabled while busy: a disabled button would drop the focus to the page. */}
        <button type="submit" class="primary" aria-disabled={busy.value}>
          {busy.value ? (useToken.value ? 'Checking…' : 'Signing in…') : idle}
        </button>
        <button type="button" class="link" onClick={switchMode}>
          {useToken.value ? 'Use email and password' : 'Use an existing token'}
        </button>
      </div>
      {error.value && (
        <p id="sign-in-error" class="error" role="alert">
          {error.value.message}
        </p>
      )}
      {error.value?.kind === 'bad-credentials' && (
        // A typo in the account is as likely as one in the password: its users are not yours.
        <p id="sign-in-check" class="hint">
          Check that {account.value || 'the account'} is the right account, as well as the email and
          password.
        </p>
      )}
      {useToken.value ? (
        <p id="token-hint" class="hint">
          For single sign-on, where you have no LeanKit password. A reporting token is what
          LeanKit's Advanced Reporting sign-in gives out; ask your LeanKit administrator for one, or
          get one with LeanKit's API. It is checked with one small request.
        </p>
      ) : (
        <p class="hint">Your password is sent to LeanKit once and never stored.</p>
      )}
    </form>
  );
}
