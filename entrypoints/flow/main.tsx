import { render } from 'preact';
import { FlowPage } from '@/components/flow/FlowPage';
import { readFlowBoards } from '@/lib/flow/flowBoards';
import { loadFlowBoardTitles } from '@/lib/flow/flowBoardTitles';
import { storedFlowSettings } from '@/lib/flow/flowSettingsStore';
import { loadBoardReports } from '@/lib/flow/loadBoardReports';
import { preloadBoardReports } from '@/lib/flow/preloadBoardReports';

/** The "Flow charts" page (flow.html?boards=1,2), opened from the popup or a board's menu. */
const boardIds = readFlowBoards(location.search);
// The reports start loading before the page is drawn.
const load = preloadBoardReports(loadBoardReports, boardIds);
const root = document.getElementById('app');
if (root) {
  render(
    <FlowPage
      boardIds={boardIds}
      load={load}
      store={storedFlowSettings}
      boardTitles={loadFlowBoardTitles}
    />,
    root,
  );
}
