import type { Engine } from '../../support/extensionEnv';
import { poll, type UiPage } from '../../support/ui/uiPage';
import type { ExtensionPopup } from '../pages/extensionPopup';
import type { Login } from '../pages/login';

/**
 * Scheduled exports driven through the options page in any browser, and the clock reaching a run
 * time as the background's own alarm would (journeys/schedules*.spec.ts). The schedules live in
 * `storage.local` in Chromium and in `storage.session` in Firefox (lib/storage/items.ts), which
 * the background keeps in its IndexedDB.
 */
export class ScheduleJourney {
  constructor(
    readonly options: UiPage,
    readonly engine: Engine,
  ) {}

  /**
   * The options page, with _Stay signed in on this computer_ ticked (a schedule runs only for a
   * user who stays signed in), then signed in through the popup.
   */
  static async signedIn(
    options: UiPage,
    engine: Engine,
    popup: ExtensionPopup,
    login: Login,
  ): Promise<ScheduleJourney> {
    await options.click('checkbox', 'Stay signed in on this computer');
    await popup.signInAs(login);
    return new ScheduleJourney(options, engine);
  }

  /** Adds a schedule of a report for all boards through the form, as a user would. */
  async add(schedule: {
    name: string;
    /** How often, as the form says it; by default the form's own (once a week). */
    every?: 'Every hour' | 'Every day';
    reportLabel: string;
    folder: string;
    fileNamePattern: string;
    keep: 'Replace the previous file' | 'Keep each run';
  }): Promise<void> {
    const { options } = this;
    await options.click('button', 'Add schedule');
    await options.fill('Name', schedule.name);
    await options.click('radio', 'A report');
    await options.select('Report', schedule.reportLabel);
    if (schedule.every) await options.select('How often', schedule.every);
    await options.fill('Folder in your downloads folder', schedule.folder);
    await options.fill('File name pattern for this schedule', schedule.fileNamePattern);
    await options.click('radio', schedule.keep);
    await options.click('button', 'Save schedule');
    await options.waitFor('button', `Run now: '${schedule.name}'`);
  }

  /** The schedule as the background keeps it. */
  async read(name: string): Promise<StoredSchedule> {
    const found = (await this.all()).find((schedule) => schedule.name === name);
    if (!found) throw new Error(`There is no schedule called ${name}`);
    return found;
  }

  /** Waits until the schedule's runs, newest first, ended as these outcomes. */
  waitForOutcomes(name: string, outcomes: string[]): Promise<true> {
    return poll(
      `the runs of '${name}' to be ${outcomes.join(', ')}`,
      async () => {
        const results = (await this.read(name)).results.map((result) => result.outcome);
        return JSON.stringify(results) === JSON.stringify(outcomes) ? true : undefined;
      },
      { timeoutMs: 30_000 },
    );
  }

  /** The text of the schedule's entry in the list. */
  itemText(name: string): Promise<string> {
    return this.options.evaluate(
      (name) =>
        [...document.querySelectorAll('li.schedule')].find(
          (item) => item.querySelector('h3')?.textContent === name,
        )?.textContent ?? '',
      name,
    );
  }

  /** The toolbar button's title, as the background set it. */
  badgeTitle(): Promise<string> {
    return this.options.evaluate(async () => {
      const global = globalThis as unknown as Record<'browser' | 'chrome', ActionApis>;
      const api = global.browser ?? global.chrome;
      return (await (api.action ?? api.browserAction)?.getTitle({})) ?? '';
    });
  }

  /** Moves the schedule's next run time days into the past, as if the browser had been closed. */
  async missRunTimes(name: string, daysAgo: number): Promise<void> {
    const { id } = await this.read(name);
    await this.edit(id, Date.now() - daysAgo * 86_400_000);
  }

  /**
   * The clock reaches the schedule's run time: its next run time (if it has one) becomes a second
   * from now and its alarm is set then, as the background sets it. Then waits until the browser
   * fired the alarm: it is gone, or set again for the run after.
   */
  async reachRunTime(name: string): Promise<void> {
    const { id } = await this.read(name);
    const at = await this.edit(id, 'soon');
    const alarm = `schedule:${id}`;
    await this.options.evaluate(
      async ({ alarm, at }) => {
        const global = globalThis as unknown as Record<'browser' | 'chrome', AlarmApis>;
        await (global.browser ?? global.chrome).alarms.create(alarm, { when: at });
      },
      { alarm, at },
    );
    await poll(`the alarm of '${name}' to fire`, async () => {
      const fired = await this.options.evaluate(
        async ({ alarm, at }) => {
          const global = globalThis as unknown as Record<'browser' | 'chrome', AlarmApis>;
          const set = await (global.browser ?? global.chrome).alarms.get(alarm);
          return set === undefined || set === null || set.scheduledTime !== at;
        },
        { alarm, at },
      );
      return fired ? true : undefined;
    });
  }

  /**
   * Firefox: the schedule's next run time as the background's copy in IndexedDB has it (what a
   * restarted browser finds), read from the options page, which shares the background's origin.
   */
  keptNextRunAt(name: string): Promise<number | undefined> {
    return this.options.evaluate(
      (name) =>
        new Promise<number | undefined>((resolve, reject) => {
          const open = indexedDB.open('leankit-exporter');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const database = open.result;
            const read = database
              .transaction('secrets')
              .objectStore('secrets')
              .get('setting:schedules');
            read.onsuccess = () => {
              database.close();
              const kept = read.result as { value?: StoredSchedule[] } | undefined;
              resolve(kept?.value?.find((schedule) => schedule.name === name)?.nextRunAt);
            };
            read.onerror = () => reject(read.error);
          };
        }),
      name,
    );
  }

  private all(): Promise<StoredSchedule[]> {
    return this.options.evaluate(async (area) => {
      const global = globalThis as unknown as Record<'browser' | 'chrome', StorageApis>;
      const { schedules } = await (global.browser ?? global.chrome).storage[area].get('schedules');
      return (schedules as StoredSchedule[] | undefined) ?? [];
    }, this.area());
  }

  /** Sets the schedule's next run time (`soon`: a second from now), if it has one; returns it. */
  private edit(id: string, when: number | 'soon'): Promise<number> {
    return this.options.evaluate(
      async ({ area, id, when }) => {
        const global = globalThis as unknown as Record<'browser' | 'chrome', StorageApis>;
        const storage = (global.browser ?? global.chrome).storage[area];
        const at = when === 'soon' ? Date.now() + 1000 : when;
        const { schedules } = (await storage.get('schedules')) as {
          schedules: { id: string; nextRunAt?: number }[];
        };
        await storage.set({
          schedules: schedules.map((schedule) =>
            schedule.id === id && schedule.nextRunAt !== undefined
              ? { ...schedule, nextRunAt: at }
              : schedule,
          ),
        });
        return at;
      },
      { area: this.area(), id, when },
    );
  }

  private area(): 'local' | 'session' {
    return this.engine === 'firefox' ? 'session' : 'local';
  }
}

export interface StoredSchedule {
  id: string;
  name: string;
  enabled: boolean;
  nextRunAt?: number;
  waitingForSignIn?: boolean;
  results: { outcome: string; message: string }[];
}

interface StorageApis {
  storage: Record<
    'local' | 'session',
    {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    }
  >;
}

interface AlarmApis {
  alarms: {
    create(name: string, info: { when: number }): Promise<void>;
    get(name: string): Promise<{ scheduledTime: number } | undefined | null>;
  };
}

interface ActionApis {
  action?: { getTitle(details: object): Promise<string> };
  browserAction?: { getTitle(details: object): Promise<string> };
}
