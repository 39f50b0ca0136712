import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type uPlot from 'uplot';
import { flowFileStem } from '@/lib/files';
import type {
  BoardHistory,
  BoardReports,
  FlowLoadProgress,
  LoadBoardReports,
} from '@/lib/flow/boardReports';
import { FLOW_REPORTS } from '@/lib/flow/boardReports';
import { formatDay } from '@/lib/flow/calendarDays';
import {
  agingColumns,
  cumulativeFlowColumns,
  cycleTimeColumns,
  throughputColumns,
} from '@/lib/flow/chartSeries';
import {
  agingTable,
  cumulativeFlowTable,
  cycleTimeTable,
  forecastTable,
  throughputTable,
} from '@/lib/flow/chartTables';
import {
  computeFlowMetrics,
  type FlowCharts,
  type FlowMetrics,
  metricsNeedCards,
  withCards,
} from '@/lib/flow/flowCharts';
import { FORECAST_SEED, FORECAST_TRIALS, flowForecasts } from '@/lib/flow/flowForecasts';
import { dayOfDate, type FlowSettings } from '@/lib/flow/flowSettings';
import type { FlowSettingsStore } from '@/lib/flow/flowSettingsStore';
import type { ThroughputPeriod } from '@/lib/flow/throughput';
import { ChartPanel } from './ChartPanel';
import { type ChartColors, chartColors } from './chartColors';
import {
  agingOptions,
  cumulativeFlowOptions,
  cycleTimeOptions,
  throughputOptions,
} from './chartOptions';
import { canvasPng, saveFile } from './saveFile';
import { UPlotChart } from './UPlotChart';
import { WorkflowSettings } from './WorkflowSettings';

/** What a board's charts are doing, for the page's live region and its `data-flow-state`. */
export type BoardState =
  | { kind: 'loading'; progress: FlowLoadProgress | null }
  | { kind: 'computing' }
  | { kind: 'ready' }
  | { kind: 'failed'; message: string };

/** The charts drawn on a canvas; the page is ready when each has drawn once. */
const DRAWN_CHARTS = ['cfd', 'cycle-time', 'throughput', 'aging'] as const;

/** Lets the browser paint and answer input between steps of a big board's computation. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * One board's flow charts: loads its reports, applies its remembered workflow settings, computes
 * the charts in steps, and draws them with their definitions, tables, CSV and PNG.
 */
