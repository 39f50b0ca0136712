import { useEffect, useState } from 'preact/hooks';
import type { LoadBoardReports } from '@/lib/flow/boardReports';
import { FLOW_REPORTS } from '@/lib/flow/boardReports';
import { createDayCounter } from '@/lib/flow/calendarDays';
import type { FlowSettingsStore } from '@/lib/flow/flowSettingsStore';
import { type BoardState, FlowBoard } from './FlowBoard';
import './flow.css';

/** The page's state as the root's `data-flow-state` says it (tests and the bench wait for `ready`). */
export type PageState = 'loading' | 'computing' | 'ready' | 'failed';

/**
 * The "Flow charts" page: each board's charts, loaded and computed in this page (nothing leaves
 * the browser), and one polite live region saying how far it is; "Charts ready" when every chart
 * of every board is drawn.
 */
export function FlowPage({
  boardIds,
  load,
  store,
  boardTitles,
  now = Date.now(),
  timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone,
}: {
  boardIds: readonly string[];
  load: LoadBoardReports;
  store: FlowSettingsStore;
  /** Boards' titles by id (lib/flow/flowBoardTitles.ts); a board without one is named by its id. */
  boardTitles: () => Promise<ReadonlyMap<string, string>>;
  /** Epoch milliseconds of "today". */
  now?: number;
  timeZone?: string;
}) {
  const [states, setStates] = useState<Readonly<Record<string, BoardState>>>({});
  const [today] = useState(() => createDayCounter(timeZone)(now));
  const [titles, setTitles] = useState<ReadonlyMap<string, string>>(new Map());
  const page = pageState(boardIds.map((id) => states[id]));

  useEffect(() => {
    void boardTitles().then(setTitles, () => undefined);
  }, [boardTitles]);

  // The tab names the boards, once their titles are known.
  useEffect(() => {
    const named = boardIds.some((id) => titles.has(id));
    const boards = boardIds.map((id) => titles.get(id) ?? `Board ${id}`).join(', ');
    document.title = `Flow charts${named ? `: ${boards}` : ''} · LeanKit Exporter`;
  }, [titles, boardIds.join(',')]);

  return (
    <main class="flow" data-flow-state={boardIds.length === 0 ? 'failed' : page}>
      <h1>Flow charts</h1>
      <p class="visually-hidden" role="status">
        {boardIds.length === 0
          ? ''
          : statusSentence(
              page,
              boardIds.map((id) => states[id]),
            )}
      </p>
      {boardIds.length === 0 ? (
        <p class="error" role="alert">
          No board chosen. Open Flow charts from a board’s Export report menu, or choose boards in
          the toolbar popup first.
        </p>
      ) : (
        <p class="hint">
          Computed in this browser from the board’s Advanced Reporting data, which can lag up to 24
          hours behind the board. Nothing leaves your computer.
        </p>
      )}
      {boardIds.map((boardId) => (
        <FlowBoard
          key={boardId}
          boardId={boardId}
          boardTitle={titles.get(boardId)}
          load={load}
          store={store}
          today={today}
          timeZone={timeZone}
          onState={(state) => setStates((all) => ({ ...all, [boardId]: state }))}
        />
      ))}
    </main>
  );
}

function pageState(states: readonly (BoardState | undefined)[]): PageState {
  if (states.some((state) => state?.kind === 'failed')) return 'failed';
  if (states.some((state) => state === undefined || state.kind === 'loading')) return 'loading';
  if (states.some((state) => state?.kind === 'computing')) return 'computing';
  return 'ready';
}

function statusSentence(page: PageState, states: readonly (BoardState | undefined)[]): string {
  switch (page) {
    case 'ready':
      return 'Charts ready';
    case 'computing':
      return 'Computing the charts…';
    case 'failed':
      return 'The charts could not be drawn.';
    case 'loading': {
      const loading = states.find((state) => state?.kind === 'loading');
      const progress = loading?.kind === 'loading' ? loading.progress : null;
      return progress
        ? `Loading the board’s reports: ${progress.done} of ${FLOW_REPORTS.length} done…`
        : 'Loading the board’s reports…';
    }
  }
}
