import { render } from 'preact';
import { FlowPage } from '@/components/flow/FlowPage';
import { readFlowBoards } from '@/lib/flow/flowBoards';
import { loadFlowBoardTitles } from '@/lib/flow/flowBoardTitles';
import { storedFlowSettings } from '@/lib/flow/flowSettingsStore';
import { loadBoardReports } from '@/lib/flow/loadBoardReports';

/** The "Flow charts" page (flow.html?boards=1,2), opened from the popup or a board's menu. */
const root = document.getElementById('app');
if (root) {
  render(
    <FlowPage
      boardIds={readFlowBoards(location.search)}
      load={loadBoardReports}
      store={storedFlowSettings}
      boardTitles={loadFlowBoardTitles}
    />,
    root,
  );
}
