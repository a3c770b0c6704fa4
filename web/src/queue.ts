/** The review queue: one tab per status with counts, most check-worthy first, more on scroll. */
import { api, ApiError, STATUSES, type Claim, type ClaimStatus } from './api.js';
import { can, currentIdentity } from './auth.js';
import { h, replace } from './dom.js';
import { KEYMAP } from './keys.js';
import { messageOf, score, statusForKey } from './review.js';
import type { View } from './view.js';
import { startQueueWalk } from './walk.js';

const INTRO_SEEN = 'claimdesk.intro-seen';

/** The first screen says where to start and shows the keys, once; later visits get one line. */
function intro(): HTMLElement {
  let seen = false;
  try {
    seen = localStorage.getItem(INTRO_SEEN) === 'yes';
    localStorage.setItem(INTRO_SEEN, 'yes');
  } catch {
    /* storage refused (private mode): show the intro every time */
  }
  const short = () =>
    h('p', { class: 'hint intro-short' }, 'Start at the top: the most check-worthy claim waits first. ', h('kbd', null, 'j'), ' focuses it, ', h('kbd', null, 'Enter'), ' opens it, ', h('kbd', null, '?'), ' shows the keys.');
  if (seen) return short();
  const box: HTMLElement = h(
    'section',
    { class: 'intro', 'aria-labelledby': 'intro-title' },
    h('h2', { id: 'intro-title' }, 'Where to start'),
    h(
      'p',
      null,
      'The claims below wait for review, the most check-worthy first: start at the top. Open one to see it in its article, check it, then mark it verified, disputed or sourced (with a link). Every status has its own tab.',
    ),
    h('table', { class: 'keys intro-keys' }, h('caption', null, 'Keys (shown once; press ? for them any time)'), h('tbody', null, KEYMAP.map(([keys, what]) => h('tr', null, h('th', { scope: 'row' }, h('kbd', null, keys)), h('td', null, what))))),
    h('button', { type: 'button', class: 'secondary small', onclick: () => box.replaceWith(short()) }, 'Got it'),
  );
  return box;
}

