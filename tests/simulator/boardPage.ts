/**
 * A stand-in for LeanKit's board page (`/board/<id>`, §7): a tiny single-page app whose board links
 * switch boards with `history.pushState` and a client-side re-render, like the real app, so the
 * content script's SPA handling can be tested. No external resources.
 */
import { type Account, type Board, cardAt } from './data';
import type { Reply } from './reply';

/** Card titles shown per lane; the page is a sketch, not a full board. */
const CARDS_PER_LANE = 4;
const CARDS_SCANNED = 40;
/**
 * For an unknown id the app keeps its top bar (the board links) but draws, instead of the board
 * and its title, a view saying the board is not there; the page itself still answers 200, as a
 * single-page app's does.
 */
const NOT_FOUND = 'Board not found';
const NOT_FOUND_DETAIL = 'This board doesn’t exist, or you don’t have access to it.';

interface PageBoard {
  id: string;
  title: string;
  lanes: { title: string; cards: string[] }[];
}

export function rootRedirect(account: Account): Reply {
  const first = account.boards[0];
  return {
    status: 302,
    headers: { location: first ? `/board/${first.id}` : '/board/0' },
    body: '',
  };
}

/** The page for any board id; an unknown id gets the not-found view. */
export function boardPageReply(account: Account, boardId: string): Reply {
  const boards = account.boards.map((board) => pageBoard(account, board));
  const current = boards.find((board) => board.id === boardId);
  const title = current?.title ?? NOT_FOUND;
  const links = boards
    .map(
      (board) =>
        `<a href="/board/${board.id}" data-board-id="${board.id}"${board === current ? ' aria-current="page"' : ''}>${escapeHtml(board.title)}</a>`,
    )
    .join('');
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - LeanKit</title>
<style>${STYLE}</style>
</head>
<body>
<header class="board-header">${current ? `<h1 id="board-title">${escapeHtml(title)}</h1>` : ''}<nav aria-label="Boards">${links}</nav></header>
<main id="board">${current ? current.lanes.map(laneHtml).join('') : NOT_FOUND_HTML}</main>
<script type="application/json" id="boards-data">${scriptSafeJson(boards)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
  return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: html };
}

function pageBoard(account: Account, board: Board): PageBoard {
  const lanes = board.cardLanes.map((lane) => ({
    id: lane.id,
    title: lane.fullTitle,
    cards: [] as string[],
  }));
  for (let index = 0; index < Math.min(board.cardCount, CARDS_SCANNED); index++) {
    const card = cardAt(account, board, index);
    const lane = lanes.find((candidate) => candidate.id === card.currentLaneId);
    if (lane && lane.cards.length < CARDS_PER_LANE) lane.cards.push(card.cardTitle);
  }
  return {
    id: board.id,
    title: board.title,
    lanes: lanes.map(({ title, cards }) => ({ title, cards })),
  };
}

function laneHtml(lane: PageBoard['lanes'][number]): string {
  const cards = lane.cards.map((card) => `<li class="card">${escapeHtml(card)}</li>`).join('');
  return `<section class="lane"><h2>${escapeHtml(lane.title)}</h2><ul>${cards}</ul></section>`;
}

const NOT_FOUND_HTML = `<section class="not-found"><h1>${NOT_FOUND}</h1><p>${NOT_FOUND_DETAIL}</p></section>`;

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** JSON that cannot end its <script> element early. */
function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}

const STYLE = [
  'body{font-family:system-ui,sans-serif;margin:0;background:#f4f5f7}',
  '.board-header{display:flex;gap:2rem;align-items:center;padding:.5rem 1rem;background:#1d3557;color:#fff}',
  '.board-header h1{font-size:1.2rem;margin:0}',
  '.board-header nav{display:flex;gap:1rem}',
  '.board-header a{color:#fff}',
  '.board-header a[aria-current]{font-weight:bold}',
  '#board{display:flex;gap:1rem;padding:1rem;align-items:flex-start}',
  '.lane{background:#fff;border-radius:4px;padding:.5rem;min-width:12rem}',
  '.lane h2{font-size:1rem}',
  '.lane ul{list-style:none;padding:0}',
  '.card{background:#fffbe6;border:1px solid #ddd;margin:.25rem 0;padding:.25rem;white-space:pre-wrap}',
  '.not-found{margin:3rem auto;text-align:center}',
].join('');

/** Re-renders header, title and lanes for the board in the URL; text only via textContent. */
const SCRIPT = `(function () {
  var data = JSON.parse(document.getElementById('boards-data').textContent);
  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function boardTitle(board) {
    var title = document.getElementById('board-title');
    var header = document.querySelector('.board-header');
    if (!board) { if (title) title.remove(); return; }
    if (!title && header) {
      title = el('h1');
      title.id = 'board-title';
      header.insertBefore(title, header.firstChild);
    }
    if (title) title.textContent = board.title;
  }
  function render(id) {
    var board = data.find(function (b) { return b.id === id; });
    boardTitle(board);
    document.title = (board ? board.title : '${NOT_FOUND}') + ' - LeanKit';
    document.querySelectorAll('nav a[data-board-id]').forEach(function (a) {
      if (a.getAttribute('data-board-id') === id) a.setAttribute('aria-current', 'page');
      else a.removeAttribute('aria-current');
    });
    var main = document.getElementById('board');
    main.textContent = '';
    if (!board) {
      var view = el('section', undefined, 'not-found');
      view.appendChild(el('h1', '${NOT_FOUND}'));
      view.appendChild(el('p', '${NOT_FOUND_DETAIL}'));
      main.appendChild(view);
      return;
    }
    board.lanes.forEach(function (lane) {
      var section = el('section', undefined, 'lane');
      var list = el('ul');
      section.appendChild(el('h2', lane.title));
      lane.cards.forEach(function (card) { list.appendChild(el('li', card, 'card')); });
      section.appendChild(list);
      main.appendChild(section);
    });
  }
  function idFromPath() {
    var match = /^\\/board\\/([^/]+)/.exec(location.pathname);
    return match ? decodeURIComponent(match[1]) : '';
  }
  document.addEventListener('click', function (event) {
    var link = event.target instanceof Element ? event.target.closest('a[data-board-id]') : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    render(link.getAttribute('data-board-id'));
  });
  window.addEventListener('popstate', function () { render(idFromPath()); });
})();`;