export function FlowBoard({
  boardId,
  boardTitle,
  load,
  store,
  today,
  timeZone,
  onState,
}: {
  boardId: string;
  /** The board's title, when the board list has it. */
  boardTitle: string | undefined;
  load: LoadBoardReports;
  store: FlowSettingsStore;
  today: number;
  timeZone: string;
  onState: (state: BoardState) => void;
}) {
  const [history, setHistory] = useState<BoardHistory | null>(null);
  const [reports, setReports] = useState<BoardReports | null>(null);
  const [settings, setSettings] = useState<FlowSettings | null>(null);
  /** The last metrics worked out (null inside: the settings give no workflow). */
  const [metrics, setMetrics] = useState<{ metrics: FlowMetrics | null } | null>(null);
  const [state, setState] = useState<BoardState>({ kind: 'loading', progress: null });
  const [colors, setColors] = useState<ChartColors>(() => chartColors());
  const drawn = useRef(new Set<string>());
  const loaded = useRef(false);

  const report = (next: BoardState) => {
    setState(next);
    onState(next);
  };

  useEffect(() => {
    const abort = new AbortController();
    const fail = (cause: unknown) => {
      if (!abort.signal.aborted) report({ kind: 'failed', message: failureMessage(cause) });
    };
    loaded.current = false;
    report({ kind: 'loading', progress: null });
    store.load(boardId).then((remembered) => {
      if (!abort.signal.aborted) setSettings(remembered);
    }, fail);
    load(boardId, {
      signal: abort.signal,
      onProgress: (progress) => {
        if (!abort.signal.aborted) report({ kind: 'loading', progress });
      },
      onHistory: (early) => {
        if (!abort.signal.aborted) setHistory(early);
      },
    }).then((all) => {
      if (abort.signal.aborted) return;
      loaded.current = true;
      report({ kind: 'computing' });
      setHistory((early) => early ?? all);
      setReports(all);
    }, fail);
    return () => abort.abort();
  }, [boardId, load, store]);

  // The metrics, from the history alone unless card types are chosen: with none chosen they are
  // worked out while the cards report still downloads.
  const source = settings && (metricsNeedCards(settings) ? reports : history);
  useEffect(() => {
    if (!source || !settings) return;
    let current = true;
    if (loaded.current) report({ kind: 'computing' });
    drawn.current = new Set();
    void computeFlowMetrics(source, settings, { today, timeZone, pause: nextTask }).then(
      (computed) => {
        if (!current) return;
        performance.mark('flow-metrics');
        setMetrics({ metrics: computed });
      },
    );
    return () => {
      current = false;
    };
  }, [source, settings, today, timeZone]);

  // The charts as soon as their metrics are worked out: drawn while the cards still download (the
  // cards only name the points), and named in the render the cards come in, which redraws nothing.
  // While other settings' metrics are worked out, the last ones stay shown.
  const charts = useMemo(
    () => metrics?.metrics && withCards(metrics.metrics, reports?.cards ?? []),
    [metrics, reports],
  );
  useEffect(() => {
    if (!metrics) return;
    performance.mark('flow-computed');
    if (metrics.metrics === null) {
      report({
        kind: 'failed',
        message: 'The finish lane must come after the start lane. Choose other lanes.',
      });
    }
  }, [metrics]);

  // Ready once every chart is drawn and the cards are in: the charts may be drawn first.
  const allDrawn = () => DRAWN_CHARTS.every((name) => drawn.current.has(name));
  useEffect(() => {
    if (reports && charts && allDrawn()) report({ kind: 'ready' });
  }, [reports, charts]);

  // Dark or light: the charts are remade in the new colours.
  useEffect(() => {
    const scheme = matchMedia('(prefers-color-scheme: dark)');
    const onScheme = () => setColors(chartColors());
    scheme.addEventListener('change', onScheme);
    return () => scheme.removeEventListener('change', onScheme);
  }, []);

  const onDrawn = (chart: string) => {
    performance.mark(`flow-drawn ${chart}`);
    drawn.current.add(chart);
    if (reports && allDrawn()) report({ kind: 'ready' });
  };

  function changeSettings(next: FlowSettings) {
    setSettings(next);
    void store.save(boardId, next);
  }

  return (
    <section class="board" aria-labelledby={`board-${boardId}`}>
      <h2 id={`board-${boardId}`} class="board-title">
        {boardTitle ?? `Board ${boardId}`}
      </h2>
      {state.kind === 'loading' && <LoadProgress progress={state.progress} />}
      {state.kind === 'failed' && (
        <p class="error" role="alert">
          {state.message}
        </p>
      )}
      {reports && settings && (
        <WorkflowSettings
          idPrefix={`board-${boardId}`}
          lanes={reports.lanes}
          cards={reports.cards}
          settings={settings}
          onChange={changeSettings}
        />
      )}
      {reports && <SkippedRows reports={reports} />}
      {charts && (
        <Charts
          key={`${colors.fg}`}
          boardId={boardId}
          boardTitle={boardTitle}
          charts={charts}
          metrics={metrics?.metrics as FlowMetrics}
          colors={colors}
          onDrawn={onDrawn}
        />
      )}
    </section>
  );
}

function failureMessage(cause: unknown): string {
  const message = (cause as { message?: unknown } | null)?.message;
  return typeof message === 'string' && message !== ''
    ? message
    : 'The board’s reports could not be loaded. Try again.';
}

function LoadProgress({ progress }: { progress: FlowLoadProgress | null }) {
  const done = progress?.done ?? 0;
  return (
    <div class="loading">
      <progress max={FLOW_REPORTS.length} value={done} aria-label="Loading the board’s reports" />
      <span>
        {progress
          ? `Loading ${progress.report} (${done} of ${FLOW_REPORTS.length} reports done)…`
          : 'Loading the board’s reports…'}
      </span>
    </div>
  );
}

function SkippedRows({ reports }: { reports: BoardReports }) {
  const skipped = Object.entries(reports.skipped).filter(([, count]) => count > 0);
  if (skipped.length === 0) return null;
  return (
    <p class="hint">
      Rows left out as unusable: {skipped.map(([name, count]) => `${count} of ${name}`).join(', ')}.
    </p>
  );
}

