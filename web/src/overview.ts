/**
 * The overview (issue #14): the desk's totals, progress per article, reviews per reviewer over the last days, and the
 * oldest pending claims — in a fixed number of requests (GET /stats, one article page, one queue page per status).
 */
import { api, STATUSES, type ArticleSummary, type Claim, type ClaimStatus, type DeskStats } from './api.js';
import { recentArticles, titlesFor, knownTitle } from './desk-data.js';
import { count, formatTime, h, replace } from './dom.js';
import { messageOf, score } from './review.js';
import type { View } from './view.js';

const DAYS = 7;
const PAGE = 200;
const REVIEWED: readonly ClaimStatus[] = ['verified', 'disputed', 'sourced', 'dismissed'];
const ARTICLES_SHOWN = 30;

export function overviewView(): View {
  const totals = h('section', { class: 'ov-card', 'aria-labelledby': 'ov-totals' }, h('h2', { id: 'ov-totals' }, 'The desk'), h('p', { class: 'loading' }, 'Loading…'));
  const progress = h('section', { class: 'ov-card', 'aria-labelledby': 'ov-progress' }, h('h2', { id: 'ov-progress' }, 'Progress per article'), h('p', { class: 'loading' }, 'Loading…'));
  const reviewers = h('section', { class: 'ov-card', 'aria-labelledby': 'ov-reviewers' }, h('h2', { id: 'ov-reviewers' }, `Reviews per reviewer, last ${DAYS} days`), h('p', { class: 'loading' }, 'Loading…'));
  const oldest = h('section', { class: 'ov-card', 'aria-labelledby': 'ov-oldest' }, h('h2', { id: 'ov-oldest' }, 'Oldest pending claims'), h('p', { class: 'loading' }, 'Loading…'));
  let disposed = false;

  const failed = (box: HTMLElement, error: unknown) => {
    if (disposed) return;
    box.querySelector('.loading')?.replaceWith(h('p', { class: 'message error', role: 'alert' }, messageOf(error)));
  };

  const stats = api.stats();
  stats.then((s) => !disposed && renderTotals(totals, s)).catch((e: unknown) => failed(totals, e));
  recentArticles()
    .then(async (articles) => {
      if (!disposed) await renderProgress(progress, articles, stats);
    })
    .catch((e: unknown) => failed(progress, e));
  // One page per reviewed status: each claim's latest change (updatedBy, updatedAt). Bounded, never the whole queue.
  Promise.all(REVIEWED.map((s) => api.queue(s, undefined, PAGE)))
    .then((pages) => !disposed && renderReviewers(reviewers, pages.flatMap((p) => p.items), pages.some((p) => !!p.nextCursor)))
    .catch((e: unknown) => failed(reviewers, e));
  api
    .queue('pending', undefined, PAGE)
    .then(async (page) => {
      const sorted = [...page.items].sort((a, b) => a.createdAt.localeCompare(b.createdAt) || b.checkworthiness - a.checkworthiness).slice(0, 10);
      await titlesFor(sorted.map((c) => c.articleId)).catch(() => undefined);
      if (!disposed) renderOldest(oldest, sorted, !!page.nextCursor, page.items.length);
    })
    .catch((e: unknown) => failed(oldest, e));

  return {
    element: h('div', { class: 'overview-view' }, h('h1', null, 'Overview'), h('div', { class: 'ov-grid' }, totals, reviewers, progress, oldest)),
    title: () => 'Overview',
    dispose: () => void (disposed = true),
  };
}

/** A bar of claims by status, each part as wide as its share (set through the CSSOM, which the CSP allows). */
function statusBar(counts: Record<ClaimStatus, number>, total: number, label: string): HTMLElement {
  const bar = h('span', { class: 'status-bar', role: 'img', 'aria-label': label });
  for (const s of STATUSES) {
    const n = counts[s] ?? 0;
    if (!n || !total) continue;
    const part = h('span', { class: `part st-${s}`, title: `${n} ${s}` });
    part.style.width = `${((n / total) * 100).toFixed(2)}%`;
    bar.appendChild(part);
  }
  return bar;
}

const byStatus = (counts: Record<ClaimStatus, number>) => STATUSES.map((s) => `${counts[s] ?? 0} ${s}`).join(', ');

function renderTotals(box: HTMLElement, stats: DeskStats): void {
  const reviewed = stats.claims - (stats.statusCounts.pending ?? 0);
  replace(
    box,
    h('h2', { id: 'ov-totals' }, 'The desk'),
    h('p', { class: 'ov-big' }, h('strong', { id: 'ov-claims' }, String(stats.claims)), ` claims in ${count(stats.articles, 'article')}; `, h('strong', null, String(reviewed)), ' reviewed'),
    statusBar(stats.statusCounts, stats.claims, `All claims: ${byStatus(stats.statusCounts)}`),
    h('ul', { class: 'counts ov-legend' }, STATUSES.map((s) => h('li', { class: `count st-${s}`, 'data-status': s }, h('span', { class: 'n' }, String(stats.statusCounts[s] ?? 0)), ` ${s}`))),
  );
}

