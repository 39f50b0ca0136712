import { expect, type Locator, type Page } from '@playwright/test';

/** A schedule as the tests set it up through the options page's form. */
export interface TestSchedule {
  name: string;
  /** A report, or, with `snapshot`, a board snapshot as a workbook or CSV files in a .zip. */
  reportLabel?: string;
  snapshot?: 'xlsx' | 'csv-zip';
  /** Board titles to choose (none: all boards). */
  boards?: string[];
  folder: string;
  fileNamePattern: string;
  keep: 'Replace the previous file' | 'Keep each run';
}

/** The options page's "Scheduled exports" section, found by roles and labels as a user would. */
export class SchedulesSection {
  constructor(readonly page: Page) {}

  static async open(page: Page, optionsUrl: string): Promise<SchedulesSection> {
    await page.goto(optionsUrl);
    await expect(page.getByRole('heading', { name: 'Scheduled exports' })).toBeVisible();
    return new SchedulesSection(page);
  }

  item(name: string): Locator {
    return this.page.getByRole('listitem', { name });
  }

  button(verb: string, name: string): Locator {
    return this.page.getByRole('button', { name: `${verb} '${name}'` });
  }

  async staySignedIn(): Promise<void> {
    const box = this.page.getByRole('checkbox', { name: 'Stay signed in on this computer' });
    await box.check();
    await expect(box).toBeChecked();
  }

  async add(schedule: TestSchedule): Promise<void> {
    await this.page.getByRole('button', { name: 'Add schedule' }).click();
    const form = this.page.getByRole('form', { name: 'New schedule' });
    await form.getByRole('textbox', { name: 'Name', exact: true }).fill(schedule.name);
    if (schedule.snapshot) {
      await form.getByRole('radio', { name: 'A board snapshot' }).check();
      await form
        .getByRole('combobox', { name: 'Snapshot file' })
        .selectOption({ value: schedule.snapshot });
    } else {
      await form.getByRole('radio', { name: 'A report' }).check();
      await form
        .getByRole('combobox', { name: 'Report', exact: true })
        .selectOption({ label: schedule.reportLabel ?? 'Cards' });
    }
    if (schedule.boards) {
      await form.getByRole('button', { name: 'Choose boards' }).click();
      for (const title of schedule.boards) {
        await form.getByRole('checkbox', { name: title, exact: true }).check();
      }
      await form.getByRole('button', { name: 'Done' }).click();
    }
    await form
      .getByRole('textbox', { name: 'Folder in your downloads folder' })
      .fill(schedule.folder);
    await form
      .getByRole('textbox', { name: 'File name pattern for this schedule', exact: true })
      .fill(schedule.fileNamePattern);
    await form.getByRole('radio', { name: schedule.keep }).check();
    await form.getByRole('button', { name: 'Save schedule' }).click();
    await expect(form).toBeHidden();
    await expect(this.item(schedule.name)).toBeVisible();
  }

  /** The id the background gave the schedule, read from storage as the page sees it. */
  async idOf(name: string): Promise<string> {
    return this.page.evaluate(async (name) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApis }).chrome;
      const { schedules } = (await chrome.storage.local.get('schedules')) as {
        schedules: { id: string; name: string }[];
      };
      const found = schedules.find((schedule) => schedule.name === name);
      if (!found) throw new Error(`no schedule ${name}`);
      return found.id;
    }, name);
  }

  /** The outcomes of the schedule's runs, newest first, as the background recorded them. */
  async outcomesOf(name: string): Promise<string[]> {
    return this.page.evaluate(async (name) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApis }).chrome;
      const { schedules } = (await chrome.storage.local.get('schedules')) as {
        schedules: { name: string; results: { outcome: string }[] }[];
      };
      return (
        schedules.find((schedule) => schedule.name === name)?.results.map((r) => r.outcome) ?? []
      );
    }, name);
  }

  /** Moves the schedule's next run time into the past, as if the browser had been closed since. */
  async missRunTimes(name: string, daysAgo: number): Promise<void> {
    const id = await this.idOf(name);
    await this.page.evaluate(
      async ({ id, daysAgo }) => {
        const chrome = (globalThis as unknown as { chrome: ChromeApis }).chrome;
        const { schedules } = (await chrome.storage.local.get('schedules')) as {
          schedules: { id: string; nextRunAt?: number }[];
        };
        const at = Date.now() - daysAgo * 86_400_000;
        const moved = schedules.map((schedule) =>
          schedule.id === id ? { ...schedule, nextRunAt: at } : schedule,
        );
        await chrome.storage.local.set({ schedules: moved });
      },
      { id, daysAgo },
    );
  }

  /**
   * The clock reaches the schedule's run time: its next run time becomes a second from now and
   * its alarm is set then, as the background sets it (unpacked extensions' alarms may fire after
   * 1 s; packed ones' after 30 s). Then waits until the browser fired the alarm.
   */
  async reachRunTime(name: string): Promise<void> {
    const id = await this.idOf(name);
    const when = await this.page.evaluate(async (id) => {
      const chrome = (globalThis as unknown as { chrome: ChromeApis }).chrome;
      const { schedules } = (await chrome.storage.local.get('schedules')) as {
        schedules: { id: string; nextRunAt?: number }[];
      };
      const at = Date.now() + 1000;
      const moved = schedules.map((schedule) =>
        schedule.id === id && schedule.nextRunAt !== undefined
          ? { ...schedule, nextRunAt: at }
          : schedule,
      );
      await chrome.storage.local.set({ schedules: moved });
      await chrome.alarms.create(`schedule:${id}`, { when: at });
      return at;
    }, id);
    // Fired: gone, or set again by the background for the run after.
    await expect
      .poll(() =>
        this.page.evaluate(
          async ({ id, when }) => {
            const chrome = (globalThis as unknown as { chrome: ChromeApis }).chrome;
            const alarm = await chrome.alarms.get(`schedule:${id}`);
            return alarm === undefined || alarm.scheduledTime !== when;
          },
          { id, when },
        ),
      )
      .toBe(true);
  }

  async badgeTitle(): Promise<string> {
    return this.page.evaluate(() =>
      (globalThis as unknown as { chrome: ChromeApis }).chrome.action.getTitle({}),
    );
  }
}

interface ChromeApis {
  storage: {
    local: {
      get(key: string): Promise<Record<string, unknown>>;
      set(items: Record<string, unknown>): Promise<void>;
    };
  };
  alarms: {
    create(name: string, info: { when: number }): Promise<void>;
    get(name: string): Promise<{ scheduledTime: number } | undefined>;
  };
  action: { getTitle(details: object): Promise<string> };
}
