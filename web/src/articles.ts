/** The article list: newest first, each with its claims by status; more over the cursor. Admins also see the archived ones. */
import { api, STATUSES, type ArticleSummary } from './api.js';
import { restoreButton } from './article.js';
import { currentIdentity } from './auth.js';
import { count, formatTime, h, replace } from './dom.js';
import { messageOf } from './review.js';
import type { View } from './view.js';

export function articlesView(archived = false, announce: (m: string) => void = () => undefined): View {
  const list = h('ol', { class: 'article-list' });
  const state = h('div', { role: 'status', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const more = h('button', { type: 'button', class: 'secondary more', hidden: true }, 'Load more');
  const admin = currentIdentity()?.roles.includes('admin') === true;
  let cursor: string | undefined;
  let disposed = false;

  function item(article: ArticleSummary): HTMLElement {
    const done = article.claimCount - article.statusCounts.pending;
    const body = [
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
        STATUSES.map((s) => h('span', { class: `count st-${s}` }, h('span', { class: 'n' }, String(article.statusCounts[s] ?? 0)), ` ${s}`)),
      ),
    ];
    if (!archived) return h('li', null, h('a', { class: 'article-item', href: `#/article/${encodeURIComponent(article.articleId)}` }, body));
    // An archived article cannot be opened (410): the row offers Restore instead of a link.
    const row: HTMLElement = h(
      'li',
      { class: 'article-item archived', 'data-article-id': article.articleId },
      body,
      h('span', null, restoreButton(article.articleId, announce, () => {
        row.remove();
        announce(`Restored “${article.title}”.`);
        if (!list.children.length) replace(state, h('p', { class: 'empty' }, 'No archived articles.'));
      })),
    );
    return row;
  }

  async function load(): Promise<void> {
    more.disabled = true;
    try {
      const page = archived ? await api.listArchived(cursor, 30) : await api.listArticles(cursor, 30);
      if (disposed) return;
      for (const article of page.items) list.appendChild(item(article));
      cursor = page.nextCursor;
      more.hidden = !cursor;
      replace(
        state,
        list.children.length ? null : h('p', { class: 'empty' }, archived ? 'No archived articles.' : ['No articles yet. ', h('a', { href: '#/submit' }, 'Submit one')]),
      );
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
  const switcher = admin
    ? h(
        'nav',
        { class: 'tabs', 'aria-label': 'Articles' },
        h('a', { class: 'tab', href: '#/articles', 'aria-current': archived ? undefined : 'page' }, 'Current'),
        h('a', { class: 'tab', href: '#/articles/archived', 'aria-current': archived ? 'page' : undefined }, 'Archived'),
      )
    : null;
  return {
    element: h('div', { class: 'articles-view' }, h('h1', null, archived ? 'Archived articles' : 'Articles'), switcher, state, list, more),
    title: () => (archived ? 'Archived articles' : 'Articles'),
    dispose: () => void (disposed = true),
  };
}
