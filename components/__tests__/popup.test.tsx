import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { spreadsheetSafetyHint } from '@/lib/csv/spreadsheetSafety';
import type { ExportJob } from '@/lib/jobs/jobRecords';
import type { SessionInfo } from '@/lib/messaging';
import type { RecentDownload } from '@/lib/recentDownloads';
import { REPORTS } from '@/lib/reports';
import {
  boardSelectionItem,
  defaultFormatItem,
  excelFriendlyCsvItem,
  jobsItem,
  recentDownloadsItem,
  rememberedLoginItem,
  sessionExpiredItem,
} from '@/lib/storage/items';
import { App } from '../App';
import { MAX_LISTED_BOARDS } from '../BoardPicker';
import { answerMessages } from './sendMessageMock';

vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/messaging')>()),
  sendMessage: vi.fn(),
}));

const DANA: SessionInfo = {
  origin: 'https://acme.leankit.com',
  accountName: 'acme',
  email: 'demo@acme.test',
  name: 'Dana Demo',
};
const BOARDS = [
  { id: '101', title: 'Sprint Board' },
  { id: '102', title: 'Ops Board' },
];
const signedIn = {
  getSession: () => DANA,
  listBoards: () => ({ ok: true as const, value: { boards: BOARDS, complete: true } }),
  startExport: () => ({ ok: true as const, value: { jobId: 'j1' } }),
  cancelExport: () => null,
  showDownload: () => ({ ok: true as const, value: null }),
  signOut: () => null,
};

function job(change: Partial<ExportJob> & Record<string, unknown>): ExportJob {
  return {
    id: 'j1',
    reportId: 'cards',
    format: 'csv',
    boardIds: [],
    accountName: 'acme',
    fileName: 'leankit-acme-cards-all-20261127-1405.csv',
    state: 'running',
    bytes: 0,
    startedAt: Date.now(),
    ...change,
  } as ExportJob;
}

function recent(change: Partial<RecentDownload>): RecentDownload {
  return {
    jobId: 'r1',
    reportId: 'cards',
    format: 'csv',
    boardIds: [],
    accountName: 'acme',
    state: 'done',
    bytes: 2_100_000,
    fileName: 'leankit-acme-cards-all-20261127-1405.csv',
    startedAt: Date.now(),
    finishedAt: Date.now(),
    downloadId: 7,
    ...change,
  };
}

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(cleanup);

describe('popup, signing in on a company’s own AgilePlace address', () => {
  function signInAt(account: string) {
    fireEvent.input(screen.getByLabelText('Account'), { target: { value: account } });
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'demo@acme.test' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.submit(
      screen.getByRole('button', { name: 'Sign in' }).closest('form') as HTMLFormElement,
    );
  }

  it('asks the browser for that host inside the click, and explains a refusal plainly', async () => {
    const request = vi.fn(async () => false);
    fakeBrowser.permissions.request = request;
    const asked = answerMessages({ getSession: () => null });
    render(<App />);
    await screen.findByLabelText('Account');
    signInAt('https://boards.example.com/board/7');
    // Synchronously, within the submit event: the browser prompts only during a user gesture.
    expect(request).toHaveBeenCalledWith({ origins: ['https://boards.example.com/*'] });

    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^LeanKit Exporter needs your permission to talk to boards\.example\.com\./,
    );
    expect(asked.map((m) => m.type)).toEqual(['getSession']);
  });

  it('signs in once the user allows the host; leankit.com never prompts', async () => {
    const request = vi.fn(async () => true);
    fakeBrowser.permissions.request = request;
    const asked = answerMessages({
      getSession: () => null,
      signIn: () => ({ ok: true, value: { ...DANA, origin: 'https://boards.example.com' } }),
    });
    render(<App />);
    await screen.findByLabelText('Account');
    signInAt('boards.example.com');
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(asked.find((m) => m.type === 'signIn')?.data).toMatchObject({
      account: 'boards.example.com',
    });

    cleanup();
    request.mockClear();
    answerMessages({ getSession: () => null, signIn: () => ({ ok: true, value: DANA }) });
    render(<App />);
    await screen.findByLabelText('Account');
    signInAt('acme.leankit.com');
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(request).not.toHaveBeenCalled();
  });
});

