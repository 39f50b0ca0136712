import { useSignal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import type { ErrorInfo } from '@/lib/errors';
import type { SessionInfo } from '@/lib/messaging';
import { sendMessage } from '@/lib/messaging';
import { rememberedLoginItem } from '@/lib/session';

/** Account, email and password; the password goes to the background once and is never kept. */
export function SignInForm({ onSignedIn }: { onSignedIn: (session: SessionInfo) => void }) {
  const account = useSignal('');
  const email = useSignal('');
  const password = useSignal('');
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
    busy.value = true;
    error.value = null;
    try {
      const result = await sendMessage('signIn', {
        account: account.value,
        email: email.value,
        password: password.value,
      });
      if (result.ok) {
        password.value = '';
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

  return (
    <form class="sign-in" onSubmit={submit} aria-busy={busy.value}>
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
      <label>
        <span>Password</span>
        <input
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password.value}
          onInput={(e) => {
            password.value = e.currentTarget.value;
          }}
        />
      </label>
      <button type="submit" class="primary" disabled={busy.value}>
        {busy.value ? 'Signing in…' : 'Sign in'}
      </button>
      {error.value && (
        <p class="error" role="alert">
          {error.value.message}
        </p>
      )}
      <p class="hint">Your password is sent to LeanKit once and never stored.</p>
    </form>
  );
}
