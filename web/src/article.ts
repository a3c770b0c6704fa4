/** The article view: full text with every claim highlighted in place, the claim list, and the review panel. */
import { api, STATUSES, type Article, type Claim } from './api.js';
import { count, formatPublished, formatTime, h, replace, safeHttpUrl } from './dom.js';
import { layout } from './highlight.js';
import { invalidateCounts } from './queue.js';
import { messageOf, ReviewPanel, score, statusForKey } from './review.js';
import type { View } from './view.js';
import { queueWalk, setWalkOrder, walkOrder } from './walk.js';

const KIND_LABEL: Partial<Record<string, string>> = {
  caption: 'Caption',
  credit: 'Credit',
  byline: 'Byline',
  dateline: 'Dateline',
  headline: 'Headline',
  standfirst: 'Standfirst',
  question: 'Question',
  opinion: 'Opinion',
};

export function articleView(articleId: string, claimId: string | undefined, announce: (m: string) => void): View {
  const root = h('div', { class: 'article-view' }, h('p', { class: 'loading' }, 'Loading article…'));
  let article: Article | undefined;
  let claims: Claim[] = [];
  let selected: string | undefined = claimId;
  const marks = new Map<string, HTMLElement[]>();
  const listItems = new Map<string, HTMLElement>();
  const side = h('nav', { class: 'claims-side', 'aria-label': 'Claims in this article' });
  const counts = h('ul', { class: 'counts', 'aria-label': 'Claims by status' });
  const orderBox = h('div', { class: 'walk', role: 'group', 'aria-label': 'Order of j and k', hidden: true });
  const panel = new ReviewPanel({
    announce,
    onClaimChanged: (claim) => update(claim),
    onClose: () => root.classList.remove('reviewing'),
  });

  function update(claim: Claim): void {
    const index = claims.findIndex((c) => c.claimId === claim.claimId);
    if (index < 0) return;
    const before = claims[index]!;
    if (claim.version < before.version) return;
    if (claim.status !== before.status) invalidateCounts();
    claims[index] = claim;
    for (const mark of marks.get(claim.claimId) ?? []) mark.className = markClass(claim, selected);
    marks.get(claim.claimId)?.[0]?.setAttribute('aria-label', markLabel(claim));
    // Update the list entry in place so a focused link keeps focus.
    const link = listItems.get(claim.claimId)?.querySelector('a');
    if (link) {
      link.className = `claim-link st-${claim.status}`;
      const hidden = link.querySelector('.visually-hidden');
      if (hidden) hidden.textContent = statusText(claim);
    }
    renderCounts();
  }

  function markClass(claim: Claim, current: string | undefined): string {
    return `claim st-${claim.status}${claim.claimId === current ? ' selected' : ''}`;
  }

  function renderCounts(): void {
    replace(
      counts,
      STATUSES.map((status) => {
        const n = claims.filter((c) => c.status === status).length;
        return h('li', { class: `count st-${status}`, 'data-status': status }, h('span', { class: 'n' }, String(n)), ` ${status}`);
      }),
    );
  }

  function listItem(claim: Claim): HTMLElement {
    const item = h(
      'li',
      null,
      h(
        'a',
        {
          href: `#/article/${encodeURIComponent(articleId)}/${encodeURIComponent(claim.claimId)}`,
          class: `claim-link st-${claim.status}`,
          'aria-current': claim.claimId === selected ? 'true' : undefined,
          'data-claim-id': claim.claimId,
          onclick: (event: Event) => {
            event.preventDefault();
            select(claim.claimId, { focusPanel: true });
          },
        },
        h('span', { class: 'seq' }, `${claim.seq}`),
        h('span', { class: 'status-dot', 'aria-hidden': 'true' }),
        h('span', { class: 'link-text' }, claim.text),
        h('span', { class: 'visually-hidden' }, statusText(claim)),
      ),
    );
    listItems.set(claim.claimId, item);
    return item;
  }

  function select(id: string, options: { focusPanel?: boolean; scroll?: boolean } = {}): void {
    const phone = window.matchMedia('(max-width: 760px)').matches;
    const claim = claims.find((c) => c.claimId === id);
    if (!claim) return;
    const previous = selected;
    selected = id;
    for (const oldId of [previous, id]) {
      if (!oldId) continue;
      const c = claims.find((x) => x.claimId === oldId);
      if (c) for (const mark of marks.get(oldId) ?? []) mark.className = markClass(c, selected);
      const link = listItems.get(oldId)?.querySelector('a');
      const first = marks.get(oldId)?.[0];
      for (const el of [link, first]) {
        if (!el) continue;
        if (oldId === selected) el.setAttribute('aria-current', 'true');
        else el.removeAttribute('aria-current');
      }
    }
    history.replaceState(null, '', `#/article/${encodeURIComponent(articleId)}/${encodeURIComponent(id)}`);
    root.classList.add('reviewing');
    if (options.scroll !== false) {
      // On a phone the review sheet covers the lower half: bring the claim to the top instead of the middle.
      scrollWithin(side, listItems.get(id));
      marks.get(id)?.[0]?.scrollIntoView({ block: phone ? 'start' : 'center', behavior: 'auto' });
    }
    void panel.show(claim);
    // A tapped sentence must stay in sight above the review sheet.
    if (phone && options.scroll === false) keepAboveSheet(marks.get(id)?.[0], panel.element);
    if (options.focusPanel) panel.focusHeading();
    renderOrder();
  }

  /** Shows which order j / k follow, when the claim was opened from the queue. */
  function renderOrder(): void {
    const walk = queueWalk();
    const index = walk ? walk.steps.findIndex((s) => s.claimId === selected) : -1;
    orderBox.hidden = !walk || index < 0;
    if (!walk || index < 0) return;
    const order = walkOrder();
    const choice = (value: 'queue' | 'text', label: string) =>
      h('button', { type: 'button', class: 'secondary small', 'aria-pressed': String(order === value), 'data-order': value, onclick: () => switchOrder(value) }, label);
    replace(
      orderBox,
      h('span', { class: 'walk-label' }, 'j / k follow ', h('kbd', null, 'o'), ':'),
      choice('queue', `the ${walk.status} queue (${index + 1} of ${walk.steps.length})`),
      choice('text', 'the article text'),
    );
  }

  function switchOrder(order: 'queue' | 'text'): void {
    setWalkOrder(order);
    renderOrder();
    announce(order === 'queue' ? 'j and k now follow the queue.' : 'j and k now follow the article text.');
  }

  function step(delta: number): void {
    const walk = queueWalk();
    const at = walk && walkOrder() === 'queue' ? walk.steps.findIndex((s) => s.claimId === selected) : -1;
    if (walk && at >= 0) {
      const next = walk.steps[at + delta];
      if (!next) return announce(delta > 0 ? 'Last claim of the queue as loaded.' : 'First claim of the queue.');
      if (next.articleId !== articleId) {
        location.hash = `#/article/${encodeURIComponent(next.articleId)}/${encodeURIComponent(next.claimId)}`;
        return;
      }
      const claim = claims.find((c) => c.claimId === next.claimId);
      if (claim) {
        select(claim.claimId, { focusPanel: true });
        announce(`Queue ${at + delta + 1} of ${walk.steps.length}, ${claim.status}: ${claim.text}`);
        return;
      }
    }
    if (!claims.length) return;
    const index = claims.findIndex((c) => c.claimId === selected);
    const next = index < 0 ? (delta > 0 ? 0 : claims.length - 1) : Math.min(claims.length - 1, Math.max(0, index + delta));
    const claim = claims[next]!;
    if (claim.claimId === selected) return announce(delta > 0 ? 'Last claim.' : 'First claim.');
    select(claim.claimId, { focusPanel: true });
    announce(`Claim ${claim.seq} of ${claims.length}, ${claim.status}: ${claim.text}`);
  }

  function renderText(): HTMLElement {
    const text = article!.text;
    const byId = new Map(claims.map((c) => [c.claimId, c]));
    const body = h('div', { class: 'article-text', lang: 'en' });
    for (const paragraph of layout(text, claims, article!.segments ?? [])) {
      const kind = paragraph.kind;
      const p = h('p', { class: kind ? `para kind-${kind}` : 'para', 'data-kind': kind && KIND_LABEL[kind] ? KIND_LABEL[kind] : undefined });
      for (const run of paragraph.runs) {
        const claim = run.claimId ? byId.get(run.claimId) : undefined;
        const content: Node =
          run.kind && run.kind !== kind && KIND_LABEL[run.kind]
            ? h('span', { class: `kind-${run.kind}`, title: KIND_LABEL[run.kind] }, run.text)
            : document.createTextNode(run.text);
        if (claim) {
          const list = marks.get(claim.claimId) ?? [];
          const mark = h('mark', { class: markClass(claim, selected), 'data-claim-id': claim.claimId, title: `Claim ${claim.seq} · ${claim.status} · ${score(claim.checkworthiness)}` }, content);
          mark.addEventListener('click', () => select(claim.claimId, { focusPanel: false, scroll: false }));
          if (!list.length) {
            // The first piece of each claim is a stop for Tab and a button for screen readers: the text is operable, not only j / k.
            mark.tabIndex = 0;
            mark.setAttribute('role', 'button');
            mark.setAttribute('aria-label', markLabel(claim));
            if (claim.claimId === selected) mark.setAttribute('aria-current', 'true');
            mark.addEventListener('keydown', (event) => {
              if (event.key !== 'Enter' && event.key !== ' ') return;
              event.preventDefault();
              select(claim.claimId, { focusPanel: true, scroll: false });
            });
          }
          list.push(mark);
          marks.set(claim.claimId, list);
          p.appendChild(mark);
        } else p.appendChild(content);
      }
      body.appendChild(p);
    }
    return body;
  }

  async function load(): Promise<void> {
    try {
      const result = await api.getArticle(articleId);
      article = result.article;
      claims = [...result.claims].sort((a, b) => a.start - b.start);
    } catch (error) {
      replace(root, h('h1', null, 'Article'), h('p', { class: 'message error', role: 'alert' }, messageOf(error)), h('p', null, h('a', { href: '#/queue/pending' }, '← Back to the queue')));
      return;
    }
    const a = article;
    const url = a.url ? safeHttpUrl(a.url) : null;
    renderCounts();
    const list = h('ol', { class: 'claim-list' }, claims.map((c) => listItem(c)));
    replace(
      side,
      h('h2', null, count(claims.length, 'claim')),
      counts,
      h('p', { class: 'legend' }, h('span', { class: 'legend-caption' }, 'grey italic'), ' = caption, credit, byline (not checked)'),
      list,
    );
    replace(
      root,
      h(
        'header',
        { class: 'article-head' },
        h('p', { class: 'crumbs' }, h('a', { href: '#/queue/pending' }, '← Queue')),
        h('h1', { id: 'article-title' }, a.title),
        h(
          'p',
          { class: 'meta' },
          [a.source, a.publishedAt ? `published ${formatPublished(a.publishedAt)}` : null, `submitted by ${a.createdBy}, ${formatTime(a.createdAt)}`].filter(Boolean).join(' · '),
          url ? [' · ', h('a', { href: url, target: '_blank', rel: 'noopener noreferrer nofollow', referrerpolicy: 'no-referrer' }, 'original')] : null,
        ),
        orderBox,
      ),
      side,
      h('article', { class: 'article-body', 'aria-labelledby': 'article-title' }, renderText()),
      panel.element,
    );
    if (!claims.length) panel.element.replaceChildren(h('p', { class: 'empty' }, 'The extractor found no check-worthy claims in this article.'));
    // Opened with a claim (from the queue, a link, a reload): focus lands on its review, where the next action is.
    if (selected && claims.some((c) => c.claimId === selected)) select(selected, { scroll: true, focusPanel: true });
  }

  void load();

  return {
    element: root,
    title: () => article?.title ?? 'Article',
    onKey(event) {
      // On a phone the review sheet may be closed: a review key opens it so the result is seen.
      if (panel.current && 'vdspna'.includes(event.key)) root.classList.add('reviewing');
      const to = statusForKey(event.key);
      if (to) {
        void panel.setStatus(to);
        return !!panel.current;
      }
      switch (event.key) {
        case 'j':
          step(1);
          return true;
        case 'k':
          step(-1);
          return true;
        case 'o':
          if (orderBox.hidden) return false;
          switchOrder(walkOrder() === 'queue' ? 'text' : 'queue');
          return true;
        case 'n':
          panel.focusNote();
          return !!panel.current;
        case 'a':
          panel.focusSource();
          return !!panel.current;
        case 'Escape':
          root.classList.remove('reviewing');
          return true;
      }
      return false;
    },
  };
}

function markLabel(claim: Claim): string {
  return `Claim ${claim.seq}, ${claim.status}: ${claim.text}`;
}

/** On a phone: scrolls the page so `mark` sits above the review sheet's top edge. */
function keepAboveSheet(mark: HTMLElement | undefined, sheet: HTMLElement): void {
  if (!mark) return;
  const sheetTop = sheet.getBoundingClientRect().top;
  const rect = mark.getBoundingClientRect();
  if (rect.top >= 0 && rect.bottom <= sheetTop - 8) return;
  mark.scrollIntoView({ block: 'start', behavior: 'auto' });
}

function statusText(claim: Claim): string {
  return `, ${claim.status}, score ${score(claim.checkworthiness)}`;
}

/** Scrolls a scrollable box so that `item` shows, without moving the page itself. */
function scrollWithin(box: HTMLElement, item: HTMLElement | undefined): void {
  if (!item || box.scrollHeight <= box.clientHeight) return;
  const boxRect = box.getBoundingClientRect();
  const itemRect = item.getBoundingClientRect();
  if (itemRect.top >= boxRect.top && itemRect.bottom <= boxRect.bottom) return;
  box.scrollTop += itemRect.top - boxRect.top - (box.clientHeight - itemRect.height) / 2;
}
