/** The review queue: one tab per status with counts, most check-worthy first, more on scroll. */
import { api, STATUSES, type Claim, type ClaimStatus } from './api.js';
import { h, replace } from './dom.js';
import { messageOf, score } from './review.js';
import type { View } from './view.js';

/** Counts per status, summed from the article list (the API has no count endpoint); cached briefly. */
let countCache: { at: number; counts: Record<ClaimStatus, number> } | undefined;
async function statusCounts(): Promise<Record<ClaimStatus, number>> {
  if (countCache && Date.now() - countCache.at < 5_000) return countCache.counts;
  const counts: Record<ClaimStatus, number> = { pending: 0, verified: 0, disputed: 0, sourced: 0 };
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
        role: 'tab',
        'aria-selected': String(s === status),
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
    h('nav', { class: 'tabs', role: 'tablist', 'aria-label': 'Queue by status' }, tabs),
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
      replace(state, h('p', { class: 'message error', role: 'alert' }, messageOf(error)));
    } finally {
      loading = false;
      more.disabled = false;
    }
  }

  function item(claim: Claim): HTMLElement {
    return h(
      'li',
      null,
      h(
        'a',
        {
          class: `queue-item st-${claim.status}`,
          href: `#/article/${encodeURIComponent(claim.articleId)}/${encodeURIComponent(claim.claimId)}`,
          'data-claim-id': claim.claimId,
        },
        h(
          'span',
          { class: 'score', title: 'Check-worthiness' },
          h('span', { class: 'visually-hidden' }, 'score '),
          score(claim.checkworthiness),
          h('span', { class: 'bar', 'aria-hidden': 'true' }, h('span', { class: `fill w${Math.round(claim.checkworthiness * 10)}` })),
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
    .then((counts) => {
      if (disposed) return;
      for (const s of STATUSES) {
        const badge = root.querySelector(`.tab-count[data-status="${s}"]`);
        if (badge) badge.textContent = String(counts[s]);
      }
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
      return false;
    },
    dispose() {
      disposed = true;
      observer?.disconnect();
    },
  };
}
