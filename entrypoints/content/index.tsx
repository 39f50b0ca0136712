import { browser } from 'wxt/browser';
import { mountBoardButton } from '@/components/board/mountBoardButton';
import { createBoardButtonController } from '@/lib/board/boardButtonController';
import { answerNotFoundQuestion, showsBoardNotFound } from '@/lib/board/boardNotFound';
import { watchPageRedraws } from '@/lib/board/pageRedraws';
import './style.css';

/** The "Export report" button on LeanKit board pages (issue 5). */
export default defineContentScript({
  matches: ['https://*.leankit.com/*'],
  cssInjectionMode: 'ui',
  main(ctx) {
    const controller = createBoardButtonController({
      mount: (board) => mountBoardButton(ctx, board),
      showsNotFound: () => showsBoardNotFound(document),
      // The page must keep working whatever happens to the button.
      onError: (cause) => console.debug('LeanKit Exporter: board button not shown', cause),
    });
    void controller.follow(location.href);
    ctx.addEventListener(window, 'wxt:locationchange', ({ newUrl }) => {
      void controller.follow(newUrl.href);
    });
    const stopWatching = watchPageRedraws(document.documentElement, () => {
      void controller.recheck(location.href);
    });
    // The keyboard shortcut is handled in the background, which asks us whether to export here.
    const answerNotFound = answerNotFoundQuestion(document);
    browser.runtime.onMessage.addListener(answerNotFound);
    ctx.onInvalidated(() => {
      browser.runtime.onMessage.removeListener(answerNotFound);
      stopWatching();
      void controller.remove();
    });
  },
});