function Charts({
  boardId,
  boardTitle,
  charts,
  metrics,
  colors,
  onDrawn,
}: {
  boardId: string;
  boardTitle: string | undefined;
  charts: FlowCharts;
  /** What the charts are drawn from: the cards' titles, joined later, change no chart. */
  metrics: FlowMetrics;
  colors: ChartColors;
  onDrawn: (chart: string) => void;
}) {
  const [period, setPeriod] = useState<ThroughputPeriod>('day');
  const plots = {
    cfd: useRef<uPlot | null>(null),
    cycleTime: useRef<uPlot | null>(null),
    throughput: useRef<uPlot | null>(null),
    aging: useRef<uPlot | null>(null),
  };
  const chartData = useMemo(
    () => ({
      cfd: cumulativeFlowColumns(charts),
      cycleTime: cycleTimeColumns(charts),
      aging: agingColumns(charts),
    }),
    [metrics],
  );
  const options = useMemo(
    () => ({
      cfd: cumulativeFlowOptions(charts, colors),
      cycleTime: cycleTimeOptions(charts, colors),
      aging: agingOptions(charts, colors),
    }),
    [metrics, colors],
  );
  const throughputData = useMemo(() => throughputColumns(charts, period), [metrics, period]);
  const throughputChart = useMemo(() => throughputOptions(period, colors), [period, colors]);
  const file = (chart: string) =>
    flowFileStem({ id: boardId, title: boardTitle }, chart, formatDay(charts.today));
  const png = (plot: { current: uPlot | null }, chart: string) => () => {
    const canvas = plot.current?.ctx.canvas;
    if (!canvas) return;
    void canvasPng(canvas, colors.bg).then((blob) => {
      if (blob) saveFile(blob, `${file(chart)}.png`);
    });
  };
  const percentileWords =
    charts.percentiles.length > 0
      ? charts.percentiles.map(({ p, value }) => `${p}%: ${value} days`).join(', ')
      : null;

  return (
    <div class="charts">
      <ChartPanel
        id={`cfd-${boardId}`}
        title="Cumulative flow"
        fileName={file('cumulative-flow')}
        table={() => cumulativeFlowTable(charts)}
        onSavePng={png(plots.cfd, 'cumulative-flow')}
        definition={
          <p>
            One band per lane group, over calendar days from {formatDay(charts.from)} to{' '}
            {formatDay(charts.to)}. Each line counts the cards that had arrived, by the end of the
            day, in that group or any group after it on the board; a card that moves back still
            counts where it had been, so no line goes down. The height between two lines is the work
            between them.
          </p>
        }
      >
        <UPlotChart
          options={options.cfd}
          data={chartData.cfd}
          onDrawn={() => onDrawn('cfd')}
          plotRef={plots.cfd}
        />
      </ChartPanel>

      <CycleTimeChart
        boardId={boardId}
        charts={charts}
        options={options.cycleTime}
        data={chartData.cycleTime}
        plot={plots.cycleTime}
        onDrawn={() => onDrawn('cycle-time')}
        fileName={file('cycle-time')}
        onSavePng={png(plots.cycleTime, 'cycle-time')}
        percentileWords={percentileWords}
      />

      <ChartPanel
        id={`throughput-${boardId}`}
        title="Throughput"
        fileName={file(`throughput-${period}`)}
        table={() => throughputTable(charts, period)}
        onSavePng={png(plots.throughput, `throughput-${period}`)}
        definition={
          <p>
            Cards finished (reached the finish lane) per{' '}
            {period === 'week' ? 'week, Monday to Sunday' : 'calendar day'}, from{' '}
            {formatDay(charts.from)} to {formatDay(charts.to)};{' '}
            {period === 'week' ? 'weeks' : 'days'} when nothing finished show as 0.
          </p>
        }
        controls={
          <fieldset class="period">
            <legend>Throughput per</legend>
            {(['day', 'week'] as const).map((choice) => (
              <label key={choice} class="check">
                <input
                  type="radio"
                  name={`period-${boardId}`}
                  value={choice}
                  checked={period === choice}
                  onChange={() => setPeriod(choice)}
                />
                {choice === 'day' ? 'Day' : 'Week'}
              </label>
            ))}
          </fieldset>
        }
      >
        <UPlotChart
          options={throughputChart}
          data={throughputData}
          onDrawn={() => onDrawn('throughput')}
          plotRef={plots.throughput}
        />
      </ChartPanel>

      <ChartPanel
        id={`aging-${boardId}`}
        title="Aging work in progress"
        fileName={file('aging-wip')}
        table={() => agingTable(charts)}
        onSavePng={png(plots.aging, 'aging-wip')}
        definition={
          <p>
            Each card that has started and not finished, in the lane group it is in now, at its age:
            today ({formatDay(charts.today)}) − start day + 1, in calendar days. The dashed lines
            are the cycle-time percentiles of the finished cards
            {percentileWords ? ` (${percentileWords})` : ' (none under 5 finished cards)'}: a card
            above the 85% line is older than 85% of finished cards were.
          </p>
        }
      >
        <UPlotChart
          options={options.aging}
          data={chartData.aging}
          onDrawn={() => onDrawn('aging')}
          plotRef={plots.aging}
        />
      </ChartPanel>

      <Forecasts boardId={boardId} charts={charts} fileName={file('forecast')} />
    </div>
  );
}

