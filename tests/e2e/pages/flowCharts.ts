import { poll, type UiPage } from '../../support/ui/uiPage';

/** The charts drawn on a canvas; the forecasts are a table only. */
export const DRAWN_CHARTS = [
  'Cumulative flow',
  'Cycle time',
  'Throughput',
  'Aging work in progress',
] as const;

/** The Flow charts page (flow.html), in any browser, by its charts' titles and its controls' labels. */
export class FlowChartsUi {
  constructor(readonly ui: UiPage) {}

  /**
   * Waits until every chart of every board is drawn: the page's `data-flow-state` and its live
   * region say so together.
   */
  async waitUntilReady(): Promise<void> {
    await poll(
      'the charts to be ready',
      async () => {
        const state = await this.ui.evaluate(
          () => document.querySelector('main')?.dataset.flowState,
        );
        if (state === 'failed') {
          const alerts = await this.ui.texts('alert');
          throw new Error(`The Flow charts page failed: ${alerts.join(' ')}`);
        }
        return state === 'ready' ? true : undefined;
      },
      { timeoutMs: 45_000 },
    );
    await this.ui.waitForText('status', 'Charts ready');
  }

  /** The board's heading, the section each board's charts are in. */
  boardHeadings(): Promise<string[]> {
    return this.ui.evaluate(() =>
      [...document.querySelectorAll('section.board > h2')].map((h) => h.textContent ?? ''),
    );
  }

  /**
   * A chart's data table as text cells, header row first: its "Show data table" opened, read, and
   * closed again if it was closed (the page makes a table only while it is shown, and every table
   * open makes Firefox's accessibility look-ups, by which journeys find controls, take seconds).
   */
  async table(chart: string): Promise<string[][]> {
    const wasShown = await this.showTable(chart, true);
    try {
      return await poll(`the ${chart} table`, () =>
        this.ui.evaluate((title) => {
          // The data table has a caption; uPlot's legend (hidden from assistive technology) is a table too.
          const table = [...document.querySelectorAll('section.chart')]
            .find((section) => section.querySelector('h2')?.textContent === title)
            ?.querySelector<HTMLTableElement>('table:has(caption)');
          return table
            ? [...table.rows].map((row) => [...row.cells].map((cell) => cell.textContent ?? ''))
            : undefined;
        }, chart),
      );
    } finally {
      if (!wasShown) await this.showTable(chart, false);
    }
  }

  /**
   * Opens or closes a chart's "Show data table" with a click on it, and says whether it was open
   * (the forecasts have none: their table is always shown).
   */
  private showTable(chart: string, shown: boolean): Promise<boolean> {
    return this.ui.evaluate(
      ({ title, open }) => {
        const details = [...document.querySelectorAll('section.chart')]
          .find((section) => section.querySelector('h2')?.textContent === title)
          ?.querySelector('details');
        if (!details) return true;
        const was = details.open;
        if (was !== open) details.querySelector('summary')?.click();
        return was;
      },
      { title: chart, open: shown },
    );
  }

  /**
   * How many pixels of each chart's canvases are painted (not transparent): what uPlot drew, read
   * back from the canvas itself.
   */
  paintedPixels(): Promise<Record<string, number>> {
    return this.ui.evaluate(
      (titles) => {
        const painted: Record<string, number> = {};
        for (const title of titles) {
          const region = [...document.querySelectorAll('section.chart')].find(
            (section) => section.querySelector('h2')?.textContent === title,
          );
          let count = 0;
          for (const canvas of region?.querySelectorAll('canvas') ?? []) {
            const context = canvas.getContext('2d');
            if (!context || canvas.width === 0 || canvas.height === 0) continue;
            const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
            for (let alpha = 3; alpha < data.length; alpha += 4) if (data[alpha] !== 0) count++;
          }
          painted[title] = count;
        }
        return painted;
      },
      DRAWN_CHARTS as readonly string[],
    );
  }

  /** Waits until a chart's table is no longer `before` (after a change of settings). */
  async waitUntilChanged(chart: string, before: readonly string[][]): Promise<void> {
    const was = JSON.stringify(before);
    await poll(`the ${chart} table to change`, async () =>
      JSON.stringify(await this.table(chart)) !== was ? true : undefined,
    );
  }

  /** Chooses the finish lane by its title as the list shows it. */
  async chooseFinishLane(title: string): Promise<void> {
    await this.ui.select('Finish lane', title);
  }

  /** The chosen finish lane's id. */
  finishLane(): Promise<string> {
    return this.ui.evaluate(() => {
      const label = [...document.querySelectorAll('label')].find(
        (candidate) => candidate.textContent === 'Finish lane',
      );
      return (label?.control as HTMLSelectElement | null)?.value ?? '';
    });
  }

  async saveCsv(chart: string): Promise<void> {
    await this.ui.click('button', `Save CSV of ${chart}`);
  }

  async savePng(chart: string): Promise<void> {
    await this.ui.click('button', `Save PNG of ${chart}`);
  }

  /**
   * Waits until the browser has finished saving a file whose name starts with `prefix` and ends
   * with `extension`, and returns its name. Asked of the browser's download list (the extension's
   * `downloads` permission), never of the folder: Firefox writes an empty placeholder first.
   */
  savedFile(prefix: string, extension: string): Promise<string> {
    return poll(
      `a finished download ${prefix}…${extension}`,
      async () => {
        const names = await this.ui.evaluate(async () => {
          type Item = { filename: string; state: string };
          type Downloads = { search(query: object): Promise<Item[]> };
          const global = globalThis as unknown as {
            browser?: { downloads: Downloads };
            chrome?: { downloads: Downloads };
          };
          const items = (await (global.browser ?? global.chrome)?.downloads.search({})) ?? [];
          return items
            .filter((item) => item.state === 'complete')
            .map((item) => item.filename.split(/[\\/]/).pop() ?? '');
        });
        return names.find((name) => name.startsWith(prefix) && name.endsWith(extension));
      },
      { timeoutMs: 30_000 },
    );
  }
}
