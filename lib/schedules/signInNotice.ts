import type { Browser } from 'wxt/browser';
import type { SignInBadge } from '../session';
import { scheduleNotificationsItem } from '../storage/items';

type Notifications = Pick<typeof Browser.notifications, 'create'>;
type Permissions = Pick<typeof Browser.permissions, 'contains'>;

/** The notifications of runs waiting for a sign-in are named by this and the schedule. */
const NOTICE_PREFIX = 'schedule-sign-in-';

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
    await notifications()?.create(`${NOTICE_PREFIX}${scheduleName}`, {
      type: 'basic',
      iconUrl,
      title: 'LeanKit Exporter',
      message: `${why}.`,
    });
  };
}

/**
 * What clicking a sign-in notice does: closes it and opens the popup, where the user signs in.
 * Chrome (127 and later) opens the popup without a click on the toolbar button when a window has
 * the focus; Firefox only inside a click on its own controls, which a notification is not. Where
 * the popup does not open, the popup's page opens in a tab instead.
 */
export function createSignInNoticeClick({
  action,
  tabs,
  notifications,
  popupUrl,
}: {
  action: Pick<typeof Browser.action, 'openPopup'>;
  tabs: Pick<typeof Browser.tabs, 'create'>;
  notifications: () => Pick<typeof Browser.notifications, 'clear'> | undefined;
  popupUrl: string;
}): (notificationId: string) => Promise<void> {
  return async (notificationId) => {
    if (!notificationId.startsWith(NOTICE_PREFIX)) return;
    await notifications()?.clear(notificationId);
    try {
      await action.openPopup();
    } catch {
      await tabs.create({ url: popupUrl });
    }
  };
}

type ClickEvents = Pick<typeof Browser.notifications.onClicked, 'addListener' | 'hasListener'>;

/**
 * Listens to clicks on notifications now, if the user allowed them, and once they allow them:
 * the browser offers `notifications` only while its optional permission is granted.
 */
export function listenToNoticeClicks({
  clicks,
  permissionAdded,
  onClick,
}: {
  clicks: () => ClickEvents | undefined;
  permissionAdded: Pick<typeof Browser.permissions.onAdded, 'addListener'>;
  onClick: (notificationId: string) => void;
}): void {
  const listen = () => {
    const events = clicks();
    if (events && !events.hasListener(onClick)) events.addListener(onClick);
  };
  listen();
  permissionAdded.addListener(listen);
}
