import { describe, expect, it } from 'vitest';
import { formatDay } from '../calendarDays';
import {
  agingColumns,
  cumulativeFlowColumns,
  cycleTimeColumns,
  throughputColumns,
} from '../chartSeries';
import {
  agingTable,
  cumulativeFlowTable,
  cycleTimeTable,
  forecastTable,
  percentileTable,
  throughputTable,
} from '../chartTables';
import {
  computeFlowCharts,
  computeFlowMetrics,
  type FlowCharts,
  metricsNeedCards,
  withCards,
} from '../flowCharts';
import { flowForecasts } from '../flowForecasts';
import { DEFAULT_FLOW_SETTINGS, type FlowSettings } from '../flowSettings';
import { LANE } from './handWorkedBoard';
import { HAND_WORKED_TODAY, handWorkedReports } from './handWorkedReports';

/** Every expected number is worked out by hand from the board in handWorkedBoard.ts. */

async function chartsOf(settings: Partial<FlowSettings> = {}): Promise<FlowCharts> {
  const charts = await computeFlowCharts(
    handWorkedReports(),
    { ...DEFAULT_FLOW_SETTINGS, ...settings },
    { today: HAND_WORKED_TODAY, timeZone: 'UTC' },
  );
  if (!charts) throw new Error('the hand-worked board has a workflow');
  return charts;
}

describe('the charts of the hand-worked board, default settings', () => {
  it('shows from the first finish (03-05) up to today (03-10)', async () => {
    const charts = await chartsOf();
    expect([formatDay(charts.from), formatDay(charts.to)]).toEqual(['2026-03-05', '2026-03-10']);
  });

  it('plots each finished card at its finish day and cycle time, with percentile lines', async () => {
    const charts = await chartsOf();
    expect(cycleTimeTable(charts).rows).toEqual([
      ['C', '', '', '2026-03-05', 2],
      ['F', 'Archived card', 'Defect', '2026-03-06', 4],
      ['A', '', '', '2026-03-06', 6],
      ['H', '', '', '2026-03-06', 6],
      ['E', '', '', '2026-03-08', 8],
      ['B', '', '', '2026-03-09', 8],
    ]);
    // 2 4 6 6 8 8 by nearest rank: ranks 3, 5, 6 and 6.
    expect(percentileTable(charts).rows).toEqual([
      ['50th', 6],
      ['70th', 8],
      ['85th', 8],
      ['95th', 8],
    ]);
    const [days, times] = cycleTimeColumns(charts);
    expect(days.map(formatDay)).toEqual([
      '2026-03-05',
      ...Array(3).fill('2026-03-06'),
      '2026-03-08',
      '2026-03-09',
    ]);
    expect(times).toEqual([2, 4, 6, 6, 8, 8]);
  });

  it('counts throughput per day and per week, quiet periods as 0', async () => {
    const charts = await chartsOf();
    expect(throughputTable(charts, 'day').rows).toEqual([
      ['2026-03-05', 1],
      ['2026-03-06', 3],
      ['2026-03-07', 0],
      ['2026-03-08', 1],
      ['2026-03-09', 1],
      ['2026-03-10', 0],
    ]);
    // Weeks start on Monday: 03-02 holds 03-05 to 03-08, 03-09 the rest.
    expect(throughputTable(charts, 'week').rows).toEqual([
      ['2026-03-02', 5],
      ['2026-03-09', 1],
    ]);
    expect(throughputColumns(charts, 'week')[1]).toEqual([5, 1]);
  });

  it('ages the card in progress by its lane group', async () => {
    const charts = await chartsOf();
    // D started in Ready on 03-05 and sits in Build (In Progress): 10 − 5 + 1 = 6 days.
    expect(agingTable(charts).rows).toEqual([
      ['D', 'Card in progress', 'Feature', 'In Progress', 'Build', 6],
    ]);
    expect(agingColumns(charts)).toEqual([[2], [6]]);
  });

  it('has one cumulative band per lane group, each day at or below the one before it', async () => {
    const charts = await chartsOf();
    const table = cumulativeFlowTable(charts);
    expect(table.headers).toEqual(['Day', 'Backlog', 'Ready', 'In Progress', 'Done', 'Archive']);
    // By the end of 03-05: in Backlog or past it, every card but G (it arrives 03-07): 7; Ready
    // or past, the same 7; In Progress or past, A B C E F H (D reaches Build 03-08): 6; Done or
    // past, C (03-05) and H (03-03: moving back later does not take it out): 2; Archive, none.
    expect(table.rows[0]).toEqual(['2026-03-05', 7, 7, 6, 2, 0]);
    expect(table.rows.at(-1)).toEqual(['2026-03-10', 8, 7, 7, 6, 1]);
    const columns = cumulativeFlowColumns(charts);
    expect(columns[0]).toHaveLength(6);
    for (const row of table.rows) {
      const counts = row.slice(1) as number[];
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
    }
  });
});

