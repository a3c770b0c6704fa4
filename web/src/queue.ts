/**
 * The review queue: one tab per status with counts (GET /stats, one request), most check-worthy first, more on
 * scroll; filters for article and type; claims that say the same thing grouped in one row (one verdict for the
 * group); a "Has this been checked?" search; the current view as a CSV file.
 */
import { api, ApiError, CLAIM_TYPES, saveBlob, STATUSES, type Claim, type ClaimStatus, type ClaimType, type QueueFilter } from './api.js';
import { can, currentIdentity } from './auth.js';
import { parseCsv } from './csv.js';
import { knownTitle, recentArticles, rememberTitle, titlesFor } from './desk-data.js';
import { h, replace } from './dom.js';
import { FIRST_KEYS, KEYMAP } from './keys.js';
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
      'The claims below wait for review, the most check-worthy first: start at the top. Open one to see it in its article, check it, then mark it verified, disputed or sourced (with a link), or dismiss it. Every status has its own tab.',
    ),
    h('table', { class: 'keys intro-keys' }, h('caption', null, 'The main keys (shown once; press ? for all of them, any time)'), h('tbody', null, KEYMAP.filter(([keys]) => FIRST_KEYS.includes(keys)).map(([keys, what]) => h('tr', null, h('th', { scope: 'row' }, h('kbd', null, keys)), h('td', null, what))))),
    h('button', { type: 'button', class: 'secondary small', onclick: () => box.replaceWith(short()) }, 'Got it'),
  );
  return box;
}

/** Counts per status from GET /stats: one request whatever the desk holds; cached briefly. */
let countCache: { at: number; counts: Record<ClaimStatus, number> } | undefined;
async function statusCounts(): Promise<Record<ClaimStatus, number>> {
  if (countCache && Date.now() - countCache.at < 5_000) return countCache.counts;
  const { statusCounts: counts } = await api.stats();
  countCache = { at: Date.now(), counts };
  return counts;
}

export function invalidateCounts(): void {
  countCache = undefined;
}

/** The queue's address: `#/queue/<status>?article=<id>&type=<type>`. */
export function queueHref(status: ClaimStatus, filter: QueueFilter): string {
  const search = new URLSearchParams();
  if (filter.articleId) search.set('article', filter.articleId);
  if (filter.type) search.set('type', filter.type);
  const text = search.toString();
  return `#/queue/${status}${text ? `?${text}` : ''}`;
}

export function readQueueFilter(search: string): QueueFilter {
  const params = new URLSearchParams(search);
  const type = params.get('type');
  const articleId = params.get('article');
  return {
    ...(articleId && /^[0-9a-f]{24}$/.test(articleId) ? { articleId } : {}),
    ...(type && (CLAIM_TYPES as readonly string[]).includes(type) ? { type: type as ClaimType } : {}),
  };
}

/** A row of the queue: its first claim and the claims of other articles that say the same thing. */
interface Group {
  lead: string;
  /** Other members' ids, in match order. */
  others: string[];
  row: HTMLElement;
  details?: HTMLElement;
}