function CycleTimeChart({
  boardId,
  charts,
  options,
  data,
  plot,
  onDrawn,
  fileName,
  onSavePng,
  percentileWords,
}: {
  boardId: string;
  charts: FlowCharts;
  options: uPlot.Options;
  data: uPlot.AlignedData;
  plot: { current: uPlot | null };
  onDrawn: () => void;
  fileName: string;
  onSavePng: () => void;
  percentileWords: string | null;
}) {
  const [shown, setShown] = useState<number | null>(null);
  const card = shown === null ? undefined : charts.finished[shown];

  function show(index: number) {
    setShown(index);
    const point = charts.finished[index];
    const current = plot.current;
    if (!point || !current) return;
    current.setCursor(
      {
        left: current.valToPos(point.finishDay, 'x'),
        top: current.valToPos(point.cycleTime, 'y'),
      },
      false,
    );
  }

  return (
    <ChartPanel
      id={`cycle-time-${boardId}`}
      title="Cycle time"
      fileName={fileName}
      table={() => cycleTimeTable(charts)}
      onSavePng={onSavePng}
      definition={
        <p>
          One dot per card finished from {formatDay(charts.from)} to {formatDay(charts.to)}: its
          finish day across, its cycle time up, where cycle time = finish day − start day + 1 in
          calendar days (work starts on entering the start lane or a lane after it, and is done on
          entering the finish lane or a lane after it). Percentile lines at 50, 70, 85 and 95% by
          the nearest-rank method (the value at rank ⌈p × n / 100⌉ of the n cycle times in ascending
          order), none drawn under 5 cards
          {percentileWords ? `: ${percentileWords}` : ''}.
        </p>
      }
    >
      <UPlotChart
        options={options}
        data={data}
        onDrawn={onDrawn}
        plotRef={plot}
        onCursor={(index) => {
          if (index !== null) setShown(index);
        }}
      />
      {charts.finished.length > 0 && (
        <label class="point-picker">
          <span>Card on the chart, by finish day</span>
          <input
            type="range"
            min={1}
            max={charts.finished.length}
            value={(shown ?? 0) + 1}
            aria-valuetext={card ? `${card.cardId}, ${formatDay(card.finishDay)}` : undefined}
            onInput={(event) => show(Number(event.currentTarget.value) - 1)}
          />
        </label>
      )}
      <p class="point" aria-live="polite">
        {card
          ? `Card ${card.cardId}${card.title ? ` “${card.title}”` : ''}: finished ${formatDay(card.finishDay)}, ${card.cycleTime} ${card.cycleTime === 1 ? 'day' : 'days'}.`
          : 'Point at a dot, or move the slider, to see its card.'}
      </p>
    </ChartPanel>
  );
}

function Forecasts({
  boardId,
  charts,
  fileName,
}: {
  boardId: string;
  charts: FlowCharts;
  fileName: string;
}) {
  const [cards, setCards] = useState(10);
  const [byDay, setByDay] = useState(charts.today + 30);
  const question = { cards, byDay };
  const forecasts = useMemo(
    () => flowForecasts(charts.throughputByDay, question, charts.today),
    [charts.throughputByDay, charts.today, cards, byDay],
  );
  const table = () => forecastTable(forecasts, question);
  return (
    <ChartPanel
      id={`forecast-${boardId}`}
      title="Forecasts"
      fileName={fileName}
      table={table}
      definition={
        <p>
          Monte Carlo: {FORECAST_TRIALS.toLocaleString('en')} trials, each drawing for every day
          from tomorrow the cards finished on a random day of the throughput shown above (
          {forecasts.historyDays} days, quiet days included), seeded ({FORECAST_SEED}) so the same
          history gives the same answer. “Done by” at 85% means 85% of trials had finished by then;
          “cards done” at 85% means 85% of trials finished at least that many.
        </p>
      }
      controls={
        <div class="questions">
          <label>
            <span>Cards to finish</span>
            <input
              type="number"
              min={1}
              max={10000}
              value={cards}
              onChange={(event) => {
                const value = Number(event.currentTarget.value);
                if (Number.isInteger(value) && value >= 1 && value <= 10_000) setCards(value);
              }}
            />
          </label>
          <label>
            <span>By date</span>
            <input
              type="date"
              value={formatDay(byDay)}
              min={formatDay(charts.today)}
              onChange={(event) => {
                const day = dayOfDate(event.currentTarget.value);
                if (day !== null && day >= charts.today) setByDay(day);
              }}
            />
          </label>
        </div>
      }
    />
  );
}
