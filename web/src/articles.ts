/** The article list: newest first, each with its claims by status; more over the cursor. */
import { api, STATUSES, type ArticleSummary } from './api.js';
import { count, formatTime, h, replace } from './dom.js';
import { messageOf } from './review.js';
import type { View } from './view.js';

export function articlesView(): View {
  const list = h('ol', { class: 'article-list' });
  const state = h('div', { role: 'status', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const more = h('button', { type: 'button', class: 'secondary more', hidden: true }, 'Load more');
  let cursor: string | undefined;
  let disposed = false;

  function item(article: ArticleSummary): HTMLElement {
    const done = article.claimCount - article.statusCounts.pending;
    return h(
      'li',
      null,
      h(
        'a',
        { class: 'article-item', href: `#/article/${encodeURIComponent(article.articleId)}` },
        h('span', { class: 'article-item-title' }, article.title),
        h(
          'span',
          { class: 'queue-meta' },
          article.source ? h('span', null, article.source) : null,
          h('span', null, `${formatTime(article.createdAt)} by ${article.createdBy}`),
          h('span', null, `${count(article.claimCount, 'claim')}, ${done} reviewed`),
        ),
        h(
          'span',
          { class: 'counts' },
          STATUSES.map((s) => h('span', { class: `count st-${s}` }, h('span', { class: 'n' }, String(article.statusCounts[s])), ` ${s}`)),
        ),
      ),
    );
  }

  async function load(): Promise<void> {
    more.disabled = true;
    try {
      const page = await api.listArticles(cursor, 30);
      if (disposed) return;
      for (const article of page.items) list.appendChild(item(article));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      replace(state, list.children.length ? null : h('p', { class: 'empty' }, 'No articles yet. ', h('a', { href: '#/submit' }, 'Submit one')));
    } catch (error) {
      replace(
        state,
        h('p', { class: 'message error', role: 'alert' }, messageOf(error), ' ', h('button', { type: 'button', class: 'secondary small retry', onclick: () => void load() }, 'Try again')),
      );
    } finally {
      more.disabled = false;
    }
  }

  more.addEventListener('click', () => void load());
  void load();
  return {
    element: h('div', { class: 'articles-view' }, h('h1', null, 'Articles'), state, list, more),
    title: () => 'Articles',
    dispose: () => void (disposed = true),
  };
}
