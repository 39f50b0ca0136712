import type { Browser } from 'wxt/browser';
import type { SignInBadge } from '../session';
import { scheduleNotificationsItem } from '../storage/items';

type Notifications = Pick<typeof Browser.notifications, 'create'>;
type Permissions = Pick<typeof Browser.permissions, 'contains'>;

/** What the toolbar button's title and the notification say while a scheduled run waits. */
export function signInToRun(scheduleName: string): string {
  return `Sign in to run '${scheduleName}'`;
}

/**
 * Tells the user a scheduled run waits for them to sign in: the toolbar button's red "!" with
 * "Sign in to run 'weekly cards'" as its title, and, only when they turned notifications on (and
 * still allow them), a notification saying the same. `notifications` is read when needed: the
 * browser offers it only once the optional permission is granted.
 */
export function createSignInNotice({
  badge,
  notifications,
  permissions,
  iconUrl,
}: {
  badge: SignInBadge;
  notifications: () => Notifications | undefined;
  permissions: Permissions;
  iconUrl: string;
}): (scheduleName: string) => Promise<void> {
  return async (scheduleName) => {
    const why = signInToRun(scheduleName);
    await badge.show(why);
    if (!(await scheduleNotificationsItem.getValue())) return;
    if (!(await permissions.contains({ permissions: ['notifications'] }))) return;
    await notifications()?.create(`schedule-sign-in-${scheduleName}`, {
      type: 'basic',
      iconUrl,
      title: 'LeanKit Exporter',
      message: `${why}.`,
    });
  };
}
