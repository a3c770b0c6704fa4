/**
 * "Seen before": the claims of other articles that say the same thing (or nearly), with their status, their
 * article and the differing number or word highlighted, so a verdict already given is found and reused.
 */
import { api, type Claim, type ClaimMatch } from './api.js';
import { readArticle } from './desk-data.js';
import { differingWords, wordDifference, type Piece } from './difference.js';
import { h, replace } from './dom.js';

export interface SeenMatch {
  match: ClaimMatch;
  /** The matched claim as its article says now (status, rating, wording), when it could be read. */
  claim?: Claim;
  title: string;
  gone?: 'archived' | 'missing';
}

/** A `same` match whose verdict can be reused: reviewed, not pending, still there. */
export function reusable(seen: SeenMatch[]): SeenMatch | undefined {
  return seen.find((s) => s.match.relation === 'same' && !s.gone && s.match.status !== 'pending');
}

/** Reads the matched claims' articles (one request per article, cached) and returns the matches with what they say. */
export async function loadMatches(claim: Claim): Promise<SeenMatch[]> {
  const matches = claim.matches ?? [];
  return Promise.all(
    matches.map(async (match): Promise<SeenMatch> => {
      try {
        const article = await readArticle(match.articleId);
        let found = article.claims?.find((c) => c.claimId === match.claimId);
        // A verdict that may be applied is read fresh (its rating may have changed since the article was cached).
        if (match.relation === 'same' && match.status !== 'pending' && !article.gone) found = (await api.getClaim(match.claimId).catch(() => undefined))?.claim ?? found;
        return { match, title: article.title, ...(found ? { claim: found } : {}), ...(article.gone ? { gone: article.gone } : {}) };
      } catch {
        return { match, title: 'article (could not be read)' };
      }
    }),
  );
}

/** The API's `differences` (`{ here, there, changed }`: words of this claim and of the matched one), when it sends them. */
function given(match: ClaimMatch): { here: string[]; there: string[]; changed: string[] } | undefined {
  const value = (match as ClaimMatch & { differences?: unknown }).differences;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const d = value as Record<string, unknown>;
  const result = { here: list(d.here), there: list(d.there), changed: list(d.changed) };
  return result.here.length || result.there.length ? result : undefined;
}

/** Marks in `pieces` the words the API named, when it named any (else our own comparison stands). */
function markNamed(pieces: Piece[], text: string, words: string[]): Piece[] {
  if (!words.length) return pieces;
  const out: Piece[] = [];
  let at = 0;
  const pattern = new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  for (const found of text.matchAll(pattern)) {
    if (found.index > at) out.push({ text: text.slice(at, found.index), differs: false });
    out.push({ text: found[0], differs: true });
    at = found.index + found[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), differs: false });
  return out.some((p) => p.differs) ? out : pieces;
}

const percent = (value: number) => `${Math.round(value * 100)}%`;

export function renderSeenBefore(box: HTMLElement, claim: Claim, seen: SeenMatch[] | undefined, apply: (seen: SeenMatch) => void, canReview: boolean): void {
  if (!claim.matches?.length) {
    replace(box);
    return;
  }
  if (!seen) {
    replace(box, h('h3', { id: 'seen-heading' }, `Seen before (${claim.matches.length})`), h('p', { class: 'muted' }, 'Loading…'));
    return;
  }
  const first = reusable(seen);
  replace(
    box,
    h('h3', { id: 'seen-heading' }, `Seen before (${seen.length})`),
    h(
      'ol',
      { class: 'seen-list', 'aria-labelledby': 'seen-heading' },
      seen.map((item) => {
        // The match's status is fresh (GET /claims/{id} fills it in); the cached claim may be older.
        const status = item.match.status;
        const theirText = item.claim?.text;
        const named = given(item.match);
        const computed = theirText ? wordDifference(claim.text, theirText) : undefined;
        const theirPieces = computed && theirText ? (named ? markNamed(computed.theirs, theirText, named.there) : computed.theirs) : undefined;
        const words = named?.there.length ? named.there : theirPieces ? differingWords(theirPieces) : [];
        const ourWords = named?.here.length ? named.here : computed ? differingWords(computed.ours) : [];
        return h(
          'li',
          { class: `seen-item rel-${item.match.relation}`, 'data-claim-id': item.match.claimId, 'data-relation': item.match.relation },
          h(
            'p',
            { class: 'seen-head' },
            h('span', { class: `relation rel-${item.match.relation}` }, item.match.relation === 'same' ? 'Same claim' : 'Related'),
            ' ',
            h('span', { class: `status-badge st-${status}` }, status),
            item.claim?.rating ? [' ', h('span', { class: 'rating-badge' }, `rated ${item.claim.rating}`)] : null,
            h('span', { class: 'meta' }, ` ${percent(item.match.similarity)} alike`),
          ),
          h(
            'p',
            { class: 'seen-article' },
            'in ',
            item.gone
              ? h('em', null, item.gone === 'archived' ? 'an archived article' : 'an article that is gone')
              : h('a', { href: `#/article/${encodeURIComponent(item.match.articleId)}/${encodeURIComponent(item.match.claimId)}` }, item.title),
          ),
          theirPieces
            ? h(
                'blockquote',
                { class: 'seen-text' },
                theirPieces.map((p) => (p.differs ? h('mark', { class: 'diff' }, p.text) : p.text)),
              )
            : null,
          item.match.relation === 'related' && (words.length || ourWords.length)
            ? h(
                'p',
                { class: 'seen-diff' },
                h('span', { class: 'label' }, 'Differs: '),
                h('strong', null, ourWords.join(' ') || '—'),
                ' here, ',
                h('strong', null, words.join(' ') || '—'),
                ' there',
                named?.changed.length ? h('span', { class: 'meta' }, ` (${named.changed.join(', ')})`) : null,
              )
            : null,
          canReview && item.match.relation === 'same' && !item.gone && status !== 'pending'
            ? h(
                'button',
                { type: 'button', class: 'secondary small apply-match', 'aria-keyshortcuts': item === first ? 'b' : undefined, onclick: () => apply(item) },
                `Apply its verdict (${status}${item.claim?.rating ? `, ${item.claim.rating}` : ''}) `,
                item === first ? h('kbd', { 'aria-hidden': 'true' }, 'b') : null,
              )
            : null,
        );
      }),
    ),
  );
}
