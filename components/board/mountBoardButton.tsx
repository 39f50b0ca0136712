import { render } from 'preact';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import type { MountedBoardButton } from '@/lib/board/boardButtonController';
import type { BoardLocation } from '@/lib/board/boardUrl';
import { findPlacement } from '@/lib/board/placement';
import { BoardButton } from './BoardButton';

/**
 * Puts the board button on the page inside its own shadow root, so LeanKit's styles and ours never
 * mix: after the board title when there is one, otherwise floating in the bottom corner.
 */
export async function mountBoardButton(
  ctx: ContentScriptContext,
  board: BoardLocation,
): Promise<MountedBoardButton> {
  const placement = findPlacement(document);
  let container: HTMLElement | undefined;
  const show = (next: BoardLocation) => {
    if (container) render(<BoardButton key={next.boardId} boardId={next.boardId} />, container);
  };
  const ui = await createShadowRootUi(ctx, {
    name: 'leankit-exporter-button',
    position: 'inline',
    ...(placement.kind === 'header'
      ? { anchor: placement.after, append: 'after' as const }
      : { anchor: 'body', append: 'last' as const }),
    // Keys typed in our menu must not reach LeanKit's own keyboard shortcuts.
    isolateEvents: ['keydown', 'keyup', 'keypress'],
    onMount(uiContainer) {
      container = document.createElement('div');
      container.className = placement.kind;
      uiContainer.append(container);
      show(board);
      return container;
    },
    onRemove(mounted) {
      if (mounted) render(null, mounted);
    },
  });
  ui.mount();
  return {
    show,
    isWellPlaced: () =>
      ui.shadowHost.isConnected &&
      (placement.kind === 'header' || findPlacement(document).kind === 'floating'),
    remove: () => ui.remove(),
  };
}