async function renderProgress(box: HTMLElement, articles: ArticleSummary[], stats: Promise<DeskStats>): Promise<void> {
  const total = await stats.then((s) => s.articles).catch(() => undefined);
  const shown = articles.slice(0, ARTICLES_SHOWN);
  replace(
    box,
    h('h2', { id: 'ov-progress' }, 'Progress per article'),
    h('p', { class: 'hint' }, `The ${count(shown.length, 'newest article')}${total !== undefined && total > shown.length ? ` of ${total}` : ''}; each bar is the article's claims by status.`),
    shown.length
      ? h(
          'ol',
          { class: 'ov-articles' },
          shown.map((a) => {
            const done = a.claimCount - (a.statusCounts.pending ?? 0);
            return h(
              'li',
              { 'data-article-id': a.articleId },
              h('a', { href: `#/article/${encodeURIComponent(a.articleId)}` }, a.title),
              h('span', { class: 'meta' }, ` ${done} of ${a.claimCount} reviewed`),
              statusBar(a.statusCounts, a.claimCount, `${a.title}: ${byStatus(a.statusCounts)}`),
            );
          }),
        )
      : h('p', { class: 'empty' }, 'No articles yet.'),
  );
}

/** Day keys (UTC, YYYY-MM-DD) of the last `DAYS` days, oldest first. */
function lastDays(now = new Date()): string[] {
  return Array.from({ length: DAYS }, (_, i) => new Date(now.getTime() - (DAYS - 1 - i) * 86_400_000).toISOString().slice(0, 10));
}

function renderReviewers(box: HTMLElement, claims: Claim[], partial: boolean): void {
  const days = lastDays();
  const perReviewer = new Map<string, Map<string, number>>();
  for (const claim of claims) {
    const day = claim.updatedAt.slice(0, 10);
    if (!claim.updatedBy || !days.includes(day)) continue;
    const row = perReviewer.get(claim.updatedBy) ?? new Map<string, number>();
    row.set(day, (row.get(day) ?? 0) + 1);
    perReviewer.set(claim.updatedBy, row);
  }
  const people = [...perReviewer.entries()].map(([who, row]) => ({ who, row, total: [...row.values()].reduce((a, b) => a + b, 0) })).sort((a, b) => b.total - a.total || a.who.localeCompare(b.who));
  const max = Math.max(1, ...people.flatMap((p) => [...p.row.values()]));
  const dayLabel = new Intl.DateTimeFormat(undefined, { weekday: 'short', day: 'numeric', timeZone: 'UTC' });
  replace(
    box,
    h('h2', { id: 'ov-reviewers' }, `Reviews per reviewer, last ${DAYS} days`),
    people.length
      ? h(
          'table',
          { class: 'ov-chart' },
          h('caption', { class: 'visually-hidden' }, 'Claims reviewed per reviewer and day (UTC)'),
          h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Reviewer'), days.map((d) => h('th', { scope: 'col' }, dayLabel.format(new Date(`${d}T12:00:00Z`)))), h('th', { scope: 'col' }, 'Total'))),
          h(
            'tbody',
            null,
            people.map((p) =>
              h(
                'tr',
                { 'data-reviewer': p.who },
                h('th', { scope: 'row' }, p.who),
                days.map((d) => {
                  const n = p.row.get(d) ?? 0;
                  const bar = h('span', { class: 'ov-col', 'aria-hidden': 'true' });
                  bar.style.height = `${((n / max) * 100).toFixed(1)}%`;
                  return h('td', { 'data-day': d }, h('span', { class: 'ov-cell' }, bar), h('span', { class: 'ov-n' }, String(n)));
                }),
                h('td', { class: 'ov-total' }, String(p.total)),
              ),
            ),
          ),
        )
      : h('p', { class: 'empty' }, `No reviews in the last ${DAYS} days.`),
    h(
      'p',
      { class: 'hint' },
      `From each reviewed claim's latest change (who, when): one page of up to ${PAGE} claims per reviewed status, ${REVIEWED.length} requests. `,
      'A claim changed twice counts once, for the last reviewer',
      partial ? `; statuses with more than ${PAGE} claims count only their ${PAGE} most check-worthy.` : '.',
    ),
  );
}

function renderOldest(box: HTMLElement, claims: Claim[], partial: boolean, read: number): void {
  replace(
    box,
    h('h2', { id: 'ov-oldest' }, 'Oldest pending claims'),
    claims.length
      ? h(
          'ol',
          { class: 'ov-oldest' },
          claims.map((c) =>
            h(
              'li',
              { 'data-claim-id': c.claimId },
              h('a', { href: `#/article/${encodeURIComponent(c.articleId)}/${encodeURIComponent(c.claimId)}` }, c.text),
              h('span', { class: 'meta' }, ` — waiting since ${formatTime(c.createdAt)} · ${knownTitle(c.articleId) ?? 'article'} · score ${score(c.checkworthiness)}`),
            ),
          ),
        )
      : h('p', { class: 'empty' }, 'Nothing waits for review.'),
    partial ? h('p', { class: 'hint' }, `Oldest among the ${read} most check-worthy pending claims (one page; the queue is ordered by check-worthiness, not age).`) : null,
  );
}
