/** Submit an article (editor role): title, URL, source or byline, publication date, text or HTML → the extracted claims. */
import { api, ApiError } from './api.js';
import { can, currentIdentity } from './auth.js';
import { count, h, replace } from './dom.js';
import { invalidateCounts } from './queue.js';
import { messageOf, score } from './review.js';
import type { View } from './view.js';

export function submitView(): View {
  const root = h('div', { class: 'submit-view' });
  if (!can(currentIdentity(), 'submit')) {
    replace(root, h('h1', null, 'Submit an article'), h('p', { class: 'message info' }, 'Submitting articles needs the editor role. Ask an admin for a token with it.'));
    return { element: root, title: () => 'Submit an article' };
  }
  const errors = new Map<string, HTMLElement>();
  const field = (id: string, label: string, control: HTMLElement, hint?: string) => {
    const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
    errors.set(id, error);
    control.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
    return h('div', { class: 'field' }, h('label', { for: id }, label), hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null, control, error);
  };
  const title = h('input', { id: 'article-title-input', name: 'title', type: 'text', maxlength: 500, autocomplete: 'off' });
  const url = h('input', { id: 'article-url', name: 'url', type: 'url', inputmode: 'url', autocomplete: 'off', placeholder: 'https://…' });
  const source = h('input', { id: 'article-source', name: 'source', type: 'text', maxlength: 200, autocomplete: 'off', placeholder: 'e.g. ABC News, Jane Doe' });
  const published = h('input', { id: 'article-published', name: 'publishedAt', type: 'date', autocomplete: 'off' });
  const asText = h('input', { type: 'radio', name: 'format', value: 'text', id: 'format-text', checked: true });
  const asHtml = h('input', { type: 'radio', name: 'format', value: 'html', id: 'format-html' });
  const body = h('textarea', { id: 'article-body', name: 'body', rows: 14, required: true, spellcheck: 'false' });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Extract claims');
  const message = h('div', { role: 'status', 'aria-live': 'polite', class: 'submit-message' });
  const result = h('section', { class: 'submit-result', 'aria-label': 'Extracted claims' });

  const showError = (id: string, text: string | null) => {
    const el = errors.get(id);
    if (!el) return;
    el.hidden = text === null;
    el.textContent = text ?? '';
  };

  const form = h(
    'form',
    {
      class: 'submit-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        for (const id of errors.keys()) showError(id, null);
        // A new attempt replaces the last result: an error must never sit above an older list of claims.
        replace(result);
        const text = body.value;
        if (!text.trim()) {
          showError('article-body', 'Paste the article text or HTML.');
          body.focus();
          return;
        }
        const payload: Record<string, string> = asHtml.checked ? { html: text } : { text };
        if (title.value.trim()) payload.title = title.value.trim();
        if (url.value.trim()) payload.url = url.value.trim();
        if (source.value.trim()) payload.source = source.value.trim();
        if (published.value) payload.publishedAt = published.value;
        button.disabled = true;
        replace(message, h('p', { class: 'message info' }, 'Extracting claims…'));
        try {
          const { status, data } = await api.submitArticle(payload);
          invalidateCounts();
          const { article, claims } = data;
          const link = `#/article/${encodeURIComponent(article.articleId)}`;
          replace(
            message,
            h(
              'p',
              { class: 'message ok' },
              status === 201 ? `Stored “${article.title}” with ${count(claims.length, 'claim')}.` : `This text was already stored as “${article.title}”; nothing new was saved.`,
            ),
          );
          replace(
            result,
            h('h2', null, claims.length ? `${count(claims.length, 'claim')} found` : 'No check-worthy claims found'),
            h('p', null, h('a', { href: link, class: 'button primary', id: 'open-article' }, 'Open the article to review →')),
            h(
              'ol',
              { class: 'extracted' },
              claims.map((c) =>
                h(
                  'li',
                  null,
                  h('a', { href: `${link}/${encodeURIComponent(c.claimId)}` }, h('span', { class: 'score' }, score(c.checkworthiness)), ' ', c.text),
                  h('span', { class: 'queue-meta' }, h('span', { class: 'type' }, c.type), c.speaker ? h('span', { class: 'speaker' }, c.speaker) : null),
                ),
              ),
            ),
          );
          result.querySelector('h2')?.setAttribute('tabindex', '-1');
          (result.querySelector('h2') as HTMLElement | null)?.focus();
        } catch (error) {
          if (error instanceof ApiError && error.problem.errors?.length) {
            const map: Record<string, string> = { text: 'article-body', html: 'article-body', title: 'article-title-input', url: 'article-url', source: 'article-source', publishedAt: 'article-published' };
            for (const e of error.problem.errors) showError(map[e.path.split('.')[0] ?? ''] ?? 'article-body', e.message);
          }
          replace(message, h('p', { class: 'message error', role: 'alert' }, error instanceof ApiError && error.status === 413 ? 'The article is too long (at most 200,000 characters).' : messageOf(error)));
        } finally {
          button.disabled = false;
        }
      },
    },
    field('article-title-input', 'Title', title, 'Optional: the first line is used when empty.'),
    field('article-url', 'URL', url),
    field('article-source', 'Source or byline', source, 'The outlet and, if you like, the author. Stored as the article’s source (the API has no separate byline).'),
    field('article-published', 'Publication date', published, 'Optional: the day the article was published.'),
    h('fieldset', { class: 'format' }, h('legend', null, 'The article is'), h('label', null, asText, ' plain text'), h('label', null, asHtml, ' HTML')),
    field('article-body', 'Article', body),
    button,
  );
  replace(root, h('h1', null, 'Submit an article'), form, message, result);
  return { element: root, title: () => 'Submit an article' };
}
