import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_FILE_NAME_PATTERN } from '@/lib/defaultFileNamePattern';
import type { SessionInfo } from '@/lib/messaging';
import {
  defaultFormatItem,
  excelFriendlyCsvItem,
  fileNamePatternItem,
  rememberedLoginItem,
} from '@/lib/storage/items';
import { OptionsPage } from '../OptionsPage';
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

beforeEach(() => fakeBrowser.reset());
afterEach(cleanup);

describe('options page', () => {
  it('sets the default format and Excel-friendly CSV', async () => {
    answerMessages({ getSession: () => DANA });
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('radio', { name: 'JSON' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Excel-friendly CSV/ }));
    await waitFor(async () => {
      expect(await defaultFormatItem.getValue()).toBe('json');
      expect(await excelFriendlyCsvItem.getValue()).toBe(true);
    });
  });

  it('previews the file name pattern, saves it only when usable, and resets it', async () => {
    answerMessages({ getSession: () => DANA });
    render(<OptionsPage />);
    const input = await screen.findByLabelText('File name pattern');
    await waitFor(() => expect(input).toHaveProperty('value', DEFAULT_FILE_NAME_PATTERN));
    expect(screen.getByRole('status').textContent).toBe('leankit-acme-cards-all-20261127-1405.csv');

    fireEvent.input(input, { target: { value: '{report}-{wat}' } });
    // Marked on the field, not alerted at every keystroke.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const [reason] = (input.getAttribute('aria-describedby') ?? '').split(' ');
    expect(document.getElementById(reason ?? '')?.textContent).toMatch(
      /\{wat\} is not a name part/,
    );
    expect(await fileNamePatternItem.getValue()).toBe(DEFAULT_FILE_NAME_PATTERN);

    fireEvent.input(input, { target: { value: '{account} {report} {date}' } });
    expect(input.getAttribute('aria-invalid')).toBe('false');
    expect(screen.getByRole('status').textContent).toBe('acme cards 20261127.csv');
    await waitFor(async () =>
      expect(await fileNamePatternItem.getValue()).toBe('{account} {report} {date}'),
    );

    fireEvent.click(screen.getByRole('button', { name: 'Reset to default' }));
    await waitFor(async () =>
      expect(await fileNamePatternItem.getValue()).toBe(DEFAULT_FILE_NAME_PATTERN),
    );
  });

  it('explains what staying signed in means, and asks the background to move the token', async () => {
    const asked = answerMessages({ getSession: () => DANA, setStaySignedIn: () => null });
    render(<OptionsPage />);
    // Named by its title alone, and described by the explanation, as a screen reader says it.
    const box = await screen.findByRole('checkbox', { name: 'Stay signed in on this computer' });
    const description = (box.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent?.replace(/\s+/g, ' ').trim())
      .join(' ');
    expect(description).toMatch(
      /^Your LeanKit token is then saved on this computer, .* Anyone who can use this browser profile can export your LeanKit data until the token expires or you sign out\./,
    );
    fireEvent.click(box);
    await waitFor(() =>
      expect(asked.find((m) => m.type === 'setStaySignedIn')?.data).toEqual({ stay: true }),
    );
  });

  it('switches account: signs out and offers an empty sign-in form, focused on the account', async () => {
    await rememberedLoginItem.setValue({ account: 'acme.leankit.com', email: 'demo@acme.test' });
    const asked = answerMessages({ getSession: () => DANA, signOut: () => null });
    render(<OptionsPage />);
    expect(await screen.findByText('Dana Demo')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Switch account' }));
    const account = await screen.findByRole('textbox', { name: 'Account' });
    await waitFor(() => expect(document.activeElement).toBe(account));
    expect(account).toHaveProperty('value', '');
    expect(screen.getByLabelText('Email')).toHaveProperty('value', '');
    expect(asked.map((m) => m.type)).toContain('signOut');
  });

  it('signs out keeping the account and email for next time', async () => {
    await rememberedLoginItem.setValue({ account: 'acme.leankit.com', email: 'demo@acme.test' });
    answerMessages({ getSession: () => DANA, signOut: () => null });
    render(<OptionsPage />);
    fireEvent.click(await screen.findByRole('button', { name: 'Sign out' }));
    const account = await screen.findByRole('textbox', { name: 'Account' });
    await waitFor(() => expect(account).toHaveProperty('value', 'acme.leankit.com'));
    expect(screen.getByLabelText('Email')).toHaveProperty('value', 'demo@acme.test');
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Password')));
  });

  it('says the format chosen here is the default', async () => {
    answerMessages({ getSession: () => DANA });
    render(<OptionsPage />);
    const group = await screen.findByRole('group', { name: 'Default format' });
    expect(group.getAttribute('aria-describedby')).toBe('format-hint');
  });
});