/** Counts per status, summed from the article list (the API has no count endpoint); cached briefly. */
let countCache: { at: number; counts: Record<ClaimStatus, number> } | undefined;
async function statusCounts(): Promise<Record<ClaimStatus, number>> {
  if (countCache && Date.now() - countCache.at < 5_000) return countCache.counts;
  const counts: Record<ClaimStatus, number> = { pending: 0, verified: 0, disputed: 0, sourced: 0, dismissed: 0 };
  let cursor: string | undefined;
  for (let pages = 0; pages < 20; pages++) {
    const page = await api.listArticles(cursor);
    for (const article of page.items) for (const status of STATUSES) counts[status] += article.statusCounts?.[status] ?? 0;
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  countCache = { at: Date.now(), counts };
  return counts;
}

export function invalidateCounts(): void {
  countCache = undefined;
}

export function queueView(status: ClaimStatus, announce: (m: string) => void): View {
  const list = h('ol', { class: 'queue', 'aria-labelledby': `tab-${status}`, 'aria-busy': 'true' });
  const more = h('button', { type: 'button', class: 'secondary more', hidden: true }, 'Load more');
  const state = h('div', { class: 'queue-state', role: 'status', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  const tabs = STATUSES.map((s) =>
    h(
      'a',
      {
        href: `#/queue/${s}`,
        id: `tab-${s}`,
        class: `tab st-${s}`,
        'aria-current': s === status ? 'page' : undefined,
      },
      h('span', { class: 'tab-label' }, s),
      ' ',
      h('span', { class: 'tab-count', 'data-status': s }, '·'),
    ),
  );
  const root = h(
    'div',
    { class: 'queue-view' },
    h('h1', { class: 'visually-hidden' }, `Review queue: ${status}`),
    intro(),
    // Plain links (each status has its own address), marked current, rather than ARIA tabs that promise arrow keys.
    h('nav', { class: 'tabs', 'aria-label': 'Queue by status' }, tabs),
    state,
    list,
    sentinel,
    more,
  );
  let cursor: string | undefined;
  let loading = false;
  let loaded = 0;
  let first = true;
  let disposed = false;

  async function loadPage(): Promise<void> {
    if (loading || disposed) return;
    loading = true;
    more.disabled = true;
    try {
      const page = await api.queue(status, cursor);
      if (disposed) return;
      for (const claim of page.items) list.appendChild(item(claim));
      loaded += page.items.length;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      list.setAttribute('aria-busy', 'false');
      replace(
        state,
        loaded === 0
          ? h('p', { class: 'empty' }, status === 'pending' ? 'Nothing waits for review. ' : `No ${status} claims yet. `, h('a', { href: '#/submit' }, 'Submit an article'))
          : null,
      );
      if (first) {
        first = false;
        performance.mark('claimdesk:queue-rendered');
        document.documentElement.dataset.queueRendered = String(Math.round(performance.now()));
      }
    } catch (error) {
      replace(
        state,
        h('p', { class: 'message error', role: 'alert' }, messageOf(error), ' ', h('button', { type: 'button', class: 'secondary small retry', onclick: () => void loadPage() }, 'Try again')),
      );
    } finally {
      loading = false;
      more.disabled = false;
    }
  }

  const claims = new Map<string, Claim>();
  const counts: Partial<Record<ClaimStatus, number>> = {};

  function showCounts(): void {
    for (const s of STATUSES) {
      const badge = root.querySelector(`.tab-count[data-status="${s}"]`);
      if (badge && counts[s] !== undefined) badge.textContent = String(counts[s]);
    }
  }

  /** Quick review from the queue: the focused item gets the status; anything but a clean save sends the reviewer to the claim. */
  async function quickReview(to: ClaimStatus): Promise<void> {
    const link = document.activeElement instanceof HTMLAnchorElement && document.activeElement.classList.contains('queue-item') ? document.activeElement : null;
    const claim = link ? claims.get(link.dataset.claimId ?? '') : undefined;
    if (!link || !claim) return announce('Focus a claim first (j / k).');
    if (!can(currentIdentity(), 'review')) return announce('Marking claims needs the reviewer role.');
    if (claim.status === to) return announce(`Already ${to}.`);
    const note = link.querySelector('.queue-note') ?? link.appendChild(h('span', { class: 'queue-note', role: 'status' }));
    note.textContent = 'Saving…';
    try {
      const { claim: saved } = await api.review(claim.claimId, claim.version, { status: to });
      claims.set(saved.claimId, saved);
      link.className = `queue-item st-${saved.status} reviewed`;
      note.textContent = `Marked ${saved.status}`;
      if (counts[claim.status] !== undefined) counts[claim.status]! -= 1;
      if (counts[to] !== undefined) counts[to]! += 1;
      showCounts();
      invalidateCounts();
      announce(`Marked ${saved.status}.`);
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 412
          ? 'Someone else changed this claim: press Enter to see their change.'
          : error instanceof ApiError && error.status === 409
            ? 'Not sourced: this claim has no source yet. Press Enter, then add one (a).'
            : messageOf(error);
      note.textContent = message;
      note.classList.add('error');
      announce(message);
    }
  }

  function item(claim: Claim): HTMLElement {
    claims.set(claim.claimId, claim);
    return h(
      'li',
      null,
      h(
        'a',
        {
          class: `queue-item st-${claim.status}`,
          href: `#/article/${encodeURIComponent(claim.articleId)}/${encodeURIComponent(claim.claimId)}`,
          'data-claim-id': claim.claimId,
          // j / k in the article then follow this queue, in this order (the article view offers text order too).
          onclick: () => startQueueWalk(status, [...list.querySelectorAll<HTMLAnchorElement>('a.queue-item')].map((a) => ({ articleId: a.dataset.articleId ?? '', claimId: a.dataset.claimId ?? '' }))),
          'data-article-id': claim.articleId,
        },
        h(
          'span',
          { class: 'score', title: 'Check-worthiness' },
          h('span', { class: 'visually-hidden' }, 'score '),
          score(claim.checkworthiness),
          h('span', { class: 'bar', 'aria-hidden': 'true' }, fill(claim.checkworthiness)),
        ),
        h('span', { class: 'queue-text' }, claim.text),
        h(
          'span',
          { class: 'queue-meta' },
          h('span', { class: 'type' }, claim.type),
          claim.speaker ? h('span', { class: 'speaker' }, claim.speaker) : null,
          h('span', { class: 'article-title' }, claim.articleTitle ?? 'article'),
        ),
      ),
    );
  }

  more.addEventListener('click', () => void loadPage());
  const observer =
    'IntersectionObserver' in window
      ? new IntersectionObserver((entries) => {
          if (entries.some((e) => e.isIntersecting) && cursor) void loadPage();
        }, { rootMargin: '400px' })
      : undefined;
  observer?.observe(sentinel);

  void loadPage();
  void statusCounts()
    .then((summed) => {
      if (disposed) return;
      Object.assign(counts, summed);
      showCounts();
    })
    .catch(() => undefined);

  function focusStep(delta: number): void {
    const links = [...list.querySelectorAll<HTMLAnchorElement>('a.queue-item')];
    if (!links.length) return;
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = index < 0 ? (delta > 0 ? 0 : links.length - 1) : Math.min(links.length - 1, Math.max(0, index + delta));
    links[next]!.focus();
    if (next === links.length - 1 && cursor) void loadPage();
    announce('');
  }

  return {
    element: root,
    title: () => `Queue: ${status}`,
    onKey(event) {
      if (event.key === 'j') return focusStep(1), true;
      if (event.key === 'k') return focusStep(-1), true;
      const to = statusForKey(event.key);
      if (to) return void quickReview(to), true;
      return false;
    },
    dispose() {
      disposed = true;
      observer?.disconnect();
    },
  };
}

/** The score bar at its exact width (set through the CSSOM, which the CSP allows): 0.96 and 1.00 must look different. */
function fill(value: number): HTMLElement {
  const bar = h('span', { class: 'fill' });
  bar.style.width = `${Math.min(100, Math.max(0, value * 100)).toFixed(1)}%`;
  return bar;
}