export function queueView(status: ClaimStatus, announce: (m: string) => void, filter: QueueFilter = {}): View {
  const list = h('ol', { class: 'queue', 'aria-labelledby': `tab-${status}`, 'aria-busy': 'true' });
  const more = h('button', { type: 'button', class: 'secondary more', hidden: true }, 'Load more');
  const state = h('div', { class: 'queue-state', role: 'status', 'aria-live': 'polite' }, h('p', { class: 'loading' }, 'Loading…'));
  const sentinel = h('div', { class: 'sentinel', 'aria-hidden': 'true' });
  const countNote = h('p', { class: 'hint count-note' });
  const tabs = STATUSES.map((s) =>
    h(
      'a',
      { href: queueHref(s, filter), id: `tab-${s}`, class: `tab st-${s}`, 'aria-current': s === status ? 'page' : undefined },
      h('span', { class: 'tab-label' }, s),
      ' ',
      h('span', { class: 'tab-count', 'data-status': s }, '·'),
    ),
  );
  const root = h(
    'div',
    { class: 'queue-view' },
    h('h1', { class: 'visually-hidden' }, `Review queue: ${status}`),
    // The first screen's help and the search sit side by side on a wide screen, so the queue starts higher.
    h('div', { class: 'queue-top' }, intro(), similarSearch()),
    // Plain links (each status has its own address), marked current, rather than ARIA tabs that promise arrow keys.
    h('nav', { class: 'tabs', 'aria-label': 'Queue by status' }, tabs),
    filterBar(),
    countNote,
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
  const claims = new Map<string, Claim>();
  const groups = new Map<string, Group>();
  /** Which group a claim belongs to (its lead's id). */
  const groupOf = new Map<string, string>();
  const counts: Partial<Record<ClaimStatus, number>> = {};

  function filterBar(): HTMLElement {
    const articleSelect = h(
      'select',
      { id: 'filter-article', name: 'article' },
      h('option', { value: '' }, 'All articles'),
      filter.articleId ? h('option', { value: filter.articleId, selected: true }, knownTitle(filter.articleId) ?? 'This article') : null,
    );
    void recentArticles()
      .then((articles) => {
        if (disposed) return;
        for (const a of articles) {
          if (a.articleId === filter.articleId) {
            articleSelect.querySelector(`option[value="${a.articleId}"]`)!.textContent = a.title;
            continue;
          }
          articleSelect.appendChild(h('option', { value: a.articleId }, a.title));
        }
      })
      .catch(() => undefined);
    const typeSelect = h(
      'select',
      { id: 'filter-type', name: 'type' },
      h('option', { value: '' }, 'All types'),
      CLAIM_TYPES.map((t) => h('option', { value: t, selected: t === filter.type }, t)),
    );
    const go = () => {
      location.hash = queueHref(status, { articleId: articleSelect.value || undefined, type: (typeSelect.value || undefined) as ClaimType | undefined });
    };
    articleSelect.addEventListener('change', go);
    typeSelect.addEventListener('change', go);
    const csvStatus = h('span', { class: 'action-status', role: 'status' });
    const csv = h('button', { type: 'button', class: 'secondary small', 'data-action': 'csv', onclick: () => void downloadCsv(csvStatus) }, 'Download CSV');
    return h(
      'div',
      { class: 'filters', role: 'group', 'aria-label': 'Filter the queue' },
      h('div', { class: 'filter' }, h('label', { for: 'filter-article' }, 'Article'), articleSelect),
      h('div', { class: 'filter' }, h('label', { for: 'filter-type' }, 'Type'), typeSelect),
      h('div', { class: 'filter csv' }, csv, csvStatus),
    );
  }

  /** The current view as CSV: every page of the export (Link: rel=next), the type filter applied here (the export has none). */
  async function downloadCsv(say: HTMLElement): Promise<void> {
    say.textContent = 'Preparing…';
    try {
      const parts: string[] = [];
      let next: string | undefined;
      for (let pages = 0; pages < 100; pages++) {
        const page = await api.exportCsv({ status, articleId: filter.articleId }, next);
        const text = await page.blob.text();
        parts.push(pages === 0 ? text : text.slice(text.search(/\r?\n/) + (text.includes('\r\n') ? 2 : 1)));
        next = page.next;
        if (!next) break;
        say.textContent = `Preparing… (${pages + 2} pages)`;
      }
      let text = parts.join('');
      if (filter.type) {
        const records = parseCsv(text);
        const column = records[0]?.fields.indexOf('type') ?? -1;
        if (column >= 0) text = records.filter((r, i) => i === 0 || r.fields[column] === filter.type).map((r) => r.raw).join('\r\n') + '\r\n';
      }
      const rows = Math.max(0, parseCsv(text).length - 1);
      saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), `claims-${status}${filter.type ? `-${filter.type}` : ''}${filter.articleId ? `-${filter.articleId}` : ''}.csv`);
      say.textContent = `Downloaded ${rows} ${rows === 1 ? 'row' : 'rows'}.`;
    } catch (error) {
      say.textContent = messageOf(error);
    }
  }

  async function loadPage(): Promise<void> {
    if (loading || disposed) return;
    loading = true;
    more.disabled = true;
    try {
      const page = await api.queue(status, cursor, 30, filter);
      if (disposed) return;
      for (const claim of page.items) add(claim);
      loaded += page.items.length;
      cursor = page.nextCursor;
      more.hidden = !cursor;
      list.setAttribute('aria-busy', 'false');
      replace(
        state,
        loaded === 0
          ? h(
              'p',
              { class: 'empty' },
              filter.articleId || filter.type ? `No ${status} claims match these filters. ` : status === 'pending' ? 'Nothing waits for review. ' : `No ${status} claims yet. `,
              h('a', { href: '#/submit' }, 'Submit an article'),
            )
          : null,
      );
      if (first) {
        first = false;
        performance.mark('claimdesk:queue-rendered');
        document.documentElement.dataset.queueRendered = String(Math.round(performance.now()));
      }
      // Queue items carry their matches (API v1.2): the page groups from them, with no article read.
      regroup();
      void fillTitles(page.items.map((c) => c.articleId));
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

  /** Titles the page's claims lack (group members read by id carry none): from the article list, then single reads. */
  async function fillTitles(articleIds: string[]): Promise<void> {
    await titlesFor(articleIds).catch(() => undefined);
    if (disposed) return;
    for (const span of root.querySelectorAll<HTMLElement>('.article-title[data-article-id]')) {
      const title = knownTitle(span.dataset.articleId ?? '');
      if (title && span.textContent !== title) span.textContent = title;
    }
  }

  function showCounts(): void {
    for (const s of STATUSES) {
      const badge = root.querySelector(`.tab-count[data-status="${s}"]`);
      if (badge && counts[s] !== undefined) badge.textContent = String(counts[s]);
    }
  }

  async function loadCounts(): Promise<void> {
    try {
      // Narrowed to one article: its own statusCounts (from the article list) say more than the desk's totals.
      const article = filter.articleId ? (await recentArticles().catch(() => [])).find((a) => a.articleId === filter.articleId) : undefined;
      const found = article ? article.statusCounts : await statusCounts();
      if (disposed) return;
      Object.assign(counts, found);
      showCounts();
      countNote.textContent = filter.type ? 'Counts are for all types' + (article ? ' in this article.' : '.') : article ? 'Counts are for this article.' : '';
      countNote.hidden = !countNote.textContent;
    } catch {
      /* the tabs keep their dots; the queue itself still works */
    }
  }

  function moveCount(from: ClaimStatus, to: ClaimStatus): void {
    if (counts[from] !== undefined) counts[from]! -= 1;
    if (counts[to] !== undefined) counts[to]! += 1;
    showCounts();
    invalidateCounts();
  }

  /** Adds a claim of a page: a claim already shown as part of a group joins it instead of getting a row. */
  function add(claim: Claim): void {
    claims.set(claim.claimId, claim);
    if (claim.articleTitle) rememberTitle(claim.articleId, claim.articleTitle);
    const lead = groupOf.get(claim.claimId);
    if (lead && lead !== claim.claimId) {
      const group = groups.get(lead);
      if (group?.details && !group.details.hidden) renderMembers(group);
      return;
    }
    groupOf.set(claim.claimId, claim.claimId);
    const row = h('li', { 'data-group': claim.claimId }, item(claim));
    groups.set(claim.claimId, { lead: claim.claimId, others: [], row });
    list.appendChild(row);
  }

  /** One row per assertion: a row's `same` claims of other articles (in this status) join it, in queue order. */
  function regroup(): void {
    for (const group of groups.values()) {
      if (group.others.length || groupOf.get(group.lead) !== group.lead) continue;
      const claim = claims.get(group.lead);
      if (!claim?.matches?.length) continue;
      const others: string[] = [];
      for (const match of claim.matches) {
        if (match.relation !== 'same' || match.status !== status) continue;
        const owner = groupOf.get(match.claimId);
        const alone = owner === match.claimId && !groups.get(match.claimId)?.others.length;
        if (owner !== undefined && !alone) continue;
        if (alone) {
          const row = groups.get(match.claimId)!.row;
          // A row the reviewer is on stays put.
          if (row.contains(document.activeElement)) continue;
          row.remove();
          groups.delete(match.claimId);
        }
        groupOf.set(match.claimId, group.lead);
        others.push(match.claimId);
      }
      if (!others.length) continue;
      group.others = others;
      group.row.classList.add('grouped');
      group.row.appendChild(groupBar(group));
    }
  }

  function groupBar(group: Group): HTMLElement {
    const articles = new Set(group.others.map((id) => id.split('.')[0]));
    const toggle = h(
      'button',
      { type: 'button', class: 'secondary small group-toggle', 'aria-expanded': 'false', 'aria-controls': `group-${cssId(group.lead)}` },
      `+${group.others.length} more in ${articles.size === 1 ? 'another article' : `${articles.size} other articles`}`,
    );
    const details = h('div', { class: 'group-details', id: `group-${cssId(group.lead)}`, hidden: true });
    group.details = details;
    toggle.addEventListener('click', () => {
      const open = details.hidden;
      details.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      if (open) void expand(group);
    });
    return h('div', { class: 'group' }, toggle, details);
  }

  /** Reads the members not loaded with the queue (one GET each, at most 10) and lists them with the group's actions. */
  async function expand(group: Group): Promise<void> {
    const missing = group.others.filter((id) => !claims.has(id));
    if (missing.length) {
      replace(group.details!, h('p', { class: 'loading' }, 'Loading…'));
      await Promise.all(
        missing.map((id) =>
          api.getClaim(id).then(
            ({ claim }) => void claims.set(id, claim),
            () => undefined,
          ),
        ),
      );
      await fillTitles(group.others.map((id) => id.split('.')[0]!));
    }
    renderMembers(group);
  }

  function renderMembers(group: Group): void {
    const details = group.details!;
    const reviewer = can(currentIdentity(), 'review');
    const members = group.others.map((id) => claims.get(id));
    replace(
      details,
      h(
        'ul',
        { class: 'group-members', 'aria-label': 'The same claim in other articles' },
        members.map((claim, i) =>
          claim
            ? h(
                'li',
                { 'data-claim-id': claim.claimId },
                h('span', { class: `status-badge st-${claim.status}` }, claim.status),
                ' ',
                h('a', { href: `#/article/${encodeURIComponent(claim.articleId)}/${encodeURIComponent(claim.claimId)}` }, claim.text),
                ' ',
                h('span', { class: 'meta article-title', 'data-article-id': claim.articleId }, knownTitle(claim.articleId) ?? ''),
                claim.status !== status ? h('span', { class: 'meta' }, ` (now ${claim.status}: left out of the group's verdict)`) : null,
                h('span', { class: 'outcome', role: 'status' }),
              )
            : h('li', { 'data-claim-id': group.others[i] }, h('span', { class: 'meta' }, 'A claim that could not be read (archived or gone).')),
        ),
      ),
      reviewer
        ? h(
            'div',
            { class: 'group-actions', role: 'group', 'aria-label': `One verdict for all ${group.others.length + 1}` },
            h('span', { class: 'label' }, `Mark all ${group.others.length + 1}: `),
            (['verified', 'disputed', 'sourced', 'dismissed'] as const)
              .filter((s) => s !== status)
              .map((s) =>
                h(
                  'button',
                  { type: 'button', class: `secondary small st-${s}`, 'data-group-status': s, 'aria-keyshortcuts': `Shift+${keyOf(s).toUpperCase()}`, onclick: () => void groupVerdict(group, s) },
                  s,
                  ' ',
                  h('kbd', { 'aria-hidden': 'true' }, keyOf(s).toUpperCase()),
                ),
              ),
          )
        : null,
      h('p', { class: 'group-summary', role: 'status' }),
    );
  }

  /** One verdict for every claim of the group, each under its own If-Match; each claim says how it went. */
  async function groupVerdict(group: Group, to: ClaimStatus): Promise<void> {
    if (!can(currentIdentity(), 'review')) return announce('Marking claims needs the reviewer role.');
    if (group.details?.hidden !== false) {
      group.details!.hidden = false;
      group.row.querySelector('.group-toggle')?.setAttribute('aria-expanded', 'true');
    }
    await expand(group);
    const ids = [group.lead, ...group.others];
    let saved = 0;
    for (const id of ids) {
      const claim = claims.get(id);
      const say = (text: string, ok: boolean) => {
        const target = id === group.lead ? noteOf(group.row.querySelector<HTMLElement>('a.queue-item')!) : group.details!.querySelector(`li[data-claim-id="${cssEscape(id)}"] .outcome`);
        if (target) {
          target.textContent = text;
          target.classList.toggle('error', !ok);
        }
      };
      if (!claim) {
        say('Could not be read: not changed.', false);
        continue;
      }
      if (claim.status !== status && id !== group.lead) {
        say(`Left as ${claim.status}.`, true);
        continue;
      }
      if (claim.status === to) {
        say(`Already ${to}.`, true);
        continue;
      }
      try {
        const { claim: fresh } = await api.review(id, claim.version, { status: to });
        claims.set(id, fresh);
        saved++;
        moveCount(claim.status, to);
        say(`Marked ${to}.`, true);
        if (id === group.lead) group.row.querySelector('a.queue-item')!.className = `queue-item st-${to} reviewed`;
      } catch (error) {
        say(failure(error), false);
      }
    }
    const text = `${saved} of ${ids.length} marked ${to}${saved < ids.length ? '; the others say why on their line' : ''}.`;
    const summary = group.details!.querySelector('.group-summary');
    if (summary) summary.textContent = text;
    announce(text);
  }

  /** Quick review from the queue: the focused item gets the status; anything but a clean save sends the reviewer to the claim. */
  async function quickReview(to: ClaimStatus): Promise<void> {
    const link = focusedItem();
    const claim = link ? claims.get(link.dataset.claimId ?? '') : undefined;
    if (!link || !claim) return announce('Focus a claim first (j / k).');
    if (!can(currentIdentity(), 'review')) return announce('Marking claims needs the reviewer role.');
    if (claim.status === to) return announce(`Already ${to}.`);
    const note = noteOf(link);
    note.classList.remove('error');
    note.textContent = 'Saving…';
    try {
      const { claim: saved } = await api.review(claim.claimId, claim.version, { status: to });
      claims.set(saved.claimId, saved);
      link.className = `queue-item st-${saved.status} reviewed`;
      note.textContent = `Marked ${saved.status}`;
      moveCount(claim.status, to);
      announce(`Marked ${saved.status}.`);
    } catch (error) {
      const message = failure(error);
      note.textContent = message;
      note.classList.add('error');
      announce(message);
    }
  }

  function focusedItem(): HTMLAnchorElement | null {
    return document.activeElement instanceof HTMLAnchorElement && document.activeElement.classList.contains('queue-item') ? document.activeElement : null;
  }

  function item(claim: Claim): HTMLElement {
    return h(
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
        claim.rating ? h('span', { class: 'rating-badge' }, h('span', { class: 'visually-hidden' }, 'rated '), claim.rating) : null,
        claim.speaker ? h('span', { class: 'speaker' }, claim.speaker) : null,
        h('span', { class: 'article-title', 'data-article-id': claim.articleId }, claim.articleTitle ?? knownTitle(claim.articleId) ?? 'article'),
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
  void loadCounts();

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
      if (event.key === '/') return root.querySelector<HTMLInputElement>('#similar-text')?.focus(), true;
      // Shift + a status key: one verdict for the focused row's whole group.
      const upper = event.key.length === 1 && event.key !== event.key.toLowerCase() ? statusForKey(event.key.toLowerCase()) : undefined;
      if (upper) {
        const link = focusedItem();
        const group = link ? groups.get(groupOf.get(link.dataset.claimId ?? '') ?? '') : undefined;
        if (!group?.others.length) return announce('Shift + a status key marks a group: focus a row with “more in other articles”.'), true;
        return void groupVerdict(group, upper), true;
      }
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

/** "Has this been checked?": GET /claims/similar, one request. */
function similarSearch(): HTMLElement {
  const input = h('input', { id: 'similar-text', name: 'text', type: 'search', minlength: 3, maxlength: 2000, autocomplete: 'off', placeholder: 'Paste a claim to see if it was checked', 'aria-keyshortcuts': '/' });
  const results = h('div', { id: 'similar-results', role: 'status', 'aria-live': 'polite' });
  const form = h(
    'form',
    {
      class: 'similar',
      role: 'search',
      'aria-label': 'Has this been checked?',
      onsubmit: async (event: Event) => {
        event.preventDefault();
        const text = input.value.trim();
        if (text.length < 3) return replace(results, h('p', { class: 'field-error' }, 'Type at least 3 characters.'));
        replace(results, h('p', { class: 'loading' }, 'Searching…'));
        try {
          const { items } = await api.similar(text, 10);
          await titlesFor(items.map((i) => i.claim.articleId)).catch(() => undefined);
          replace(
            results,
            items.length
              ? [
                  h('p', { class: 'hint' }, `${items.length} stored ${items.length === 1 ? 'claim says' : 'claims say'} something like it:`),
                  h(
                    'ol',
                    { class: 'similar-list' },
                    items.map((item) =>
                      h(
                        'li',
                        { 'data-claim-id': item.claim.claimId },
                        h('span', { class: `status-badge st-${item.claim.status}` }, item.claim.status),
                        item.claim.rating ? [' ', h('span', { class: 'rating-badge' }, item.claim.rating)] : null,
                        ' ',
                        h('span', { class: `relation rel-${item.relation}` }, item.relation === 'same' ? 'same' : 'related'),
                        h('span', { class: 'meta' }, ` ${Math.round(item.similarity * 100)}% alike · `),
                        h('a', { href: `#/article/${encodeURIComponent(item.claim.articleId)}/${encodeURIComponent(item.claim.claimId)}` }, item.claim.text),
                        h('span', { class: 'meta' }, ` — ${knownTitle(item.claim.articleId) ?? 'article'}`),
                      ),
                    ),
                  ),
                ]
              : h('p', { class: 'muted' }, 'Nothing like it has been stored: not checked yet.'),
          );
        } catch (error) {
          replace(results, h('p', { class: 'message error' }, messageOf(error)));
        }
      },
    },
    h('label', { for: 'similar-text' }, 'Has this been checked? ', h('kbd', null, '/')),
    h('div', { class: 'similar-row' }, input, h('button', { type: 'submit', class: 'secondary' }, 'Search')),
    results,
  );
  return form;
}

function keyOf(status: ClaimStatus): string {
  return { verified: 'v', disputed: 'd', sourced: 's', dismissed: 'x', pending: 'p' }[status];
}

function noteOf(link: HTMLElement): HTMLElement {
  return link.querySelector<HTMLElement>('.queue-note') ?? link.appendChild(h('span', { class: 'queue-note', role: 'status' }));
}

function failure(error: unknown): string {
  return error instanceof ApiError && error.status === 412
    ? 'Someone else changed this claim first (412): open it to see their change.'
    : error instanceof ApiError && error.status === 409
      ? 'Not sourced: this claim has no source yet. Open it, then add one (a).'
      : messageOf(error);
}

const cssId = (id: string) => id.replace(/[^a-zA-Z0-9_-]/g, '_');
const cssEscape = (id: string) => (typeof CSS !== 'undefined' && CSS.escape ? CSS.escape(id) : id);

/** The score bar at its exact width (set through the CSSOM, which the CSP allows): 0.96 and 1.00 must look different. */
function fill(value: number): HTMLElement {
  const bar = h('span', { class: 'fill' });
  bar.style.width = `${Math.min(100, Math.max(0, value * 100)).toFixed(1)}%`;
  return bar;
}
