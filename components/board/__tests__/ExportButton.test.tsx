import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ButtonState } from '@/lib/board/buttonState';
import { FORMATS } from '@/lib/formats';
import { NO_ROW_MATCHED } from '@/lib/recipes/recipe';
import { REPORTS } from '@/lib/reports';
import { ExportButton, type ExportButtonProps } from '../ExportButton';
import { FORMAT_LABELS } from '../formatLabels';
import { userClick } from './userClick';

/** The board snapshot's two items, after the reports. */
const SNAPSHOTS = ['Board snapshot', 'Board snapshot as CSV (.zip)'];

const boardReports = REPORTS.filter((r) => r.boardScoped).map(({ id, label, description }) => ({
  id,
  label,
  description,
}));

function setup(state: ButtonState, change: Partial<ExportButtonProps> = {}) {
  const props: ExportButtonProps = {
    state,
    reports: boardReports,
    presets: [],
    spreadsheetHint: 'CSV and TAB are safe to open in Excel.',
    format: 'csv',
    onExport: vi.fn(),
    onExportPreset: vi.fn(),
    onFormat: vi.fn(),
    onSnapshot: vi.fn(),
    onShowFile: vi.fn(),
    onCancel: vi.fn(),
    onSignIn: vi.fn(),
    onOpenFlow: vi.fn(),
    ...change,
  };
  const { rerender } = render(<ExportButton {...props} />);
  return {
    ...props,
    /** Renders the same button in another state, as the board button does. */
    moveTo: (next: ButtonState) => rerender(<ExportButton {...props} state={next} />),
  };
}

const done = (change: Partial<Extract<ButtonState, { kind: 'done' }>> = {}): ButtonState => ({
  kind: 'done',
  jobId: 'j1',
  reportId: 'cards',
  empty: false,
  notes: [],
  ...change,
});

const menuButton = () => screen.getByRole('button', { name: 'More export options' });

afterEach(cleanup);

