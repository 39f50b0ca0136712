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

function renderPage(
  load: LoadBoardReports = loadHandWorked,
  store = memoryStore().store,
  boardIds = ['42'],
) {
  return render(
    <FlowPage boardIds={boardIds} load={load} store={store} now={HAND_WORKED_NOW} timeZone="UTC" />,
  );
}

const root = () => document.querySelector('main') as HTMLElement;
const chart = (title: string) => screen.getByRole('region', { name: title });
/** Opens a chart's "Show data table" disclosure (its table is made only then); the forecasts show theirs. */
function openTable(region: HTMLElement): void {
  const details = region.querySelector('details');
  if (details && !details.open) fireEvent.click(within(region).getByText('Show data table'));
}
const rowsOf = (region: HTMLElement) => {
  openTable(region);
  return within(region)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.children].map((cell) => cell.textContent));
};

afterEach(cleanup);

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
      openTable(region);
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
    const caption = within(chart('Cumulative flow')).getByRole('table').querySelector('caption');
    expect(caption?.textContent).toContain('Cumulative flow');
  });

  it('makes a drawn chart’s data table only once its disclosure is opened', async () => {
    renderPage();
    await waitFor(() => expect(root().dataset.flowState).toBe('ready'));
    const region = chart('Cycle time');
    expect(within(region).queryByRole('table')).toBeNull();
    fireEvent.click(within(region).getByText('Show data table'));
    await waitFor(() => expect(within(region).getByRole('table')).toBeTruthy());
    expect(within(region).getAllByRole('row')).toHaveLength(7);
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
});
