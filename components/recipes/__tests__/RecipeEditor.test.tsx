import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { answerMessages } from '@/components/__tests__/sendMessageMock';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import type { LaneOption } from '@/lib/recipes/laneOptions';
import type { Preset } from '@/lib/recipes/recipe';
import { findReport } from '@/lib/reports';
import { jobsItem } from '@/lib/storage/items';
import { JSON_NOTE, RecipeEditor } from '../RecipeEditor';
import { memoryPresetStore } from './memoryPresetStore';

vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/messaging')>()),
  sendMessage: vi.fn(),
}));

const BOARDS = [
  { id: '101', title: 'Sprint Board' },
  { id: '102', title: 'Ops Board' },
];
const LANES: LaneOption[] = [
  { id: '11', title: 'Backlog', boardId: '101', boardTitle: 'Sprint Board' },
  { id: '12', title: 'In Progress - Build', boardId: '101', boardTitle: 'Sprint Board' },
  { id: '21', title: 'Backlog', boardId: '102', boardTitle: 'Ops Board' },
];
const CARDS_TARGET = { reportId: 'cards', format: 'csv' as const, boardIds: ['101'] };
const WEEKLY: Preset = {
  id: 'w1',
  name: 'Weekly',
  reportId: 'cardpositions',
  format: 'tab',
  boardIds: ['101'],
  recipe: { columns: ['laneTitle', 'cardId'], humanHeaders: true },
};

let asked: { type: string; data: unknown }[];

beforeEach(() => {
  fakeBrowser.reset();
  asked = answerMessages({
    listBoards: () => ({ ok: true, value: { boards: BOARDS, complete: true } }),
    startExport: () => ({ ok: true, value: { jobId: 'j1' } }),
    listLanes: ({ boardIds }) => ({
      ok: true,
      value: LANES.filter((lane) => boardIds.includes(lane.boardId)),
    }),
  });
});
afterEach(cleanup);

const columnsGroup = () => screen.getByRole('group', { name: 'Columns' });
const columnNames = () =>
  within(columnsGroup())
    .getAllByRole('checkbox')
    .map((box) => box.closest('label')?.textContent);
const polite = () => document.querySelector('[aria-live="polite"]')?.textContent;

