import { describe, expect, it } from 'vitest';
import { createBoardButtonController, type MountedBoardButton } from '../boardButtonController';
import type { BoardLocation } from '../boardUrl';

/** Records what the controller does to the page, one line per effect. */
function setup({ failMount = false } = {}) {
  const page = { notFound: false };
  const log: string[] = [];
  const errors: unknown[] = [];
  const buttons: { attached: boolean }[] = [];
  const controller = createBoardButtonController({
    mount: async (board: BoardLocation) => {
      if (failMount) throw new Error('no shadow root here');
      const state = { attached: true };
      buttons.push(state);
      log.push(`mount ${board.boardId}`);
      const button: MountedBoardButton = {
        show: (next) => void log.push(`show ${next.boardId}`),
        isWellPlaced: () => state.attached,
        remove: () => {
          state.attached = false;
          log.push('remove');
        },
      };
      return button;
    },
    showsNotFound: () => page.notFound,
    onError: (cause) => void errors.push(cause),
  });
  return { controller, log, errors, buttons, page };
}

const board = (id: string) => `https://acme.leankit.com/board/${id}`;

describe('createBoardButtonController', () => {
  it.each([
    ['a board page', [board('1')], ['mount 1']],
    ['a page that is no board', ['https://acme.leankit.com/'], []],
    [
      'moving between boards',
      [board('1'), board('2'), board('2')],
      ['mount 1', 'show 2', 'show 2'],
    ],
    [
      'leaving the boards',
      [board('1'), 'https://acme.leankit.com/settings'],
      ['mount 1', 'remove'],
    ],
    [
      'coming back',
      [board('1'), 'https://acme.leankit.com/', board('3')],
      ['mount 1', 'remove', 'mount 3'],
    ],
    ['a card opened on the board', [board('1'), `${board('1')}/card/9`], ['mount 1', 'show 1']],
  ])('%s', async (_name, urls, expected) => {
    const { controller, log } = setup();
    for (const url of urls) await controller.follow(url);
    expect(log).toEqual(expected);
  });

  it('never mounts twice, however fast the URLs change', async () => {
    const { controller, log } = setup();
    await Promise.all([board('1'), board('2'), board('3')].map((url) => controller.follow(url)));
    expect(log).toEqual(['mount 1', 'show 2', 'show 3']);
  });

  it('mounts again when the page threw the button away', async () => {
    const { controller, log, buttons } = setup();
    await controller.follow(board('1'));
    const [first] = buttons;
    if (first) first.attached = false;
    await controller.follow(board('2'));
    expect(log).toEqual(['mount 1', 'remove', 'mount 2']);
  });

  it('on a redraw without navigation, mounts again only when the button is gone or misplaced', async () => {
    const { controller, log, buttons } = setup();
    await controller.recheck('https://acme.leankit.com/');
    expect(log).toEqual([]);
    await controller.follow(board('1'));
    await controller.recheck(board('1'));
    expect(log).toEqual(['mount 1']);
    const [first] = buttons;
    if (first) first.attached = false;
    await controller.recheck(board('1'));
    await controller.recheck(board('1'));
    expect(log).toEqual(['mount 1', 'remove', 'mount 1']);
  });

  it('on a redraw, follows a URL change it was not told of yet', async () => {
    const { controller, log } = setup();
    await controller.follow(board('1'));
    await controller.recheck(board('2'));
    await controller.follow(board('2'));
    await controller.recheck(board('2'));
    await controller.recheck('https://acme.leankit.com/');
    expect(log).toEqual(['mount 1', 'show 2', 'show 2', 'remove']);
  });

  it('on a redraw, mounts a button whose first mount failed', async () => {
    let fail = true;
    const log: string[] = [];
    const controller = createBoardButtonController({
      mount: async (where) => {
        if (fail) throw new Error('not yet');
        log.push(`mount ${where.boardId}`);
        return { show: () => undefined, isWellPlaced: () => true, remove: () => undefined };
      },
      showsNotFound: () => false,
      onError: () => undefined,
    });
    await controller.follow(board('1'));
    fail = false;
    await controller.recheck(board('1'));
    expect(log).toEqual(['mount 1']);
  });

  it('stops retrying a failing mount on redraws after three tries, and tries again on navigation', async () => {
    const { controller, errors } = setup({ failMount: true });
    await controller.follow(board('1'));
    for (let i = 0; i < 5; i++) await controller.recheck(board('1'));
    expect(errors).toHaveLength(3);
    await controller.follow(board('2'));
    expect(errors).toHaveLength(4);
  });

  it('offers no button on a board page that says the board is not found', async () => {
    const { controller, log, page } = setup();
    page.notFound = true;
    await controller.follow(board('404'));
    await controller.recheck(board('404'));
    expect(log).toEqual([]);
  });

  it('on a redraw, removes the button when the app draws its not-found view, and mounts it when a board follows', async () => {
    const { controller, log, page } = setup();
    // The app changes the URL first and draws the view that goes with it a moment later.
    await controller.follow(board('1'));
    await controller.follow(board('404'));
    page.notFound = true;
    await controller.recheck(board('404'));
    await controller.recheck(board('404'));
    expect(log).toEqual(['mount 1', 'show 404', 'remove']);

    await controller.follow(board('2'));
    expect(log).toEqual(['mount 1', 'show 404', 'remove']);
    page.notFound = false;
    await controller.recheck(board('2'));
    await controller.recheck(board('2'));
    expect(log).toEqual(['mount 1', 'show 404', 'remove', 'mount 2']);
  });

  it('removes the button when the content script stops', async () => {
    const { controller, log } = setup();
    await controller.follow(board('1'));
    await controller.remove();
    expect(log).toEqual(['mount 1', 'remove']);
  });

  it('reports a failure instead of throwing into the page, and keeps following', async () => {
    const { controller, errors } = setup({ failMount: true });
    await expect(controller.follow(board('1'))).resolves.toBeUndefined();
    await expect(controller.follow(board('2'))).resolves.toBeUndefined();
    expect(errors).toHaveLength(2);
  });
});