describe('the settings change the charts', () => {
  it('a finish lane of Review finishes cards on reaching Review', async () => {
    const charts = await chartsOf({ finishLaneId: LANE.review });
    // A: Ready 03-01 to Review 03-05 = 5; D never reached Review: still in progress.
    expect(charts.finished.find((card) => card.cardId === 'A')?.cycleTime).toBe(5);
    expect(charts.aging.map((card) => card.cardId)).toEqual(['D']);
  });

  it('leaving blocked time out shortens E and D', async () => {
    const charts = await chartsOf({ blockedCounts: false });
    expect(charts.finished.find((card) => card.cardId === 'E')?.cycleTime).toBe(6);
    expect(charts.aging[0]?.age).toBe(4);
  });

  it('a card type keeps only its cards; a date range only the cards finished in it', async () => {
    const defects = await chartsOf({ typeIds: ['7'] });
    expect(defects.finished.map((card) => card.cardId)).toEqual(['F']);
    expect(defects.aging).toEqual([]);
    const ranged = await chartsOf({ from: '2026-03-06', to: '2026-03-08' });
    expect(ranged.finished.map((card) => card.cardId)).toEqual(['F', 'A', 'H', 'E']);
    expect(throughputTable(ranged, 'day').rows.map((row) => row[0])).toEqual([
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
  });

  it('gives no charts when the finish lane is not after the start lane', async () => {
    const charts = await computeFlowCharts(
      handWorkedReports(),
      { ...DEFAULT_FLOW_SETTINGS, startLaneId: LANE.done, finishLaneId: LANE.ready },
      { today: HAND_WORKED_TODAY, timeZone: 'UTC' },
    );
    expect(charts).toBeNull();
  });

  it('pauses between its steps', async () => {
    let pauses = 0;
    await computeFlowCharts(handWorkedReports(), DEFAULT_FLOW_SETTINGS, {
      today: HAND_WORKED_TODAY,
      timeZone: 'UTC',
      pause: async () => {
        pauses++;
      },
    });
    expect(pauses).toBeGreaterThanOrEqual(3);
  });
});

describe('the forecasts', () => {
  it('draws from the daily throughput shown, and is the same every time', async () => {
    const charts = await chartsOf();
    const question = { cards: 6, byDay: HAND_WORKED_TODAY + 6 };
    const forecasts = flowForecasts(charts.throughputByDay, question, HAND_WORKED_TODAY);
    expect(forecasts.historyDays).toBe(6);
    expect(flowForecasts(charts.throughputByDay, question, HAND_WORKED_TODAY)).toEqual(forecasts);
    // 6 cards in 6 days of history: about 6 days at 50%, never fewer than 2 (3 a day at most).
    const when = forecasts.when ?? [];
    expect(when.map((forecast) => forecast.level)).toEqual([50, 85, 95]);
    expect(when.every((forecast) => forecast.day === HAND_WORKED_TODAY + forecast.value)).toBe(
      true,
    );
    expect(when.map((forecast) => forecast.value)).toEqual(
      [...when.map((forecast) => forecast.value)].sort((a, b) => a - b),
    );
    expect(when[0]?.value).toBeGreaterThanOrEqual(2);
    // How many in 6 days: fewer at higher confidence.
    const howMany = forecasts.howMany?.map((forecast) => forecast.value) ?? [];
    expect(howMany).toEqual([...howMany].sort((a, b) => b - a));
    const table = forecastTable(forecasts, question);
    expect(table.headers).toEqual(['Confidence', '6 cards done by', 'Cards done by 2026-03-16']);
    expect(table.rows.map((row) => row[0])).toEqual(['50%', '85%', '95%']);
    expect(table.rows[0]?.[1]).toBe(formatDay(when[0]?.day ?? 0));
  });

  it('says "No forecast" where nothing finished', () => {
    const forecasts = flowForecasts([{ start: 0, finished: 0 }], { cards: 3, byDay: 10 }, 5);
    expect(forecasts.when).toBeNull();
    expect(forecastTable(forecasts, { cards: 3, byDay: 10 }).rows[0]).toEqual([
      '50%',
      'No forecast',
      0,
    ]);
  });
});

describe('the metrics before the cards report, then the cards', () => {
  const options = { today: HAND_WORKED_TODAY, timeZone: 'UTC' };

  it('give the same charts as all four reports at once, with no card type chosen', async () => {
    const { lanes, positions, blocked, cards } = handWorkedReports();
    const settings = { ...DEFAULT_FLOW_SETTINGS, blockedCounts: false };
    expect(metricsNeedCards(settings)).toBe(false);
    const metrics = await computeFlowMetrics({ lanes, positions, blocked }, settings, options);
    if (!metrics) throw new Error('the hand-worked board has a workflow');
    expect(withCards(metrics, cards)).toEqual(
      await computeFlowCharts(handWorkedReports(), settings, options),
    );
    // Before the cards, the points are cards by id only: no title yet.
    expect(metrics.finished.map((card) => Object.keys(card).sort())).toContainEqual([
      'cardId',
      'cycleTime',
      'finishDay',
    ]);
  });

  it('need the cards when card types are chosen', async () => {
    const { lanes, positions, blocked } = handWorkedReports();
    const settings = { ...DEFAULT_FLOW_SETTINGS, typeIds: ['defect'] };
    expect(metricsNeedCards(settings)).toBe(true);
    await expect(
      computeFlowMetrics({ lanes, positions, blocked }, settings, options),
    ).rejects.toThrow(/cards report/);
  });
});
