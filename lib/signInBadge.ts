import type { Browser } from 'wxt/browser';
import type { SignInBadge } from './session';

type Action = Pick<typeof Browser.action, 'setBadgeText' | 'setBadgeBackgroundColor' | 'setTitle'>;

const DEFAULT_TITLE = 'LeanKit Exporter';

/** The toolbar button's "!" and "Sign in again" title while the LeanKit session has expired. */
export function createSignInBadge(action: Action): SignInBadge {
  return {
    async show(why = 'sign in again') {
      await action.setBadgeBackgroundColor({ color: '#b42318' });
      await action.setBadgeText({ text: '!' });
      await action.setTitle({ title: `${DEFAULT_TITLE}: ${why}` });
    },
    async clear() {
      await action.setBadgeText({ text: '' });
      await action.setTitle({ title: DEFAULT_TITLE });
    },
  };
}