describe('the Columns group', () => {
  it('lists every column of the report, chosen, with its type and what it holds', () => {
    render(<RecipeEditor store={memoryPresetStore()} target={CARDS_TARGET} />);
    const cards = findReport('cards');
    const boxes = within(columnsGroup()).getAllByRole('checkbox');
    expect(boxes).toHaveLength(cards?.columns.length ?? 0);
    expect(boxes.every((box) => (box as HTMLInputElement).checked)).toBe(true);
    const created = within(columnsGroup()).getByRole('checkbox', { name: 'Creation date' });
    const about = document.getElementById(created.getAttribute('aria-describedby') ?? '');
    expect(about?.textContent).toMatch(/^creationDate · Date and time/);
  });

  it('selects none and all, and will not save a preset without columns', async () => {
    const store = memoryPresetStore();
    render(<RecipeEditor store={store} target={CARDS_TARGET} />);
    fireEvent.click(screen.getByRole('button', { name: 'Select none' }));
    expect(within(columnsGroup()).queryAllByRole('checkbox', { checked: true })).toHaveLength(0);
    fireEvent.input(screen.getByRole('textbox', { name: 'Preset name' }), {
      target: { value: 'Nothing' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save preset' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Choose at least one column.'),
    );
    expect(store.presets()).toEqual([]);
    fireEvent.click(screen.getByRole('button', { name: 'Select all' }));
    expect(within(columnsGroup()).queryAllByRole('checkbox', { checked: false })).toHaveLength(0);
  });

  it('moves a column with its buttons, keeping focus on the moved column’s button', async () => {
    render(<RecipeEditor store={memoryPresetStore()} target={CARDS_TARGET} />);
    const up = screen.getByRole('button', { name: 'Move Card title up' });
    up.focus();
    fireEvent.click(up);
    expect(columnNames().slice(0, 4)).toEqual([
      'Card ID',
      'Parent card ID',
      'Card title',
      'External card ID',
    ]);
    await waitFor(() =>
      expect(document.activeElement).toBe(
        screen.getByRole('button', { name: 'Move Card title up' }),
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Move Card title up' }));
    fireEvent.click(screen.getByRole('button', { name: 'Move Card title up' }));
    expect(columnNames()[0]).toBe('Card title');
    // At the top its "up" button is marked off and keeps focus: pressing it again moves nothing.
    const top = screen.getByRole('button', { name: 'Move Card title up' });
    expect(top.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(top);
    expect(columnNames()[0]).toBe('Card title');
    await waitFor(() => expect(document.activeElement).toBe(top));
  });

  it('turns columns and filters off for JSON, and says why', () => {
    render(
      <RecipeEditor store={memoryPresetStore()} target={{ ...CARDS_TARGET, format: 'json' }} />,
    );
    expect(columnsGroup()).toHaveProperty('disabled', true);
    expect(screen.getByRole('group', { name: 'Rows' })).toHaveProperty('disabled', true);
    expect(screen.getAllByText(JSON_NOTE).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('radio', { name: 'CSV' }));
    expect(columnsGroup()).toHaveProperty('disabled', false);
    expect(screen.queryByText(JSON_NOTE)).toBeNull();
  });
});

describe('filters', () => {
  it('offers only the filters the report has columns for', () => {
    render(
      <RecipeEditor store={memoryPresetStore()} target={{ ...CARDS_TARGET, reportId: 'tags' }} />,
    );
    const rows = screen.getByRole('group', { name: 'Rows' });
    expect(within(rows).queryAllByRole('textbox')).toHaveLength(0);
    expect(within(rows).queryByRole('combobox')).toBeNull();
    expect(rows.textContent).toContain('The Tags report has no columns to filter by.');
    expect(screen.queryByRole('checkbox', { name: /Custom fields as columns/ })).toBeNull();

    fireEvent.change(screen.getByRole('combobox', { name: 'Report' }), {
      target: { value: 'cards' },
    });
    const cardRows = screen.getByRole('group', { name: 'Rows' });
    expect(within(cardRows).getByRole('combobox', { name: 'Date range on' })).toBeTruthy();
    expect(within(cardRows).getByRole('textbox', { name: 'Lane IDs' })).toBeTruthy();
    expect(within(cardRows).getByRole('textbox', { name: 'Card types' })).toBeTruthy();
    expect(within(cardRows).getByRole('group', { name: 'Archived cards' })).toBeTruthy();
    expect(screen.getByRole('checkbox', { name: /Custom fields as columns/ })).toBeTruthy();
  });
});

describe('the lane picker', () => {
  const lanesGroup = () => screen.getByRole('group', { name: 'Lanes' });
  const laneIds = () => screen.getByRole('textbox', { name: 'Lane IDs' }) as HTMLInputElement;

  it('lists the chosen board’s lanes; ticking one writes its id into the Lane IDs field', async () => {
    render(<RecipeEditor store={memoryPresetStore()} target={CARDS_TARGET} />);
    const build = await within(lanesGroup()).findByRole('checkbox', {
      name: 'In Progress - Build',
    });
    expect(asked.filter((m) => m.type === 'listLanes').map((m) => m.data)).toEqual([
      { boardIds: ['101'] },
    ]);
    expect(within(lanesGroup()).getAllByRole('checkbox')).toHaveLength(2);
    fireEvent.input(laneIds(), { target: { value: '99' } });
    fireEvent.click(build);
    expect(laneIds().value).toBe('99, 12');
    expect(lanesGroup().textContent).toContain('Not lanes of the chosen boards: 99.');
    fireEvent.input(laneIds(), { target: { value: '12 11' } });
    expect(
      within(lanesGroup())
        .getAllByRole('checkbox')
        .map((box) => (box as HTMLInputElement).checked),
    ).toEqual([true, true]);
    fireEvent.click(build);
    expect(laneIds().value).toBe('11');
  });

  it('groups lanes by board when there are several, and asks again when the boards change', async () => {
    render(
      <RecipeEditor
        store={memoryPresetStore()}
        target={{ ...CARDS_TARGET, boardIds: ['101', '102'] }}
      />,
    );
    const ops = await within(lanesGroup()).findByRole('group', { name: 'Ops Board' });
    fireEvent.click(within(ops).getByRole('checkbox', { name: 'Backlog' }));
    expect(laneIds().value).toBe('21');
    fireEvent.click(screen.getByRole('button', { name: 'Remove Ops Board' }));
    await waitFor(() => expect(within(lanesGroup()).queryByRole('group')).toBeNull());
    expect(within(lanesGroup()).getAllByRole('checkbox')).toHaveLength(2);
    expect(asked.filter((m) => m.type === 'listLanes').map((m) => m.data)).toEqual([
      { boardIds: ['101', '102'] },
      { boardIds: ['101'] },
    ]);
  });

  it('says lanes come with boards when none is chosen, and asks for none', () => {
    render(<RecipeEditor store={memoryPresetStore()} target={{ ...CARDS_TARGET, boardIds: [] }} />);
    expect(lanesGroup().textContent).toContain('Choose boards above to pick their lanes here.');
    expect(within(lanesGroup()).queryAllByRole('checkbox')).toHaveLength(0);
    expect(asked.filter((m) => m.type === 'listLanes')).toEqual([]);
  });

  it('offers a search past a dozen lanes', async () => {
    const many = Array.from({ length: 14 }, (_, i) => ({
      id: String(300 + i),
      title: `Lane ${i + 1}`,
      boardId: '101',
      boardTitle: 'Sprint Board',
    }));
    answerMessages({
      listBoards: () => ({ ok: true, value: { boards: BOARDS, complete: true } }),
      listLanes: () => ({ ok: true, value: many }),
    });
    render(<RecipeEditor store={memoryPresetStore()} target={CARDS_TARGET} />);
    const search = await within(lanesGroup()).findByRole('searchbox', { name: 'Find a lane' });
    const shown = () =>
      within(lanesGroup())
        .getAllByRole('checkbox')
        .map((box) => box.closest('label')?.textContent);
    fireEvent.input(search, { target: { value: 'LANE 14' } });
    expect(shown()).toEqual(['Lane 14']);
    fireEvent.input(search, { target: { value: '305' } });
    expect(shown()).toEqual(['Lane 6']);
    fireEvent.input(search, { target: { value: 'nothing' } });
    expect(lanesGroup().textContent).toContain('No lane matches “nothing”.');
  });

  it.each([
    ['not-signed-in', 'Sign in to LeanKit to export reports.'],
    ['token-expired', 'Your LeanKit session expired. Sign in again to continue.'],
    ['server', 'LeanKit had a problem answering. Try again in a few minutes.'],
  ] as const)(
    'tells a failure (%s) in an alert and keeps the Lane IDs field',
    async (kind, message) => {
      answerMessages({
        listBoards: () => ({ ok: true, value: { boards: BOARDS, complete: true } }),
        listLanes: () => ({ ok: false, error: { kind, message } }),
      });
      render(<RecipeEditor store={memoryPresetStore()} target={CARDS_TARGET} />);
      const alert = await within(lanesGroup()).findByRole('alert');
      expect(alert.textContent).toBe(
        `The lanes could not be listed: ${message} Lane IDs typed below still work.`,
      );
      fireEvent.input(laneIds(), { target: { value: '11' } });
      expect(laneIds().value).toBe('11');
    },
  );
});

describe('unsaved changes', () => {
  const marker = () => screen.getByRole('status');

  it('marks the chosen preset changed until it is saved or changed back, and warns before leaving', async () => {
    const store = memoryPresetStore([WEEKLY]);
    render(<RecipeEditor store={store} target={{ presetId: 'w1' }} />);
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Preset' })).toHaveProperty('value', 'w1'),
    );
    const leave = () => {
      const event = new Event('beforeunload', { cancelable: true });
      dispatchEvent(event);
      return event.defaultPrevented;
    };
    expect(marker().textContent).toBe('');
    expect(leave()).toBe(false);

    const headers = screen.getByRole('checkbox', { name: 'Headers as words' });
    fireEvent.click(headers);
    expect(marker().textContent).toBe('Unsaved changes');
    expect(leave()).toBe(true);
    fireEvent.click(headers);
    expect(marker().textContent).toBe('');

    fireEvent.click(screen.getByRole('radio', { name: 'CSV' }));
    expect(marker().textContent).toBe('Unsaved changes');
    fireEvent.click(screen.getByRole('button', { name: 'Save preset' }));
    await waitFor(() => expect(polite()).toBe('Saved preset “Weekly”.'));
    expect(marker().textContent).toBe('');
    expect(leave()).toBe(false);
    expect(store.presets()[0]?.format).toBe('csv');
  });

  it('says nothing without a chosen preset', () => {
    render(<RecipeEditor store={memoryPresetStore()} target={CARDS_TARGET} />);
    fireEvent.click(screen.getByRole('checkbox', { name: 'Headers as words' }));
    expect(marker().textContent).toBe('');
  });
});

describe('presets', () => {
  it('saves the whole recipe under a name and shows it chosen', async () => {
    const store = memoryPresetStore();
    render(<RecipeEditor store={store} target={CARDS_TARGET} />);
    fireEvent.click(screen.getByRole('button', { name: 'Select none' }));
    for (const name of ['Card ID', 'Card title', 'Creation date']) {
      fireEvent.click(within(columnsGroup()).getByRole('checkbox', { name }));
    }
    fireEvent.click(screen.getByRole('checkbox', { name: 'Headers as words' }));
    fireEvent.change(screen.getByRole('combobox', { name: 'Date range on' }), {
      target: { value: 'creationDate' },
    });
    fireEvent.input(screen.getByLabelText('From'), { target: { value: '2026-01-01' } });
    fireEvent.click(screen.getByRole('radio', { name: 'Leave out' }));
    fireEvent.click(screen.getByRole('radio', { name: 'In my time zone' }));
    fireEvent.input(screen.getByRole('textbox', { name: 'Lane IDs' }), {
      target: { value: '11, 12' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Card types' }), {
      target: { value: 'user story, Defect ,7' },
    });
    fireEvent.input(screen.getByRole('textbox', { name: 'Preset name' }), {
      target: { value: 'Weekly cards' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Save preset' }));

    await waitFor(() => expect(polite()).toBe('Saved preset “Weekly cards”.'));
    expect(store.presets()).toEqual([
      {
        id: 'p1',
        name: 'Weekly cards',
        reportId: 'cards',
        format: 'csv',
        boardIds: ['101'],
        recipe: {
          columns: ['cardId', 'cardTitle', 'creationDate'],
          humanHeaders: true,
          filters: {
            dateRange: { column: 'creationDate', from: '2026-01-01' },
            archived: 'exclude',
            laneIds: ['11', '12'],
            cardTypeIds: ['user story', 'Defect', '7'],
          },
          timeZone: 'local',
        },
      },
    ]);
    expect(screen.getByRole('combobox', { name: 'Preset' })).toHaveProperty('value', 'p1');
  });

  it('opens on a preset named in its URL and loads all of it', async () => {
    render(<RecipeEditor store={memoryPresetStore([WEEKLY])} target={{ presetId: 'w1' }} />);
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Preset' })).toHaveProperty('value', 'w1'),
    );
    expect(screen.getByRole('combobox', { name: 'Report' })).toHaveProperty(
      'value',
      'cardpositions',
    );
    expect(screen.getByRole('radio', { name: 'TAB' })).toHaveProperty('checked', true);
    expect(columnNames().slice(0, 2)).toEqual(['Lane title', 'Card ID']);
    expect(screen.getByRole('checkbox', { name: 'Headers as words' })).toHaveProperty(
      'checked',
      true,
    );
    expect(screen.getByRole('textbox', { name: 'Preset name' })).toHaveProperty('value', 'Weekly');
  });

  it('says so when the preset in its URL is gone', async () => {
    render(<RecipeEditor store={memoryPresetStore()} target={{ presetId: 'gone' }} />);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'That preset no longer exists. It may have been deleted.',
      ),
    );
  });

  it('renames and duplicates the chosen preset, and deletes it after asking', async () => {
    const store = memoryPresetStore([WEEKLY]);
    render(<RecipeEditor store={store} target={{ presetId: 'w1' }} />);
    const name = screen.getByRole('textbox', { name: 'Preset name' });
    await waitFor(() => expect(name).toHaveProperty('value', 'Weekly'));
    fireEvent.input(name, { target: { value: 'Lane stays' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rename preset' }));
    await waitFor(() => expect(polite()).toBe('Renamed preset “Weekly” to “Lane stays”.'));
    expect(store.presets().map((preset) => preset.name)).toEqual(['Lane stays']);

    fireEvent.click(screen.getByRole('button', { name: 'Duplicate preset' }));
    await waitFor(() =>
      expect(polite()).toBe('Duplicated preset “Lane stays” as “Lane stays (copy)”.'),
    );
    const select = screen.getByRole('combobox', { name: 'Preset' });
    expect(select).toHaveProperty('value', 'p2');

    fireEvent.click(screen.getByRole('button', { name: 'Delete preset' }));
    const confirm = await screen.findByRole('button', { name: 'Delete “Lane stays (copy)”' });
    await waitFor(() => expect(document.activeElement).toBe(confirm));
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Keep it' })).toBeNull());
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Delete preset' }));
    expect(store.presets()).toHaveLength(2);

    fireEvent.click(screen.getByRole('button', { name: 'Delete preset' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Delete “Lane stays (copy)”' }));
    await waitFor(() => expect(polite()).toBe('Deleted preset “Lane stays (copy)”.'));
    expect(store.presets().map((preset) => preset.name)).toEqual(['Lane stays']);
    expect(document.activeElement).toBe(select);
    expect(select).toHaveProperty('value', '');
  });

  it('tells a failed save in an alert', async () => {
    render(<RecipeEditor store={memoryPresetStore()} target={CARDS_TARGET} />);
    fireEvent.click(screen.getByRole('button', { name: 'Save preset' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Give the preset a name.'),
    );
  });

  it('imports presets from a file and says what it renamed and refused', async () => {
    const store = memoryPresetStore([WEEKLY]);
    render(<RecipeEditor store={store} target={CARDS_TARGET} />);
    const { id: _id, ...shared } = WEEKLY;
    const file = new File(
      [JSON.stringify({ presets: [shared, { ...shared, name: 'Odd', reportId: 'nope' }] })],
      'presets.json',
      { type: 'application/json' },
    );
    fireEvent.change(screen.getByLabelText('Import presets'), { target: { files: [file] } });
    await waitFor(() =>
      expect(polite()).toBe('Imported 1 preset: Weekly (2) (renamed from Weekly).'),
    );
    expect(screen.getByRole('alert').textContent).toBe(
      'Not imported: Odd (its report is unknown).',
    );
    expect(store.presets().map((preset) => preset.name)).toEqual(['Weekly', 'Weekly (2)']);
  });
});

describe('exporting from the page', () => {
  it('starts an export with the recipe it shows, naming the preset while it is unchanged', async () => {
    render(<RecipeEditor store={memoryPresetStore([WEEKLY])} target={{ presetId: 'w1' }} />);
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Preset name' })).toHaveProperty(
        'value',
        'Weekly',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export Card positions' }));
    await waitFor(() => expect(asked.some((message) => message.type === 'startExport')).toBe(true));
    expect(asked.find((message) => message.type === 'startExport')?.data).toEqual({
      reportId: 'cardpositions',
      format: 'tab',
      boardIds: ['101'],
      recipe: WEEKLY.recipe,
      presetId: 'w1',
    });

    // Changed on the page, it is exported as shown, without the preset's name.
    fireEvent.click(screen.getByRole('checkbox', { name: 'Headers as words' }));
    fireEvent.click(screen.getByRole('button', { name: 'Export Card positions' }));
    await waitFor(() => expect(asked.filter((m) => m.type === 'startExport')).toHaveLength(2));
    expect(asked.filter((m) => m.type === 'startExport')[1]?.data).toEqual({
      reportId: 'cardpositions',
      format: 'tab',
      boardIds: ['101'],
      recipe: { columns: ['laneTitle', 'cardId'] },
    });
  });

  it('shows the export it started, as it runs and how it ends, and retries a failed one as it was', async () => {
    render(<RecipeEditor store={memoryPresetStore([WEEKLY])} target={{ presetId: 'w1' }} />);
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Preset name' })).toHaveProperty(
        'value',
        'Weekly',
      ),
    );
    const job: ExportJob = {
      id: 'j1',
      reportId: 'cardpositions',
      format: 'tab',
      boardIds: ['101'],
      accountName: 'acme',
      fileName: 'leankit-acme-cardpositions-board101.tsv',
      state: 'running',
      bytes: 0,
      startedAt: Date.now(),
      attempt: 1,
      recipe: WEEKLY.recipe,
      presetId: 'w1',
    };
    // Another export of the browser (from the popup) is not this page's to show.
    const other: ExportJob = { ...job, id: 'j0', reportId: 'lanes' };
    await jobsItem.setValue([other]);
    fireEvent.click(screen.getByRole('button', { name: 'Export Card positions' }));
    await jobsItem.setValue([job, other]);
    await screen.findByRole('progressbar', { name: 'Exporting Card positions' });
    expect(screen.queryByRole('progressbar', { name: 'Exporting Lanes' })).toBeNull();
    await waitFor(() => expect(polite()).toBe('Exporting Card positions…'));

    await jobsItem.setValue([{ ...job, state: 'done', bytes: 10, finishedAt: Date.now() }, other]);
    await waitFor(() =>
      expect(polite()).toBe('Card positions: Saved as leankit-acme-cardpositions-board101.tsv'),
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.getByRole('region', { name: 'Export status' }).textContent).toContain(
      'Saved as leankit-acme-cardpositions-board101.tsv',
    );

    const failure = { kind: 'server', message: 'LeanKit had a problem answering.' } as const;
    await jobsItem.setValue([{ ...job, state: 'failed', error: failure, finishedAt: Date.now() }]);
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe(
        'Card positions: LeanKit had a problem answering.',
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Retry Card positions' }));
    await waitFor(() => expect(asked.filter((m) => m.type === 'startExport')).toHaveLength(2));
    expect(asked.filter((m) => m.type === 'startExport')[1]?.data).toEqual({
      reportId: 'cardpositions',
      format: 'tab',
      boardIds: ['101'],
      recipe: WEEKLY.recipe,
      presetId: 'w1',
    });
  });
});