describe('ExportButton', () => {
  it('exports the board’s cards on one click when ready', () => {
    const props = setup({ kind: 'ready' }, { format: 'tab' });
    const main = screen.getByRole('button', { name: 'Export report' });
    expect(main.getAttribute('title')).toBe('Exports this board’s cards as TAB');
    userClick(main);
    expect(props.onExport).toHaveBeenCalledWith('cards');
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it.each<[string, ButtonState, string]>([
    ['loading', { kind: 'loading' }, 'Export report'],
    ['starting', { kind: 'starting' }, 'Starting export…'],
  ])('cannot be clicked while %s', (_name, state, label) => {
    const props = setup(state);
    const main = screen.getByRole('button', { name: label });
    expect(main.getAttribute('aria-disabled')).toBe('true');
    userClick(main);
    expect(props.onExport).not.toHaveBeenCalled();
    expect(screen.queryByRole('button', { name: 'More export options' })).toBeNull();
  });

  it.each<[string, ButtonState, string]>([
    ['ready', { kind: 'ready' }, 'Export report'],
    ['failed', { kind: 'failed', message: 'LeanKit had a problem.' }, 'Export report'],
    ['signed out', { kind: 'signed-out' }, 'Sign in to export'],
    ['done', done(), 'Done — show file'],
    ['running', { kind: 'running', jobId: 'j1', reportId: 'cards', bytes: 1 }, 'Cancel export'],
  ])('ignores clicks a page’s script makes when %s (untrusted)', (_name, state, label) => {
    const props = setup(state);
    const control = screen.getByRole('button', { name: label });
    control.click();
    fireEvent.click(control);
    for (const callback of [props.onExport, props.onSignIn, props.onShowFile, props.onCancel]) {
      expect(callback).not.toHaveBeenCalled();
    }
  });

  it('ignores a page’s script clicking through the menu: it neither opens nor exports', () => {
    const props = setup({ kind: 'ready' });
    menuButton().click();
    expect(screen.queryByRole('menu')).toBeNull();
    userClick(menuButton());
    fireEvent.click(screen.getByRole('menuitemradio', { name: 'JSON' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Lanes' }));
    expect(props.onFormat).not.toHaveBeenCalled();
    expect(props.onExport).not.toHaveBeenCalled();
    expect(screen.getByRole('menu')).toBeTruthy();
  });

  it('shows progress in bytes and offers Cancel while running', () => {
    const props = setup({ kind: 'running', jobId: 'j1', reportId: 'cards', bytes: 12_300 });
    const main = screen.getByRole('button', { name: 'Exporting… 12 KB' });
    expect(main.getAttribute('aria-disabled')).toBe('true');
    userClick(main);
    expect(props.onExport).not.toHaveBeenCalled();
    expect(screen.getByRole('status').textContent).toBe('Exporting report…');
    userClick(screen.getByRole('button', { name: 'Cancel export' }));
    expect(props.onCancel).toHaveBeenCalledOnce();
  });

  it('shows and announces which report a board snapshot is fetching', () => {
    const step = { label: 'Lanes', number: 3, count: 12 };
    setup({ kind: 'running', jobId: 'j1', reportId: 'snapshot', bytes: 12_300, step });
    expect(screen.getByRole('button', { name: 'Lanes (3 of 12)… 12 KB' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Board snapshot: Lanes (3 of 12)…');
  });

  it('offers to show the file when done', () => {
    const props = setup(done());
    userClick(screen.getByRole('button', { name: 'Done — show file' }));
    expect(props.onShowFile).toHaveBeenCalledOnce();
    expect(props.onExport).not.toHaveBeenCalled();
    expect(menuButton()).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Done — show file');
  });

  it.each([
    ['cards', 'No rows: this board has no cards you can see'],
    ['lanes', 'No rows: this board has no lanes you can see'],
    ['cards-blockedhistory', 'No rows: this board has no blocked history you can see'],
  ])('says a %s export has no rows, and still shows its file', (reportId, sentence) => {
    const props = setup(done({ reportId, empty: true }));
    userClick(screen.getByRole('button', { name: 'No rows — show file' }));
    expect(props.onShowFile).toHaveBeenCalledOnce();
    expect(screen.queryByRole('button', { name: 'Done — show file' })).toBeNull();
    expect(screen.getByRole('status').textContent).toBe(sentence);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(menuButton()).toBeTruthy();
  });

  it('says the filters kept no row, rather than that the board has none', () => {
    setup(done({ empty: true, notes: [NO_ROW_MATCHED] }));
    expect(screen.getByRole('button', { name: 'No rows — show file' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(NO_ROW_MATCHED);
    expect(screen.queryByText(NO_ROW_MATCHED, { selector: 'p.message' })).toBeNull();
  });

  it('shows and announces what the user should know about the file', () => {
    const note = 'LeanKit no longer serves the column “cardSize”; it was left out.';
    setup(done({ notes: [note] }));
    expect(screen.getByText(note, { selector: 'p.message' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe(`Done — show file ${note}`);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says what went wrong, in an alert, and can try again', () => {
    const props = setup({
      kind: 'failed',
      message: 'LeanKit had a problem answering (error 503).',
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'LeanKit had a problem answering (error 503).',
    );
    expect(screen.getByRole('status').textContent).toBe('');
    userClick(screen.getByRole('button', { name: 'Export report' }));
    expect(props.onExport).toHaveBeenCalledWith('cards');
  });

  it.each<[string, ButtonState, string | null]>([
    ['signed out', { kind: 'signed-out' }, null],
    [
      'expired',
      { kind: 'signed-out', message: 'Your LeanKit session expired. Sign in again to continue.' },
      'Your LeanKit session expired. Sign in again to continue.',
    ],
  ])('offers sign-in when %s, and never asks for a password', (_name, state, alert) => {
    const props = setup(state);
    userClick(screen.getByRole('button', { name: 'Sign in to export' }));
    expect(props.onSignIn).toHaveBeenCalledOnce();
    expect(props.onExport).not.toHaveBeenCalled();
    expect(screen.queryByRole('alert')?.textContent ?? null).toBe(alert);
    expect(document.querySelector('input')).toBeNull();
    expect(screen.queryByRole('button', { name: 'More export options' })).toBeNull();
  });
});

describe('focus', () => {
  const running = (bytes: number): ButtonState => ({
    kind: 'running',
    jobId: 'j1',
    reportId: 'cards',
    bytes,
  });

  it('stays on the same main button from Export through running to Done, No rows and back', () => {
    const button = setup({ kind: 'ready' });
    const main = screen.getByRole('button', { name: 'Export report' });
    main.focus();
    for (const next of [
      { kind: 'starting' },
      running(0),
      running(4_096),
      done(),
      { kind: 'ready' },
      running(0),
      done({ empty: true }),
      { kind: 'starting' },
    ] satisfies ButtonState[]) {
      button.moveTo(next);
      expect(document.activeElement).toBe(main);
      expect(main.isConnected).toBe(true);
    }
  });

  it('moves to the main button when a menu choice starts an export', () => {
    const button = setup(done({ jobId: 'j0' }));
    userClick(menuButton());
    userClick(screen.getByRole('menuitem', { name: 'Lanes' }));
    button.moveTo({ kind: 'starting' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Starting export…' }));
    button.moveTo(running(10));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Exporting… 10 B' }));
  });

  it('moves to the main button when Cancel goes away', () => {
    const button = setup(running(10));
    screen.getByRole('button', { name: 'Cancel export' }).focus();
    button.moveTo({ kind: 'ready' });
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Export report' }));
  });

  it('is left where the user put it', async () => {
    const button = setup(running(10));
    const elsewhere = document.createElement('button');
    document.body.append(elsewhere);
    screen.getByRole('button', { name: 'Cancel export' }).focus();
    elsewhere.focus();
    await Promise.resolve();
    button.moveTo({ kind: 'ready' });
    expect(document.activeElement).toBe(elsewhere);
    elsewhere.remove();
  });
});

describe('the export menu', () => {
  it('lists every board report, the snapshots, Flow charts and the four formats', () => {
    setup({ kind: 'ready' }, { format: 'json' });
    expect(menuButton().getAttribute('aria-haspopup')).toBe('menu');
    expect(menuButton().getAttribute('aria-expanded')).toBe('false');
    userClick(menuButton());
    expect(menuButton().getAttribute('aria-expanded')).toBe('true');
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      ...REPORTS.filter((r) => r.boardScoped).map((r) => r.label),
      ...SNAPSHOTS,
      'Flow charts',
    ]);
    const formats = screen.getAllByRole('menuitemradio');
    expect(formats.map((item) => [item.textContent, item.getAttribute('aria-checked')])).toEqual([
      ['CSV', 'false'],
      ['TAB', 'false'],
      ['JSON', 'true'],
      ['XLSX', 'false'],
    ]);
  });

  it('opens the board’s Flow charts on the user’s own click, and closes', () => {
    const props = setup({ kind: 'ready' });
    userClick(menuButton());
    userClick(screen.getByRole('menuitem', { name: 'Flow charts' }));
    expect(props.onOpenFlow).toHaveBeenCalledOnce();
    expect(props.onExport).not.toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it('says under the formats which are safe to open in a spreadsheet, and each format is described by it', () => {
    setup({ kind: 'ready' }, { spreadsheetHint: 'CSV and TAB are safe to open in Excel.' });
    userClick(menuButton());
    const hint = screen.getByText('CSV and TAB are safe to open in Excel.');
    expect(screen.getByRole('group', { name: 'Format' }).contains(hint)).toBe(true);
    for (const format of screen.getAllByRole('menuitemradio')) {
      expect(document.getElementById(format.getAttribute('aria-describedby') ?? '')).toBe(hint);
    }
  });

  it('exports the chosen report, and picks formats without closing', () => {
    const props = setup({ kind: 'ready' });
    userClick(menuButton());
    userClick(screen.getByRole('menuitemradio', { name: 'TAB' }));
    expect(props.onFormat).toHaveBeenCalledWith('tab');
    expect(screen.getByRole('menu')).toBeTruthy();
    userClick(screen.getByRole('menuitem', { name: 'Lanes' }));
    expect(props.onExport).toHaveBeenCalledWith('lanes');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it.each([
    ['Board snapshot', 'xlsx'],
    ['Board snapshot as CSV (.zip)', 'csv-zip'],
  ])('offers "%s", every report of the board in one file', (name, output) => {
    const props = setup({ kind: 'ready' });
    userClick(menuButton());
    userClick(screen.getByRole('menuitem', { name }));
    expect(props.onSnapshot).toHaveBeenCalledWith(output);
    expect(props.onExport).not.toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it('offers each preset after the reports, and exports with the chosen one', () => {
    const weekly = { id: 'p1', name: 'Weekly', reportId: 'cards', format: 'tab' as const };
    const props = setup({ kind: 'ready' }, { presets: [weekly] });
    userClick(menuButton());
    expect(screen.getAllByRole('menuitem').map((item) => item.textContent)).toEqual([
      ...boardReports.map((report) => report.label),
      ...SNAPSHOTS,
      'Export with preset: Weekly',
      'Flow charts',
    ]);
    userClick(screen.getByRole('menuitem', { name: 'Export with preset: Weekly' }));
    expect(props.onExportPreset).toHaveBeenCalledWith(weekly);
    expect(props.onExport).not.toHaveBeenCalled();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton());
  });

  it('works from the keyboard: arrows open and move, Escape closes', async () => {
    setup({ kind: 'ready' });
    fireEvent.keyDown(menuButton(), { key: 'ArrowDown' });
    const items = () => [
      ...screen.getAllByRole('menuitem'),
      ...screen.getAllByRole('menuitemradio'),
    ];
    await vi.waitFor(() => expect(document.activeElement).toBe(items()[0]));
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(items()[1]);
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    fireEvent.keyDown(document.activeElement as Element, { key: 'ArrowUp' });
    expect(document.activeElement?.textContent).toBe('XLSX');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Home' });
    expect(document.activeElement).toBe(items()[0]);
    fireEvent.keyDown(document.activeElement as Element, { key: 'End' });
    expect(document.activeElement?.textContent).toBe('XLSX');
    fireEvent.keyDown(document.activeElement as Element, { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(menuButton());

    fireEvent.keyDown(menuButton(), { key: 'ArrowUp' });
    await vi.waitFor(() => expect(document.activeElement?.textContent).toBe('XLSX'));
  });
});

it('names the formats as the catalogue does', () => {
  expect(FORMAT_LABELS).toEqual(
    Object.fromEntries(Object.entries(FORMATS).map(([id, format]) => [id, format.label])),
  );
});
