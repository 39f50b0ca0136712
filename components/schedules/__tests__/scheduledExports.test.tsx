import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Schedule } from '@/lib/schedules/schedule';
import { boardListItem, schedulesItem, staySignedInItem } from '@/lib/storage/items';
import { answerMessages } from '../../__tests__/sendMessageMock';
import { ScheduledExports } from '../ScheduledExports';

vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/messaging')>()),
  sendMessage: vi.fn(),
}));

const weekly: Schedule = {
  id: 's1',
  name: 'weekly cards',
  what: { kind: 'report', reportId: 'cards', format: 'csv', boardIds: [] },
  when: { every: 'week', day: 1, time: '07:30' },
  timeZone: 'Europe/Berlin',
  where: { folder: 'LeanKit/weekly', fileNamePattern: 'cards', keep: 'replace' },
  enabled: true,
  nextRunAt: Date.parse('2026-12-07T06:30:00Z'),
  results: [
    {
      at: Date.parse('2026-11-30T06:30:00Z'),
      outcome: 'done',
      message: 'Saved /dl/LeanKit/weekly/cards.csv',
    },
  ],
};

const BOARDS = [
  { id: '101', title: 'Sprint board' },
  { id: '102', title: 'Support' },
];

/** Opens a new schedule's form, named, answering the board list and the save. */
async function newSchedule(name: string) {
  const asked = answerMessages({
    saveSchedule: () => ({ ok: true, value: { id: 's2' } }),
    listBoards: () => ({ ok: true, value: { boards: BOARDS, complete: true } }),
  });
  render(<ScheduledExports />);
  fireEvent.click(await screen.findByRole('button', { name: 'Add schedule' }));
  fireEvent.input(screen.getByRole('textbox', { name: 'Name' }), { target: { value: name } });
  const save = async () => {
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }));
    await waitFor(() => expect(asked.some((m) => m.type === 'saveSchedule')).toBe(true));
    return asked.find((m) => m.type === 'saveSchedule')?.data;
  };
  return { save };
}

