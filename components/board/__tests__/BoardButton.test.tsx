import { act, cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { BoardJob, BoardState, TabMessage } from '@/lib/board/protocol';
import type { Message } from '@/lib/messaging';
import { BoardButton } from '../BoardButton';
import { userClick } from './userClick';

const job = (change: Partial<BoardJob> = {}): BoardJob => ({
  id: 'j1',
  boardId: '101',
  reportId: 'cards',
  format: 'json',
  state: 'running',
  bytes: 0,
  ...change,
});

/** Answers the button's messages as the background would, and records them. */
function background(state: Partial<BoardState> = {}) {
  const sent: Message[] = [];
  const answers: Record<string, unknown> = {
    boardState: {
      signedIn: true,
      job: null,
      defaultFormat: 'json',
      reports: [{ id: 'cards', label: 'Cards', description: 'Every card.' }],
      spreadsheetHint: 'CSV and TAB are safe to open in Excel.',
      presets: [],
      ...state,
    },
    boardExport: { ok: true, value: { jobId: 'j1' } },
    boardShowFile: { ok: true, value: null },
    boardCancel: null,
    boardSignIn: null,
  };
  vi.spyOn(fakeBrowser.runtime, 'sendMessage').mockImplementation((async (message: Message) => {
    sent.push(message);
    return answers[message.type];
  }) as typeof fakeBrowser.runtime.sendMessage);
  return { sent, answers };
}

async function push(message: TabMessage) {
  await act(async () => {
    await fakeBrowser.runtime.onMessage.trigger(
      message,
      { id: fakeBrowser.runtime.id },
      () => undefined,
    );
  });
}

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('BoardButton', () => {
  it('exports in the default format and follows the job the background reports', async () => {
    const { sent } = background();
    render(<BoardButton boardId="101" />);
    userClick(await screen.findByRole('button', { name: 'Export report' }));
    await screen.findByRole('button', { name: 'Exporting… 0 B' });
    expect(sent.map((m) => m.type)).toEqual(['boardState', 'boardExport']);
    expect(sent[1]?.data).toEqual({ boardId: '101', reportId: 'cards', format: 'json' });

    await push({ type: 'boardJobUpdate', job: job({ bytes: 4_200 }) });
    expect(screen.getByRole('button', { name: 'Exporting… 4.2 KB' })).toBeTruthy();
    await push({
      type: 'boardJobUpdate',
      job: job({ id: 'other', boardId: '102', state: 'done' }),
    });
    expect(screen.getByRole('button', { name: 'Exporting… 4.2 KB' })).toBeTruthy();

    await push({ type: 'boardJobUpdate', job: job({ state: 'done' }) });
    userClick(screen.getByRole('button', { name: 'Done — show file' }));
    await screen.findByRole('button', { name: 'Export report' });
    expect(sent.at(-1)).toEqual({ type: 'boardShowFile', data: { jobId: 'j1' } });
  });

  it('says an export of this board found no rows, and still shows its file', async () => {
    const { sent } = background();
    render(<BoardButton boardId="101" />);
    userClick(await screen.findByRole('button', { name: 'Export report' }));
    await screen.findByRole('button', { name: 'Exporting… 0 B' });

    await push({ type: 'boardJobUpdate', job: job({ state: 'done', bytes: 80, empty: true }) });
    expect(screen.getByRole('status').textContent).toBe(
      'No rows: this board has no cards you can see',
    );
    userClick(screen.getByRole('button', { name: 'No rows — show file' }));
    await screen.findByRole('button', { name: 'Export report' });
    expect(sent.at(-1)).toEqual({ type: 'boardShowFile', data: { jobId: 'j1' } });
  });

  it('shows a running export again after the page reloads', async () => {
    background({ job: job({ bytes: 1_500 }) });
    render(<BoardButton boardId="101" />);
    await screen.findByRole('button', { name: 'Exporting… 1.5 KB' });
  });

  it('offers sign-in, and turns into the export button once signed in', async () => {
    const { sent, answers } = background({ signedIn: false });
    render(<BoardButton boardId="101" />);
    userClick(await screen.findByRole('button', { name: 'Sign in to export' }));
    expect(sent.at(-1)?.type).toBe('boardSignIn');

    answers.boardState = { ...(answers.boardState as BoardState), signedIn: true };
    await push({ type: 'boardSessionChanged' });
    await screen.findByRole('button', { name: 'Export report' });
  });

  it('shows the background’s word on which formats are safe in a spreadsheet, and asks again when told', async () => {
    const { answers } = background({ spreadsheetHint: 'Not safe in Excel as is.' });
    render(<BoardButton boardId="101" />);
    userClick(await screen.findByRole('button', { name: 'More export options' }));
    await screen.findByText('Not safe in Excel as is.');

    answers.boardState = { ...(answers.boardState as BoardState), spreadsheetHint: 'Safe now.' };
    await push({ type: 'boardSessionChanged' });
    await screen.findByText('Safe now.');
  });

  it('exports with a preset in its own format, and asks for the presets again when told', async () => {
    const { sent, answers } = background({
      presets: [{ id: 'p1', name: 'Weekly', reportId: 'cards', format: 'tab' }],
    });
    render(<BoardButton boardId="101" />);
    userClick(await screen.findByRole('button', { name: 'More export options' }));
    userClick(await screen.findByRole('menuitem', { name: 'Export with preset: Weekly' }));
    await screen.findByRole('button', { name: 'Exporting… 0 B' });
    expect(sent.at(-1)).toEqual({
      type: 'boardExport',
      data: { boardId: '101', reportId: 'cards', format: 'tab', presetId: 'p1' },
    });

    await push({ type: 'boardJobUpdate', job: job({ state: 'done' }) });
    answers.boardState = {
      ...(answers.boardState as BoardState),
      presets: [{ id: 'p2', name: 'Monthly', reportId: 'lanes', format: 'csv' }],
    };
    await push({ type: 'boardSessionChanged' });
    userClick(screen.getByRole('button', { name: 'More export options' }));
    await screen.findByRole('menuitem', { name: 'Export with preset: Monthly' });
    expect(screen.queryByRole('menuitem', { name: 'Export with preset: Weekly' })).toBeNull();
  });

  it('shows the background’s refusal', async () => {
    const { answers } = background();
    answers.boardExport = {
      ok: false,
      error: { kind: 'bad-request', message: 'This tab no longer shows that board.' },
    };
    render(<BoardButton boardId="101" />);
    userClick(await screen.findByRole('button', { name: 'Export report' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This tab no longer shows that board.',
    );
  });

  it('stops listening when removed', async () => {
    background();
    const { unmount } = render(<BoardButton boardId="101" />);
    await screen.findByRole('button', { name: 'Export report' });
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(true);
    await act(() => {
      unmount();
    });
    expect(fakeBrowser.runtime.onMessage.hasListeners()).toBe(false);
  });
});
