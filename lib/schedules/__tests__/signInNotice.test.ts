import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { scheduleNotificationsItem } from '../../storage/items';
import { createSignInNotice } from '../signInNotice';

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
