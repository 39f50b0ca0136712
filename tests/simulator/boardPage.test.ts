// @vitest-environment node
import { type HTMLAnchorElement, Window } from 'happy-dom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simulatorFetch } from './fetch';
import { type Simulator, startSimulator } from './index';
import { ORIGIN } from './testing';

let sim: Simulator;
let fetch: typeof globalThis.fetch;

beforeAll(async () => {
  sim = await startSimulator();
  fetch = simulatorFetch(sim);
});
afterAll(() => sim.close());

const escapeHtml = (text: string): string => text.replaceAll('&', '&amp;');

describe('board page', () => {
  it('shows the board title in <h1> and <title>, with links to every board', async () => {
    const board = sim.boards[1];
    if (!board) throw new Error('expected three boards');
    const response = await fetch(`${ORIGIN}/board/${board.id}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await response.text();
    expect(html).toContain(`<title>${escapeHtml(board.title)} - LeanKit</title>`);
    expect(html).toMatch(new RegExp(`<header[^>]*>\\s*<h1[^>]*>${escapeHtml(board.title)}</h1>`));
    for (const other of sim.boards) {
      expect(html).toContain(`href="/board/${other.id}"`);
      expect(html).toContain(`>${escapeHtml(other.title)}</a>`);
    }
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=["']?https?:/);
  });

  it('escapes card titles', async () => {
    const html = await (await fetch(`${ORIGIN}/board/${sim.boards[0]?.id}`)).text();
    expect(html).toContain('Support &quot;quoted&quot; names in exports');
  });

  it('draws the not-found view for an unknown board: the top bar without a title, and the message', async () => {
    const response = await fetch(`${ORIGIN}/board/123`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<title>Board not found - LeanKit</title>');
    expect(html).toMatch(/<header class="board-header"><nav aria-label="Boards">/);
    expect(html).toContain(
      '<main id="board"><section class="not-found"><h1>Board not found</h1><p>This board doesn’t exist, or you don’t have access to it.</p></section></main>',
    );
  });

  it('moves between the not-found view and a board client-side', async () => {
    const board = sim.boards[0];
    if (!board) throw new Error('expected three boards');
    const html = (await sim.body('/board/123')).toString('utf8');
    const window = new Window({
      url: `${ORIGIN}/board/123`,
      settings: {
        enableJavaScriptEvaluation: true,
        // The only script run is the page's own inline one, from our own server.
        suppressInsecureJavaScriptEnvironmentWarning: true,
      },
    });
    const { document } = window;
    document.write(html);
    const headings = () => [...document.querySelectorAll('h1')].map((h1) => h1.textContent);

    document.querySelector<HTMLAnchorElement>(`a[href="/board/${board.id}"]`)?.click();
    expect(document.querySelector('header h1')?.textContent).toBe(board.title);
    expect(headings()).toEqual([board.title]);
    expect(document.title).toBe(`${board.title} - LeanKit`);

    const wentBack = new Promise((resolve) =>
      window.addEventListener('popstate', resolve, { once: true }),
    );
    window.history.back();
    await wentBack;
    expect(document.querySelector('header h1')).toBeNull();
    expect(headings()).toEqual(['Board not found']);
    expect(document.querySelector('main p')?.textContent).toBe(
      'This board doesn’t exist, or you don’t have access to it.',
    );
    await window.happyDOM.close();
  });

  it('redirects / to the first board', async () => {
    const manual = await fetch(`${ORIGIN}/`, { redirect: 'manual' });
    expect(manual.status).toBe(302);
    expect(manual.headers.get('location')).toBe(`/board/${sim.boards[0]?.id}`);
    const followed = await fetch(`${ORIGIN}/`);
    expect(followed.url).toBe(`${ORIGIN}/board/${sim.boards[0]?.id}`);
  });

  it('switches boards client-side with pushState, without a page load', async () => {
    const [first, second] = sim.boards;
    if (!first || !second) throw new Error('expected three boards');
    const html = (await sim.body(`/board/${first.id}`)).toString('utf8');
    const window = new Window({
      url: `${ORIGIN}/board/${first.id}`,
      settings: {
        enableJavaScriptEvaluation: true,
        // The only script run is the page's own inline one, from our own server.
        suppressInsecureJavaScriptEnvironmentWarning: true,
      },
    });
    const { document } = window;
    document.write(html);
    const marker = document.body;

    document.querySelector<HTMLAnchorElement>(`a[href="/board/${second.id}"]`)?.click();

    expect(window.location.pathname).toBe(`/board/${second.id}`);
    expect(document.querySelector('header h1')?.textContent).toBe(second.title);
    expect(document.title).toBe(`${second.title} - LeanKit`);
    expect(document.querySelector('[aria-current="page"]')?.textContent).toBe(second.title);
    expect(document.body).toBe(marker);

    window.history.back();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(document.querySelector('header h1')?.textContent).toBe(first.title);
    await window.happyDOM.close();
  });
});
