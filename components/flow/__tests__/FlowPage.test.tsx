import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LANE } from '@/lib/flow/__tests__/handWorkedBoard';
import { HAND_WORKED_NOW, handWorkedReports } from '@/lib/flow/__tests__/handWorkedReports';
import type { BoardReports, FlowLoadOptions, LoadBoardReports } from '@/lib/flow/boardReports';
import { DEFAULT_FLOW_SETTINGS, type FlowSettings } from '@/lib/flow/flowSettings';
import type { FlowSettingsStore } from '@/lib/flow/flowSettingsStore';
import { FlowPage } from '../FlowPage';

// happy-dom draws no canvas: a stand-in uPlot that "draws" at once, as the real one does on creation.
vi.mock('uplot', () => {
  class FakePlot {
    static paths = { bars: () => () => null };
    readonly bbox = { left: 0, top: 0, width: 100, height: 100 };
    // A 2D context whose drawing calls do nothing.
    readonly ctx = new Proxy(
      { canvas: document.createElement('canvas') } as Record<string | symbol, unknown>,
      { get: (context, name) => (name in context ? context[name] : () => undefined) },
    );
    constructor(options: { hooks: { draw: ((plot: unknown) => void)[] } }) {
      for (const hook of options.hooks.draw) hook(this);
    }
    setCursor() {}
    valToPos() {
      return 0;
    }
    destroy() {}
  }
  return { default: FakePlot };
});

/** Settings kept in memory, as the page's store keeps them in extension storage. */
function memoryStore(initial: Record<string, FlowSettings> = {}) {
  const saved = { ...initial };
  const store: FlowSettingsStore = {
    load: async (boardId) => saved[boardId] ?? DEFAULT_FLOW_SETTINGS,
    save: async (boardId, settings) => {
      saved[boardId] = settings;
    },
  };
  return { store, saved };
}

const loadHandWorked: LoadBoardReports = async (boardId) => handWorkedReports(boardId);

/** No board list to be had: the page names boards by id. */
const noTitles = async () => new Map<string, string>();

function renderPage(
  load: LoadBoardReports = loadHandWorked,
  store = memoryStore().store,
  boardIds = ['42'],
  boardTitles: () => Promise<ReadonlyMap<string, string>> = noTitles,
) {
  return render(
    <FlowPage
      boardIds={boardIds}
      load={load}
      store={store}
      boardTitles={boardTitles}
      now={HAND_WORKED_NOW}
      timeZone="UTC"
    />,
  );
}

/** The names of the files the page saves (an `<a download>` clicked for each). */
function savedFileNames(): string[] {
  const names: string[] = [];
  vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    names.push(this.download);
  });
  return names;
}