describe('popup, signed out', () => {
  it('asks for account, email and password, filled in from last time, never the password', async () => {
    await rememberedLoginItem.setValue({ account: 'acme.leankit.com', email: 'demo@acme.test' });
    answerMessages({ getSession: () => null });
    render(<App />);
    await waitFor(() =>
      expect(screen.getByLabelText('Account')).toHaveProperty('value', 'acme.leankit.com'),
    );
    expect(screen.getByLabelText('Email')).toHaveProperty('value', 'demo@acme.test');
    expect(screen.getByLabelText('Password')).toHaveProperty('value', '');
    expect(screen.getByLabelText('Password')).toHaveProperty('type', 'password');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('is busy while signing in, then shows the signed-in view', async () => {
    let finish: (value: { ok: true; value: SessionInfo }) => void = () => {};
    const asked = answerMessages({
      ...signedIn,
      getSession: () => null,
      signIn: () => new Promise((resolve) => (finish = resolve)) as never,
    });
    render(<App />);
    fireEvent.input(await screen.findByLabelText('Account'), { target: { value: 'acme' } });
    fireEvent.input(screen.getByLabelText('Email'), { target: { value: 'demo@acme.test' } });
    fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'pw' } });
    fireEvent.submit(
      screen.getByRole('button', { name: 'Sign in' }).closest('form') as HTMLFormElement,
    );

    const busy = await screen.findByRole('button', { name: 'Signing in…' });
    // Marked busy, not disabled: a disabled button would drop the focus to the page.
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    expect(asked.find((m) => m.type === 'signIn')?.data).toEqual({
      account: 'acme',
      email: 'demo@acme.test',
      password: 'pw',
    });
    finish({ ok: true, value: DANA });
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(screen.getByText('Dana Demo')).toBeTruthy();
  });

  it.each([
    [
      'bad-account',
      'LeanKit addresses must start with https:// so your password travels encrypted.',
    ],
    [
      'network',
      'Could not reach acme.leankit.com. Check the account name and your internet connection.',
    ],
    [
      'forbidden',
      'This LeanKit account does not include Advanced Reporting, or your user may not use it.',
    ],
    ['server', 'LeanKit had a problem answering. Try again in a few minutes.'],
  ] as const)('shows a %s failure in the background’s words', async (kind, message) => {
    answerMessages({
      getSession: () => null,
      signIn: () => ({ ok: false, error: { kind, message } }),
    });
    render(<App />);
    fireEvent.submit((await screen.findByLabelText('Account')).closest('form') as HTMLFormElement);
    expect((await screen.findByRole('alert')).textContent).toBe(message);
    expect(screen.getByRole('button', { name: 'Sign in' })).toHaveProperty('disabled', false);
  });

  it('after wrong credentials, says to check the account too and puts the focus on the password', async () => {
    answerMessages({
      getSession: () => null,
      signIn: () => ({
        ok: false,
        error: { kind: 'bad-credentials', message: 'Login failed: email or password is incorrect' },
      }),
    });
    render(<App />);
    fireEvent.input(await screen.findByLabelText('Account'), { target: { value: 'acmee' } });
    const signIn = screen.getByRole('button', { name: 'Sign in' });
    signIn.focus();
    fireEvent.submit(signIn.closest('form') as HTMLFormElement);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Login failed: email or password is incorrect',
    );
    const password = screen.getByLabelText('Password');
    expect(document.activeElement).toBe(password);
    const described = (password.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual([
      'Login failed: email or password is incorrect',
      'Check that acmee is the right account, as well as the email and password.',
    ]);
  });

  it('puts the focus on the account when the account is the problem', async () => {
    answerMessages({
      getSession: () => null,
      signIn: () => ({ ok: false, error: { kind: 'bad-account', message: 'No such account.' } }),
    });
    render(<App />);
    fireEvent.submit((await screen.findByLabelText('Account')).closest('form') as HTMLFormElement);
    await screen.findByRole('alert');
    expect(document.activeElement).toBe(screen.getByLabelText('Account'));
  });

  it.each([
    [null, 'Account'],
    [{ account: 'acme.leankit.com', email: 'demo@acme.test' }, 'Password'],
    [{ account: 'acme.leankit.com', email: '' }, 'Email'],
  ])('with %j remembered, focuses the %s field first', async (remembered, field) => {
    await rememberedLoginItem.setValue(remembered);
    answerMessages({ getSession: () => null });
    render(<App />);
    const input = await screen.findByLabelText(field);
    await waitFor(() => expect(document.activeElement).toBe(input));
  });

  it('says where a token comes from in token mode', async () => {
    answerMessages({ getSession: () => null });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Use an existing token' }));
    const hint = screen.getByText(/Advanced Reporting sign-in gives out/);
    expect(hint.textContent).toMatch(/ask your LeanKit administrator/);
    expect(screen.getByLabelText('Token').getAttribute('aria-describedby')).toBe(hint.id);
  });

  it('signs in with an existing token instead of a password', async () => {
    const asked = answerMessages({
      ...signedIn,
      getSession: () => null,
      signInWithToken: () => ({ ok: true, value: DANA }),
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Use an existing token' }));
    expect(screen.queryByLabelText('Email')).toBeNull();
    expect(screen.queryByLabelText('Password')).toBeNull();
    fireEvent.input(screen.getByLabelText('Account'), { target: { value: 'acme' } });
    fireEvent.input(screen.getByLabelText('Token'), { target: { value: 'eyJ.a.b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use token' }));
    expect(await screen.findByRole('button', { name: 'Sign out' })).toBeTruthy();
    expect(asked.find((m) => m.type === 'signInWithToken')?.data).toEqual({
      account: 'acme',
      token: 'eyJ.a.b',
    });
  });

  it('after the session expired, says so with account and email filled in', async () => {
    await rememberedLoginItem.setValue({ account: 'acme.leankit.com', email: 'demo@acme.test' });
    await sessionExpiredItem.setValue(true);
    answerMessages({ getSession: () => null });
    render(<App />);
    expect((await screen.findByRole('status')).textContent).toBe(
      'Your LeanKit session expired. Sign in again to continue.',
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Email')).toHaveProperty('value', 'demo@acme.test'),
    );
  });
});

describe('popup, signed in', () => {
  it('shows who, every report with its description and a Download button, the format, the board scope and the lag note', async () => {
    await defaultFormatItem.setValue('json');
    answerMessages(signedIn);
    render(<App />);
    await screen.findByRole('button', { name: 'Sign out' });
    expect(screen.getByText('acme')).toBeTruthy();
    for (const report of REPORTS) {
      expect(screen.getByRole('button', { name: `Download ${report.label}` })).toBeTruthy();
      expect(screen.getByText(report.description)).toBeTruthy();
    }
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'JSON' })).toHaveProperty('checked', true),
    );
    expect(screen.getByText('All boards')).toBeTruthy();
    expect(screen.getByText(/Reporting data can lag up to 24 hours/)).toBeTruthy();
    expect(screen.getByText('Nothing downloaded yet.')).toBeTruthy();
  });

  it('says under the formats which are safe to open in a spreadsheet, following the Excel-friendly setting', async () => {
    answerMessages(signedIn);
    render(<App />);
    const formats = await screen.findByRole('group', { name: 'Format' });
    const described = () =>
      document.getElementById(formats.getAttribute('aria-describedby') ?? '')?.textContent;
    await waitFor(() => expect(described()).toBe(spreadsheetSafetyHint(false)));
    await excelFriendlyCsvItem.setValue(true);
    await waitFor(() => expect(described()).toBe(spreadsheetSafetyHint(true)));
    expect(within(formats).getByText(spreadsheetSafetyHint(true))).toBeTruthy();
  });

  it('remembers the format and exports with the chosen boards', async () => {
    const asked = answerMessages(signedIn);
    render(<App />);
    fireEvent.click(await screen.findByRole('radio', { name: 'TAB' }));
    await waitFor(async () => expect(await defaultFormatItem.getValue()).toBe('tab'));

    fireEvent.click(screen.getByRole('button', { name: 'Choose boards' }));
    fireEvent.input(screen.getByLabelText('Find a board'), { target: { value: 'ops' } });
    expect(screen.queryByRole('checkbox', { name: 'Sprint Board' })).toBeNull();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Ops Board' }));
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(screen.getByRole('button', { name: 'Remove Ops Board' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Download Lanes' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download Boards' }));
    await waitFor(() =>
      expect(asked.filter((m) => m.type === 'startExport').map((m) => m.data)).toEqual([
        { reportId: 'lanes', format: 'tab', boardIds: ['102'] },
        // The boards report is not narrowed by board.
        { reportId: 'boards', format: 'tab', boardIds: [] },
      ]),
    );
  });

  it('lists at most 100 boards at a time and says how to find the others', async () => {
    const many = Array.from({ length: 250 }, (_, i) => ({
      id: String(1000 + i),
      title: `Team ${String(i).padStart(3, '0')}`,
    }));
    answerMessages({
      ...signedIn,
      listBoards: () => ({ ok: true as const, value: { boards: many, complete: true } }),
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Choose boards' }));
    const list = await screen.findByRole('list', { name: 'Boards to export' });
    expect(within(list).getAllByRole('checkbox')).toHaveLength(MAX_LISTED_BOARDS);
    expect(screen.getByText('Showing 100 of 250 boards. Type to find the others.')).toBeTruthy();

    fireEvent.input(screen.getByLabelText('Find a board'), { target: { value: 'team 24' } });
    expect(
      within(list)
        .getAllByRole('checkbox')
        .map((box) => box.parentElement?.textContent),
    ).toEqual([
      'Team 024',
      'Team 124',
      'Team 224',
      ...Array.from({ length: 10 }, (_, i) => `Team 24${i}`),
    ]);
    expect(screen.queryByText(/Showing/)).toBeNull();
    fireEvent.click(screen.getByRole('checkbox', { name: 'Team 249' }));
    expect(screen.getByRole('button', { name: 'Remove Team 249' })).toBeTruthy();
  });

  it('says when LeanKit sent only part of the board list, even when a search finds nothing', async () => {
    answerMessages({
      ...signedIn,
      listBoards: () => ({ ok: true as const, value: { boards: BOARDS, complete: false } }),
    });
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Choose boards' }));
    const note =
      'LeanKit sent only part of the board list (2 boards listed here). An export of All boards still includes every board.';
    expect((await screen.findByText(note)).getAttribute('role')).toBe('status');
    fireEvent.input(screen.getByLabelText('Find a board'), { target: { value: 'road map' } });
    expect(screen.getByText('No board matches “road map”.')).toBeTruthy();
    expect(screen.getByText(note).getAttribute('role')).toBe('status');
  });

  it('says nothing of the sort for a complete list', async () => {
    answerMessages(signedIn);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Choose boards' }));
    await screen.findByRole('list', { name: 'Boards to export' });
    expect(screen.queryByText(/only part of the board list/)).toBeNull();
  });

  it('preselects the board shown in the active tab', async () => {
    // The fake browser's tabs cannot be given a URL; this is what Chrome answers for a board tab.
    vi.spyOn(fakeBrowser.tabs, 'query').mockImplementation((async () => [
      { url: 'https://acme.leankit.com/board/101' },
    ]) as never);
    answerMessages(signedIn);
    render(<App />);
    expect(await screen.findByRole('button', { name: 'Remove Sprint Board' })).toBeTruthy();
  });

  it('shows a running export at the top: no made-up percentage, the time it has taken, and Cancel that keeps the focus', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 27, 14, 5, 0));
    try {
      await jobsItem.setValue([job({ bytes: 48_210, rows: 1200, startedAt: Date.now() - 65_000 })]);
      const asked = answerMessages(signedIn);
      render(<App />);
      const status = await screen.findByRole('region', { name: 'Export status' });
      const bar = await within(status).findByRole('progressbar', { name: 'Exporting Cards' });
      expect(bar.getAttribute('aria-valuetext')).toBe('1,200 rows · 48 KB saved · 1:05');
      expect(bar.getAttribute('aria-valuenow')).toBeNull();
      expect(bar.className).toBe('progress indeterminate');
      const cancel = screen.getByRole('button', { name: 'Cancel Cards' });
      cancel.focus();
      fireEvent.click(cancel);
      await waitFor(() =>
        expect(asked.find((m) => m.type === 'cancelExport')?.data).toEqual({ jobId: 'j1' }),
      );
      await jobsItem.setValue([job({ state: 'cancelled', finishedAt: Date.now() })]);
      await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
      expect(document.activeElement).toBe(status);
      expect(status.textContent).toContain('Cards: Cancelled');
    } finally {
      vi.useRealTimers();
    }
  });

  it('says when it retries, from the job’s own fields', async () => {
    await jobsItem.setValue([
      job({
        attempt: 2,
        maxAttempts: 5,
        retryAt: Date.now() + 3_500,
        error: { kind: 'server', message: 'LeanKit had a problem answering.' },
      }),
    ]);
    answerMessages(signedIn);
    render(<App />);
    const bar = await screen.findByRole('progressbar', { name: 'Exporting Cards' });
    expect(bar.getAttribute('aria-valuetext')).toBe(
      'LeanKit is busy: retrying in 4 s (attempt 2 of 5)',
    );
  });

  it('announces a start and a result politely, and a failure as an alert', async () => {
    const earlier = job({ id: 'j0', reportId: 'tags', state: 'cancelled', finishedAt: 1 });
    await jobsItem.setValue([earlier]);
    answerMessages(signedIn);
    render(<App />);
    // The jobs as first read are shown (and not announced): changes from here on are.
    const status = await screen.findByRole('region', { name: 'Export status' });
    await waitFor(() => expect(status.textContent).toContain('Tags: Cancelled'));
    const live = document.querySelector('[aria-live="polite"]') as HTMLElement;
    expect(live.textContent).toBe('');
    await jobsItem.setValue([job({}), earlier]);
    await waitFor(() => expect(live.textContent).toBe('Exporting Cards…'));
    await jobsItem.setValue([
      job({ state: 'done', finishedAt: Date.now(), path: '/dl/leankit-acme-cards (1).csv' }),
    ]);
    await waitFor(() =>
      expect(live.textContent).toBe('Cards: Saved as leankit-acme-cards (1).csv'),
    );
    expect(screen.queryByRole('alert')).toBeNull();

    await jobsItem.setValue([
      job({ id: 'j2', reportId: 'lanes' }),
      job({ state: 'done', finishedAt: Date.now(), path: '/dl/leankit-acme-cards (1).csv' }),
    ]);
    await jobsItem.setValue([
      job({
        id: 'j2',
        reportId: 'lanes',
        state: 'failed',
        finishedAt: Date.now() + 1,
        error: { kind: 'server', message: 'LeanKit had a problem answering.' },
      }),
      job({ state: 'done', finishedAt: Date.now(), path: '/dl/leankit-acme-cards (1).csv' }),
    ]);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Lanes: LeanKit had a problem answering.',
    );
    // The latest result is at the top, with its Retry.
    expect(within(status).getByRole('button', { name: 'Retry Lanes' })).toBeTruthy();
  });

  it('does not announce what had happened before the popup opened', async () => {
    await jobsItem.setValue([job({ state: 'failed', finishedAt: Date.now() })]);
    answerMessages(signedIn);
    render(<App />);
    await screen.findByRole('region', { name: 'Export status' });
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.querySelector('[aria-live="polite"]')?.textContent).toBe('');
  });

  it('closes the board list when a download starts', async () => {
    answerMessages(signedIn);
    render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Choose boards' }));
    expect(await screen.findByLabelText('Find a board')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Download Cards' }));
    await waitFor(() => expect(screen.queryByLabelText('Find a board')).toBeNull());
    expect(
      screen.getByRole('button', { name: 'Choose boards' }).getAttribute('aria-expanded'),
    ).toBe('false');
  });

  it('remembers the boards picked, per account, and clears them all at once', async () => {
    answerMessages(signedIn);
    const first = render(<App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Choose boards' }));
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Ops Board' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Sprint Board' }));
    await waitFor(async () =>
      expect(await boardSelectionItem.getValue()).toEqual({ acme: ['102', '101'] }),
    );
    first.unmount();

    render(<App />);
    expect(await screen.findByRole('button', { name: 'Remove Ops Board' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Remove Sprint Board' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Choose boards' }));
    fireEvent.click(screen.getByRole('button', { name: 'Clear all' }));
    expect(screen.getByText('All boards')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Find a board'));
    await waitFor(async () => expect(await boardSelectionItem.getValue()).toEqual({ acme: [] }));
  });

  it('does not carry boards picked on one account to another', async () => {
    await boardSelectionItem.setValue({ other: ['101'] });
    answerMessages(signedIn);
    render(<App />);
    await screen.findByRole('button', { name: 'Sign out' });
    await waitFor(() => expect(screen.getByText('All boards')).toBeTruthy());
    expect(screen.queryByRole('button', { name: 'Remove Sprint Board' })).toBeNull();
  });

  it('shows an export paused for a new sign-in as paused, still cancellable', async () => {
    await jobsItem.setValue([job({ bytes: 4096, state: 'waiting-for-sign-in' })]);
    answerMessages(signedIn);
    render(<App />);
    const bar = await screen.findByRole('progressbar', { name: 'Exporting Cards' });
    expect(bar.getAttribute('aria-valuetext')).toBe('Paused until you sign in again');
    expect(screen.getByRole('button', { name: 'Cancel Cards' })).toBeTruthy();
  });

  it('says what a browser restart did to each export: restarted (running, then done) or interrupted with Retry', async () => {
    await jobsItem.setValue([job({ bytes: 1024, restartedAfterBrowserClosed: true })]);
    await recentDownloadsItem.setValue([
      recent({ jobId: 'a', restartedAfterBrowserClosed: true }),
      recent({
        jobId: 'b',
        reportId: 'lanes',
        state: 'failed',
        error: {
          kind: 'interrupted',
          message: 'Interrupted when the browser closed. Choose Retry to export it again.',
        },
      }),
    ]);
    answerMessages(signedIn);
    render(<App />);
    const running = within(await screen.findByRole('list', { name: 'Exports in progress' }));
    expect(running.getByRole('listitem').textContent).toContain(
      'Restarted after the browser closed',
    );
    const list = within(screen.getByRole('region', { name: 'Recent downloads' }));
    const [restarted, interrupted] = list.getAllByRole('listitem');
    expect(restarted?.textContent).toMatch(/Cards.*Done.*Restarted after the browser closed/);
    expect(interrupted?.textContent).toMatch(/Lanes.*Failed.*Interrupted when the browser closed/);
    expect(interrupted?.textContent).not.toContain('Restarted');
    expect(list.getByRole('button', { name: 'Retry Lanes' })).toBeTruthy();
  });

  it('marks a scheduled export in the recent downloads', async () => {
    await recentDownloadsItem.setValue([
      recent({ jobId: 'a', scheduleId: 's1' }),
      recent({ jobId: 'b' }),
    ]);
    answerMessages(signedIn);
    render(<App />);
    const list = within(await screen.findByRole('region', { name: 'Recent downloads' }));
    const [scheduled, clicked] = await list.findAllByRole('listitem');
    expect(scheduled?.textContent).toContain('Scheduled export');
    expect(clicked?.textContent).not.toContain('Scheduled export');
  });

  it('says why an export was cancelled when the user did not cancel it (a sign-out)', async () => {
    await recentDownloadsItem.setValue([
      recent({
        jobId: 'a',
        state: 'cancelled',
        error: { kind: 'signed-out', message: 'Stopped because you signed out.' },
      }),
    ]);
    answerMessages(signedIn);
    render(<App />);
    const list = within(await screen.findByRole('region', { name: 'Recent downloads' }));
    const [stopped] = await list.findAllByRole('listitem');
    expect(stopped?.textContent).toMatch(/Cards.*Cancelled.*Stopped because you signed out\./);
    expect(list.getByRole('button', { name: 'Retry Cards' })).toBeTruthy();
  });

  it('lists recent downloads: done with Show in folder, failed with the reason and Retry, cancelled', async () => {
    await recentDownloadsItem.setValue([
      recent({ jobId: 'a', boardIds: ['101'] }),
      recent({
        jobId: 'b',
        reportId: 'lanes',
        format: 'json',
        state: 'failed',
        error: { kind: 'server', message: 'LeanKit had a problem answering (error 500).' },
      }),
      recent({ jobId: 'c', reportId: 'tags', state: 'cancelled' }),
    ]);
    const asked = answerMessages(signedIn);
    render(<App />);
    const list = within(await screen.findByRole('region', { name: 'Recent downloads' }));
    const [done, failed, cancelled] = await list.findAllByRole('listitem');
    expect(done?.textContent).toMatch(/Cards.*Done.*Sprint Board · CSV · 2\.1 MB/);
    expect(failed?.textContent).toMatch(/Lanes.*Failed.*All boards · JSON.*error 500/);
    expect(cancelled?.textContent).toMatch(/Tags.*Cancelled/);

    fireEvent.click(list.getByRole('button', { name: 'Show in folder: Cards' }));
    fireEvent.click(list.getByRole('button', { name: 'Retry Lanes' }));
    await waitFor(() =>
      expect(asked.filter((m) => m.type !== 'getSession' && m.type !== 'listBoards')).toEqual([
        { type: 'showDownload', data: { downloadId: 7 } },
        { type: 'startExport', data: { reportId: 'lanes', format: 'json', boardIds: [] } },
      ]),
    );
  });

  it('shows 3 recent downloads until Show all, says when one had no rows, and clears them for good', async () => {
    await recentDownloadsItem.setValue([
      recent({ jobId: 'a', rows: 0, boardIds: ['101'] }),
      ...['b', 'c', 'd', 'e'].map((jobId) => recent({ jobId })),
    ]);
    answerMessages(signedIn);
    render(<App />);
    const region = await screen.findByRole('region', { name: 'Recent downloads' });
    const list = within(region);
    await waitFor(() => expect(list.getAllByRole('listitem')).toHaveLength(3));
    expect(list.getAllByRole('listitem')[0]?.textContent).toContain(
      'No rows: this board has no cards you can see',
    );
    const showAll = list.getByRole('button', { name: 'Show all 5' });
    expect(showAll.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(showAll);
    expect(list.getAllByRole('listitem')).toHaveLength(5);

    fireEvent.click(list.getByRole('button', { name: 'Clear recent downloads' }));
    expect(await list.findByText('Nothing downloaded yet.')).toBeTruthy();
    expect(document.activeElement).toBe(list.getByRole('heading', { name: 'Recent downloads' }));
  });

  it('says a file’s notes, and that its filters kept no row rather than that the board is empty', async () => {
    const noMatch = 'No row matched the filters: the file has only the header row.';
    await recentDownloadsItem.setValue([
      recent({ jobId: 'a', rows: 0, boardIds: ['101'], notes: [noMatch] }),
      recent({
        jobId: 'b',
        notes: ['LeanKit no longer serves the column “cardSize”; it was left out.'],
      }),
    ]);
    answerMessages(signedIn);
    render(<App />);
    const list = within(await screen.findByRole('region', { name: 'Recent downloads' }));
    await waitFor(() => expect(list.getAllByRole('listitem')).toHaveLength(2));
    const [empty, noted] = list.getAllByRole('listitem');
    expect(empty?.textContent).toContain(noMatch);
    expect(empty?.textContent).not.toContain('this board has no cards');
    expect(noted?.textContent).toContain(
      'LeanKit no longer serves the column “cardSize”; it was left out.',
    );
  });

  it('shows a job that just ended before the background has recorded it', async () => {
    await jobsItem.setValue([
      job({ state: 'done', bytes: 5000, finishedAt: Date.now(), downloadId: 3 }),
    ]);
    answerMessages(signedIn);
    render(<App />);
    expect(await screen.findByText('leankit-acme-cards-all-20261127-1405.csv')).toBeTruthy();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('goes back to signing in when the session expires while open', async () => {
    answerMessages(signedIn);
    render(<App />);
    await screen.findByRole('button', { name: 'Sign out' });
    await sessionExpiredItem.setValue(true);
    expect(await screen.findByRole('status')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });
});
