import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { SessionInfo } from '@/lib/messaging';
import type { Preset } from '@/lib/recipes/recipe';
import { defaultFormatItem } from '@/lib/storage/items';
import { App } from '../App';
import { memoryPresetStore } from '../recipes/__tests__/memoryPresetStore';
import { answerMessages } from './sendMessageMock';

vi.mock('@/lib/messaging', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@/lib/messaging')>()),
  sendMessage: vi.fn(),
}));

const DANA: SessionInfo = {
  origin: 'https://acme.leankit.com',
  accountName: 'acme',
  email: 'demo@acme.test',
};
const BOARDS = [
  { id: '101', title: 'Sprint Board' },
  { id: '102', title: 'Ops Board' },
];
const signedIn = {
  getSession: () => DANA,
  listBoards: () => ({ ok: true as const, value: { boards: BOARDS, complete: true } }),
  startExport: () => ({ ok: true as const, value: { jobId: 'j1' } }),
};
const LANE_STAYS: Preset = {
  id: 'ls',
  name: 'Lane stays',
  reportId: 'cardpositions',
  format: 'tab',
  boardIds: ['102'],
  recipe: { columns: ['cardId', 'laneTitle'] },
};

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(cleanup);

describe('popup, presets', () => {
  it('offers no Preset select while there are no presets', async () => {
    answerMessages(signedIn);
    render(<App presets={memoryPresetStore()} />);
    await screen.findByRole('button', { name: 'Sign out' });
    expect(screen.queryByRole('combobox', { name: 'Preset' })).toBeNull();
  });

  it('takes report format and boards from the chosen preset, and exports with its id', async () => {
    const asked = answerMessages(signedIn);
    render(<App presets={memoryPresetStore([LANE_STAYS])} />);
    const select = await screen.findByRole('combobox', { name: 'Preset' });
    expect([...(select as HTMLSelectElement).options].map((option) => option.text)).toEqual([
      'No preset',
      'Lane stays',
    ]);
    fireEvent.change(select, { target: { value: 'ls' } });
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'TAB' })).toHaveProperty('checked', true),
    );
    expect(screen.getByRole('button', { name: 'Remove Ops Board' })).toBeTruthy();
    expect(document.getElementById('preset-hint')?.textContent).toBe(
      'Download Card positions uses its columns and filters.',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Download Card positions' }));
    fireEvent.click(screen.getByRole('button', { name: 'Download Lanes' }));
    await waitFor(() => expect(asked.filter((m) => m.type === 'startExport')).toHaveLength(2));
    expect(asked.filter((m) => m.type === 'startExport').map((m) => m.data)).toEqual([
      { reportId: 'cardpositions', format: 'tab', boardIds: ['102'], presetId: 'ls' },
      { reportId: 'lanes', format: 'tab', boardIds: ['102'] },
    ]);
    // The preset's format is shown, not made the user's default.
    expect(await defaultFormatItem.getValue()).toBe('csv');

    fireEvent.change(select, { target: { value: '' } });
    await waitFor(() =>
      expect(screen.getByRole('radio', { name: 'CSV' })).toHaveProperty('checked', true),
    );
  });

  it('lets go of the preset when the user picks another format or other boards', async () => {
    answerMessages(signedIn);
    render(<App presets={memoryPresetStore([LANE_STAYS])} />);
    const select = await screen.findByRole('combobox', { name: 'Preset' });
    fireEvent.change(select, { target: { value: 'ls' } });
    await waitFor(() => expect(select).toHaveProperty('value', 'ls'));
    fireEvent.click(screen.getByRole('radio', { name: 'JSON' }));
    await waitFor(() => expect(select).toHaveProperty('value', ''));
    expect(await defaultFormatItem.getValue()).toBe('json');

    fireEvent.change(select, { target: { value: 'ls' } });
    await waitFor(() => expect(select).toHaveProperty('value', 'ls'));
    fireEvent.click(screen.getByRole('button', { name: 'Remove Ops Board' }));
    await waitFor(() => expect(select).toHaveProperty('value', ''));
    expect(screen.getByText('All boards')).toBeTruthy();
  });

  it('opens the Columns and filters page for a report, or on the chosen preset', async () => {
    const create = vi.spyOn(fakeBrowser.tabs, 'create');
    answerMessages(signedIn);
    render(<App presets={memoryPresetStore([LANE_STAYS])} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Columns and filters for Cards' }));
    expect(create).toHaveBeenLastCalledWith({
      url: 'chrome-extension://test-extension-id/recipes.html?report=cards&format=csv&boards=',
    });
    fireEvent.change(await screen.findByRole('combobox', { name: 'Preset' }), {
      target: { value: 'ls' },
    });
    await screen.findByText('Download Card positions uses its columns and filters.');
    fireEvent.click(screen.getByRole('button', { name: 'Columns and filters for Card positions' }));
    expect(create).toHaveBeenLastCalledWith({
      url: 'chrome-extension://test-extension-id/recipes.html?preset=ls',
    });
  });
});