const root = () => document.querySelector('main') as HTMLElement;
const chart = (title: string) => screen.getByRole('region', { name: title });
/** Opens a chart's "Show data table" disclosure with a click on its summary. */
function showTable(region: HTMLElement) {
  const details = region.querySelector('details');
  if (!details || details.open) return;
  fireEvent.click(within(details).getByText('Show data table'));
}
const rowsOf = (region: HTMLElement) => {
  showTable(region);
  return within(region)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent));
};

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('the Flow charts page', () => {
  it('says how loading goes, then "Charts ready" once every chart is drawn', async () => {
    let finish: (reports: BoardReports) => void = () => undefined;
    let options: FlowLoadOptions | undefined;
    renderPage((_boardId, given) => {
      options = given;
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    expect(root().dataset.flowState).toBe('loading');
    options?.onProgress?.({ report: 'cardpositions', done: 1, bytes: 100 });
    expect(await screen.findByText('Loading the board’s reports: 1 of 4 done…')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Loading the board’s reports' })).toBeTruthy();
    finish(handWorkedReports('42'));
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    expect(screen.getByRole('status').textContent).toBe('Charts ready');
  });

  it('draws the charts from the history, and is ready with each card’s title once the cards are in', async () => {
    let finish: (reports: BoardReports) => void = () => undefined;
    let options: FlowLoadOptions | undefined;
    renderPage((_boardId, given) => {
      options = given;
      return new Promise((resolve) => {
        finish = resolve;
      });
    });
    const { lanes, positions, blocked } = handWorkedReports('42');
    options?.onHistory?.({ lanes, positions, blocked });
    const slider = await within(
      await screen.findByRole('region', { name: 'Cycle time' }),
    ).findByRole('slider', { name: 'Card on the chart, by finish day' });
    // Drawn, but the cards (the points' names) are still on their way.
    expect(root().dataset.flowState).toBe('loading');
    fireEvent.input(slider, { target: { value: '2' } });
    expect(within(chart('Cycle time')).getByText(/^Card F/).textContent).toBe(
      'Card F: finished 2026-03-06, 4 days.',
    );
    finish(handWorkedReports('42'));
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    expect(within(chart('Cycle time')).getByText(/^Card F/).textContent).toBe(
      'Card F “Archived card”: finished 2026-03-06, 4 days.',
    );
  });

  it('shows each chart with its definition and its data table', async () => {
    renderPage();
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    for (const title of [
      'Cumulative flow',
      'Cycle time',
      'Throughput',
      'Aging work in progress',
      'Forecasts',
    ]) {
      const region = chart(title);
      showTable(region);
      expect(within(region).getByRole('table')).toBeTruthy();
      expect(within(region).getByRole('button', { name: `Save CSV of ${title}` })).toBeTruthy();
    }
    expect(within(chart('Cycle time')).getByText(/nearest-rank method/).textContent).toContain(
      '50%: 6 days, 70%: 8 days, 85%: 8 days, 95%: 8 days',
    );
    expect(rowsOf(chart('Cycle time'))).toEqual([
      ['C', '', '', '2026-03-05', '2'],
      ['F', 'Archived card', 'Defect', '2026-03-06', '4'],
      ['A', '', '', '2026-03-06', '6'],
      ['H', '', '', '2026-03-06', '6'],
      ['E', '', '', '2026-03-08', '8'],
      ['B', '', '', '2026-03-09', '8'],
    ]);
    expect(rowsOf(chart('Aging work in progress'))).toEqual([
      ['D', 'Card in progress', 'Feature', 'In Progress', 'Build', '6'],
    ]);
    expect(rowsOf(chart('Throughput')).map((row) => row[1])).toEqual([
      '1',
      '3',
      '0',
      '1',
      '1',
      '0',
    ]);
    showTable(chart('Cumulative flow'));
    const caption = within(chart('Cumulative flow')).getByRole('table').querySelector('caption');
    expect(caption?.textContent).toContain('Cumulative flow');
  });

  it('puts a chart’s data table in the page only once it is shown', async () => {
    renderPage();
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    // A big board's tables run to thousands of cells: made only for the reader who opens one.
    expect(within(chart('Throughput')).queryByRole('table')).toBeNull();
    showTable(chart('Throughput'));
    expect(within(chart('Throughput')).getByRole('table')).toBeTruthy();
    // The forecasts are a table only, shown as they are.
    expect(within(chart('Forecasts')).getByRole('table')).toBeTruthy();
  });

  it('switches throughput to weeks', async () => {
    renderPage();
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    fireEvent.click(within(chart('Throughput')).getByRole('radio', { name: 'Week' }));
    expect(rowsOf(chart('Throughput'))).toEqual([
      ['2026-03-02', '5'],
      ['2026-03-09', '1'],
    ]);
  });

  it('recomputes with another finish lane, and remembers it for the board', async () => {
    const { store, saved } = memoryStore();
    renderPage(loadHandWorked, store);
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    const finish = screen.getByRole('combobox', { name: 'Finish lane' }) as HTMLSelectElement;
    expect(finish.selectedOptions[0]?.textContent).toBe('Done (default)');
    fireEvent.change(finish, { target: { value: LANE.review } });
    await waitFor(() =>
      expect(rowsOf(chart('Cycle time')).find((row) => row[0] === 'A')?.[4]).toBe('5'),
    );
    expect(saved['42']).toEqual({ ...DEFAULT_FLOW_SETTINGS, finishLaneId: LANE.review });
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
  });

  it('applies the settings remembered for the board', async () => {
    const { store } = memoryStore({ '42': { ...DEFAULT_FLOW_SETTINGS, blockedCounts: false } });
    renderPage(loadHandWorked, store);
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    expect(
      (
        screen.getByRole('checkbox', {
          name: 'Count blocked time in cycle times and ages',
        }) as HTMLInputElement
      ).checked,
    ).toBe(false);
    expect(rowsOf(chart('Cycle time')).find((row) => row[0] === 'E')?.[4]).toBe('6');
  });

  it('says when the finish lane is not after the start lane', async () => {
    renderPage();
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    fireEvent.change(screen.getByRole('combobox', { name: 'Start lane' }), {
      target: { value: LANE.archive },
    });
    fireEvent.change(screen.getByRole('combobox', { name: 'Finish lane' }), {
      target: { value: LANE.ready },
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The finish lane must come after the start lane. Choose other lanes.',
    );
    expect(root().dataset.flowState).toBe('failed');
  });

  it('shows the loader’s failure as an alert', async () => {
    renderPage(async () => {
      throw {
        kind: 'token-expired',
        message: 'Your LeanKit session expired. Sign in again to continue.',
      };
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Your LeanKit session expired. Sign in again to continue.',
    );
    expect(root().dataset.flowState).toBe('failed');
  });

  it('asks for a board when none is given', () => {
    renderPage(loadHandWorked, memoryStore().store, []);
    expect(screen.getByRole('alert').textContent).toContain('No board chosen.');
  });

  it('shows the card of the point chosen with the slider', async () => {
    renderPage();
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    const slider = within(chart('Cycle time')).getByRole('slider', {
      name: 'Card on the chart, by finish day',
    });
    fireEvent.input(slider, { target: { value: '2' } });
    expect(within(chart('Cycle time')).getByText(/^Card F/).textContent).toBe(
      'Card F “Archived card”: finished 2026-03-06, 4 days.',
    );
  });

  it('saves a chart’s data as CSV', async () => {
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      blobs.push(blob as Blob);
      return 'blob:test';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    renderPage();
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    fireEvent.click(screen.getByRole('button', { name: 'Save CSV of Aging work in progress' }));
    expect(await blobs[0]?.text()).toBe(
      'Card,Title,Type,Lane group,Lane,Age (days)\r\nD,Card in progress,Feature,In Progress,Build,6\r\n',
    );
  });

  it('names each board by its title: heading, region, tab and saved files', async () => {
    const names = savedFileNames();
    renderPage(
      loadHandWorked,
      memoryStore().store,
      ['42'],
      async () => new Map([['42', 'Team Alpha']]),
    );
    expect(await screen.findByRole('heading', { name: 'Team Alpha' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Team Alpha' })).toBeTruthy();
    await waitFor(() => expect(document.title).toBe('Flow charts: Team Alpha · LeanKit Exporter'));
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    fireEvent.click(screen.getByRole('button', { name: 'Save CSV of Aging work in progress' }));
    expect(names).toEqual(['flow-team-alpha-aging-wip-2026-03-10.csv']);
  });

  it('names a board by its id while, or when, its title cannot be had', async () => {
    const names = savedFileNames();
    renderPage();
    expect(screen.getByRole('heading', { name: 'Board 42' })).toBeTruthy();
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    expect(document.title).toBe('Flow charts · LeanKit Exporter');
    fireEvent.click(screen.getByRole('button', { name: 'Save CSV of Forecasts' }));
    expect(names).toEqual(['flow-board42-forecast-2026-03-10.csv']);
  });

  it('keeps the boards’ ids when the board list cannot be asked for', async () => {
    renderPage(loadHandWorked, memoryStore().store, ['42'], async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    expect(screen.getByRole('heading', { name: 'Board 42' })).toBeTruthy();
  });
});
