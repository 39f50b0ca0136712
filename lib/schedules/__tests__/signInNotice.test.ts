import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { scheduleNotificationsItem } from '../../storage/items';
import { createSignInNotice, createSignInNoticeClick, listenToNoticeClicks } from '../signInNotice';

function harness(granted: boolean) {
  const shown: (string | undefined)[] = [];
  const notified: { id: string; message: string }[] = [];
  const notice = createSignInNotice({
    badge: { show: async (why) => void shown.push(why), clear: async () => undefined },
    notifications: () =>
      ({
        create: async (id: string, options: { message: string }) => {
          notified.push({ id, message: options.message });
          return id;
        },
      }) as never,
    permissions: { contains: async () => granted },
    iconUrl: '/icon/128.png',
  });
  return { notice, shown, notified };
}

beforeEach(() => fakeBrowser.reset());

describe('the sign-in notice of a waiting scheduled run', () => {
  it('shows the badge with the schedule in its title, and no notification by default', async () => {
    const { notice, shown, notified } = harness(true);
    await notice('weekly cards');
    expect(shown).toEqual(["Sign in to run 'weekly cards'"]);
    expect(notified).toEqual([]);
  });

  it('notifies when the user turned notifications on and the browser allows them', async () => {
    const { notice, notified } = harness(true);
    await scheduleNotificationsItem.setValue(true);
    await notice('weekly cards');
    expect(notified).toEqual([
      { id: 'schedule-sign-in-weekly cards', message: "Sign in to run 'weekly cards'." },
    ]);
  });

  it('does not notify once the permission was taken back in the browser', async () => {
    const { notice, notified } = harness(false);
    await scheduleNotificationsItem.setValue(true);
    await notice('weekly cards');
    expect(notified).toEqual([]);
  });
});

describe('clicking the sign-in notice', () => {
  function clickHarness(popupOpens: boolean) {
    const done: string[] = [];
    const click = createSignInNoticeClick({
      action: {
        openPopup: async () => {
          if (!popupOpens) throw new Error('openPopup requires a user gesture');
          done.push('popup');
        },
      },
      tabs: { create: async ({ url }) => void done.push(`tab ${url}`) as never },
      notifications: () => ({ clear: async (id) => Boolean(done.push(`cleared ${id}`)) }),
      popupUrl: 'chrome-extension://x/popup.html',
    });
    return { click, done };
  }

  it('closes the notice and opens the popup, where the user signs in', async () => {
    const { click, done } = clickHarness(true);
    await click('schedule-sign-in-weekly cards');
    expect(done).toEqual(['cleared schedule-sign-in-weekly cards', 'popup']);
  });

  it('opens the popup page in a tab where the browser will not open the popup', async () => {
    const { click, done } = clickHarness(false);
    await click('schedule-sign-in-weekly cards');
    expect(done).toEqual([
      'cleared schedule-sign-in-weekly cards',
      'tab chrome-extension://x/popup.html',
    ]);
  });

  it('leaves other notifications alone', async () => {
    const { click, done } = clickHarness(true);
    await click('something-else');
    expect(done).toEqual([]);
  });

  it('listens once notifications are allowed, and not twice', () => {
    let allowed = false;
    const listeners = new Set<(id: string) => void>();
    const onAdded: (() => void)[] = [];
    const clicks = {
      addListener: (listener: (id: string) => void) => void listeners.add(listener),
      hasListener: (listener: (id: string) => void) => listeners.has(listener),
    };
    const onClick = () => undefined;
    listenToNoticeClicks({
      clicks: () => (allowed ? clicks : undefined),
      permissionAdded: { addListener: (listener) => void onAdded.push(listener as () => void) },
      onClick,
    });
    expect(listeners.size).toBe(0);
    allowed = true;
    for (const added of onAdded) added();
    for (const added of onAdded) added();
    expect([...listeners]).toEqual([onClick]);
  });
});