/** Opens the board picker and ticks these boards. */
async function chooseBoards(...titles: string[]) {
  fireEvent.click(screen.getByRole('button', { name: 'Choose boards' }));
  for (const title of titles) {
    fireEvent.click(await screen.findByRole('checkbox', { name: title }));
  }
  fireEvent.click(screen.getByRole('button', { name: 'Done' }));
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('Scheduled exports on the options page', () => {
  it('lists a schedule with its state, next run and last result, and named buttons', async () => {
    await staySignedInItem.setValue(true);
    await schedulesItem.setValue([weekly]);
    answerMessages({});
    render(<ScheduledExports />);
    const item = await screen.findByRole('listitem', { name: 'weekly cards' });
    expect(item.textContent).toContain(
      'Cards as CSV, all boards · Every Monday at 07:30 (Europe/Berlin)',
    );
    expect(item.textContent).toContain('Next run: Mon 7 Dec, 07:30');
    expect(item.textContent).toContain(
      'Last run: Done Mon 30 Nov, 07:30: Saved /dl/LeanKit/weekly/cards.csv',
    );
    expect(item.textContent).toContain('On');
    for (const name of [
      "Run now: 'weekly cards'",
      "Pause 'weekly cards'",
      "Edit 'weekly cards'",
      "Delete 'weekly cards'",
    ]) {
      expect(screen.getByRole('button', { name })).toBeTruthy();
    }
  });

  it('says why a schedule cannot run without "Stay signed in"', async () => {
    await schedulesItem.setValue([weekly]);
    answerMessages({});
    render(<ScheduledExports />);
    const item = await screen.findByRole('listitem', { name: 'weekly cards' });
    expect(item.textContent).toContain(
      'Cannot run Turn on "Stay signed in on this computer" below',
    );
  });

  it('adds a schedule: problems beside their fields, the first focused, then saved and announced', async () => {
    const asked = answerMessages({
      saveSchedule: () => ({ ok: true, value: { id: 's2' } }),
      listBoards: () => ({ ok: true, value: { boards: BOARDS, complete: true } }),
    });
    const saves = () => asked.filter((message) => message.type === 'saveSchedule');
    render(<ScheduledExports />);
    fireEvent.click(await screen.findByRole('button', { name: 'Add schedule' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }));
    const name = screen.getByRole('textbox', { name: 'Name' });
    await waitFor(() => expect(document.activeElement).toBe(name));
    expect(name.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(name.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Give the schedule a name.',
    );
    expect(saves()).toEqual([]);

    fireEvent.input(name, { target: { value: 'weekly cards' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Folder in your downloads folder' }), {
      target: { value: 'LeanKit/weekly' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save schedule' }));
    await waitFor(() => expect(saves()).toHaveLength(1));
    expect(saves()[0]).toMatchObject({
      type: 'saveSchedule',
      data: {
        setup: {
          name: 'weekly cards',
          what: { kind: 'report', reportId: 'cards', format: 'csv', boardIds: [] },
          when: { every: 'week', day: 1, time: '07:00' },
          where: { folder: 'LeanKit/weekly', keep: 'replace' },
        },
      },
    });
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Add schedule' }));
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe(
      "Saved 'weekly cards'.",
    );
  });

  it('schedules a board snapshot of the chosen boards, as a workbook or CSV files in a .zip', async () => {
    const { save } = await newSchedule('weekly snapshot');
    fireEvent.click(screen.getByRole('radio', { name: 'A board snapshot' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Snapshot file' }), {
      target: { value: 'csv-zip' },
    });
    await chooseBoards('Sprint board', 'Support');
    expect(await save()).toMatchObject({
      setup: { what: { kind: 'snapshot', output: 'csv-zip', boardIds: ['101', '102'] } },
    });
  });

  it('lets a report LeanKit filters by board cover chosen boards, and says when one covers all', async () => {
    const { save } = await newSchedule('sprint lanes');
    fireEvent.change(screen.getByRole('combobox', { name: 'Report' }), {
      target: { value: 'lanes' },
    });
    await chooseBoards('Sprint board');
    fireEvent.change(screen.getByRole('combobox', { name: 'Report' }), {
      target: { value: 'boards' },
    });
    expect(screen.queryByRole('button', { name: 'Choose boards' })).toBeNull();
    expect(screen.getByText('This report covers every board of the account.')).toBeTruthy();
    fireEvent.change(screen.getByRole('combobox', { name: 'Report' }), {
      target: { value: 'lanes' },
    });
    await chooseBoards('Support');
    expect(await save()).toMatchObject({
      setup: { what: { kind: 'report', reportId: 'lanes', format: 'csv', boardIds: ['102'] } },
    });
  });

  it('names a scheduled snapshot’s board by its title once the board list is known', async () => {
    await staySignedInItem.setValue(true);
    await boardListItem.setValue({ origin: 'https://acme.leankit.com', boards: BOARDS });
    await schedulesItem.setValue([
      { ...weekly, what: { kind: 'snapshot', output: 'xlsx', boardIds: ['101'] } },
    ]);
    answerMessages({});
    render(<ScheduledExports />);
    const item = await screen.findByRole('listitem', { name: 'weekly cards' });
    await waitFor(() =>
      expect(item.textContent).toContain('Board snapshot as XLSX, Sprint board ·'),
    );
  });

  it('shows the background’s refusal of an action as an alert', async () => {
    await schedulesItem.setValue([weekly]);
    const asked = answerMessages({
      scheduleAction: () => ({
        ok: false,
        error: { kind: 'not-found', message: 'This schedule no longer exists.' },
      }),
    });
    render(<ScheduledExports />);
    fireEvent.click(await screen.findByRole('button', { name: "Pause 'weekly cards'" }));
    expect((await screen.findByRole('alert')).textContent).toBe('This schedule no longer exists.');
    expect(asked).toEqual([{ type: 'scheduleAction', data: { id: 's1', action: 'pause' } }]);
  });

  it('announces a run that ended while the page is open', async () => {
    await schedulesItem.setValue([weekly]);
    answerMessages({});
    render(<ScheduledExports />);
    await screen.findByRole('listitem', { name: 'weekly cards' });
    const failed = {
      at: Date.parse('2026-12-07T06:30:00Z'),
      outcome: 'failed' as const,
      message: 'LeanKit had a problem.',
    };
    await schedulesItem.setValue([{ ...weekly, results: [failed, ...weekly.results] }]);
    expect((await screen.findByRole('alert')).textContent).toBe(
      "'weekly cards': Failed Mon 7 Dec, 07:30: LeanKit had a problem.",
    );
  });
});
