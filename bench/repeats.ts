/**
 * Lookup cost of repeated-claim matching at different table sizes (docs/MATCHING.md, "Cost at 1k and 100k claims").
 * Starts an in-memory DynamoDB Local, loads N claims through lib/store (claim items, their 16 LSH index entries,
 * article META items), then times lookups as ingest makes them (one claim: lib/repeats findRepeats) and as
 * GET /claims/similar makes them, counting the DynamoDB requests each sends. Optionally ingests an article of
 * 1,000 claims through submitArticle (the whole POST /articles path minus HTTP).
 *
 *   npx tsx bench/repeats.ts [--claims 1000,100000] [--lookups 200] [--ingest]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { distinctClaims, MATCH_BUDGET_MS, reviewableClaims, submitArticle } from '../lib/articles.js';
import { analyseArticle as analyseWith, defaultExtractor } from '../lib/extract/index.js';

const analyseArticle = (text: string) => analyseWith(text, defaultExtractor());
import { normaliseArticleText } from '../lib/text.js';
import { secretKey } from '../lib/auth.js';
import { readConfig } from '../lib/config.js';
import { createDesk, type Desk } from '../lib/desk.js';
import { bandKeys } from '../lib/match/index.js';
import { findRepeats, matchTextOf, similarClaims } from '../lib/repeats.js';
import { metaItem } from '../lib/store/articles.js';
import { claimItem } from '../lib/store/claims.js';
import type { Item } from '../lib/store/items.js';
import { claimIdOf } from '../lib/store/keys.js';
import { indexEntryItems, putInParallel } from '../lib/store/matches.js';
import type { Claim } from '../schemas/claim.js';
import { startDynamoDbLocal } from '../scripts/local/dynamodb.js';
import { freePort } from '../scripts/local/processes.js';
import { ensureTable } from '../scripts/local/table.js';
import { seededRandom } from '../scripts/stats.js';

const { values } = parseArgs({
  options: { claims: { type: 'string', default: '1000,100000' }, lookups: { type: 'string', default: '200' }, ingest: { type: 'boolean', default: false } },
});
const sizes = values.claims.split(',').map(Number);
const LOOKUPS = Number(values.lookups);
const CLAIMS_PER_ARTICLE = 20;

/** Distinct sentences of ≥ 7 words from the check-worthiness data: the stored claims and the lookups. */
function sentences(): { yes: string[]; all: string[] } {
  const yes = new Set<string>();
  const all = new Set<string>();
  for (const file of ['train', 'dev', 'dev-test']) {
    const lines = readFileSync(new URL(`../data/checkworthiness/CT24_checkworthy_english_${file}.tsv`, import.meta.url), 'utf8').split('\n').slice(1);
    for (const line of lines) {
      const [, text, label] = line.split('\t');
      if (!text || text.split(' ').length < 7) continue;
      const clean = text.replace(/^"|"$/g, '').replace(/""/g, '"');
      all.add(clean);
      if (label?.trim() === 'Yes') yes.add(clean);
    }
  }
  return { yes: [...yes], all: [...all] };
}

/** n claim texts: the corpus first, then splices of two sentences (seeded), so every text is distinct. */
function claimTexts(corpus: string[], n: number, random: () => number): string[] {
  const out = corpus.slice(0, n);
  while (out.length < n) {
    const a = corpus[Math.floor(random() * corpus.length)]!.split(' ');
    const b = corpus[Math.floor(random() * corpus.length)]!.split(' ');
    out.push([...a.slice(0, Math.ceil(a.length / 2)), ...b.slice(Math.floor(b.length / 2))].join(' ') + ` (${out.length})`);
  }
  return out;
}

function storedClaim(articleId: string, seq: number, text: string, at: string): Claim {
  return {
    seq, text, start: 0, end: text.length, checkworthiness: 0.8, type: 'other', claimId: claimIdOf(articleId, seq), articleId,
    status: 'pending', version: 1, sources: [], createdAt: at, updatedAt: at,
  };
}

async function load(desk: Desk, texts: string[], from: number): Promise<void> {
  const at = new Date().toISOString();
  const items: Item[] = [];
  const flush = async (force: boolean) => {
    if (items.length >= 20_000 || (force && items.length)) await putInParallel(desk.storage, items.splice(0), 8);
  };
  for (let i = from; i < texts.length; i += CLAIMS_PER_ARTICLE) {
    const articleId = i.toString(16).padStart(24, '0');
    const claims = texts.slice(i, i + CLAIMS_PER_ARTICLE).map((text, k) => storedClaim(articleId, k + 1, text, at));
    items.push(
      metaItem({
        articleId, title: `Bench ${i}`, createdAt: at, createdBy: 'bench', contentHash: articleId, claimCount: claims.length,
        statusCounts: { pending: claims.length, verified: 0, disputed: 0, sourced: 0, dismissed: 0 }, state: 'complete',
        linkSummaries: true, // no links stored here: the (empty) summaries are complete
      }),
    );
    for (const claim of claims) items.push(claimItem(claim), ...indexEntryItems({ claimId: claim.claimId, articleId, text: matchTextOf(claim) }, bandKeys(claim.text)));
    await flush(false);
  }
  await flush(true);
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function edit(text: string, random: () => number): string {
  const r = random();
  if (r < 0.33) return text.replace(/\d+/, (n) => String(Number(n) * 10)); // a changed number (or unchanged text)
  if (r < 0.66) return text.replace(/,/g, '').replace(/\bpercent\b/g, '%').toLowerCase(); // light rewording
  return text.split(' ').slice(1).join(' '); // a dropped word
}

async function main() {
  const port = await freePort();
  const dynamo = await startDynamoDbLocal({ port });
  const tableName = 'claimdesk-bench';
  await ensureTable(dynamo.endpoint, tableName);
  const desk = createDesk({ ...readConfig({}), tableName, dynamodbEndpoint: dynamo.endpoint }, secretKey('b'.repeat(48)));
  let requests = 0;
  desk.storage.db.middlewareStack.add((next) => async (args) => {
    requests++;
    return next(args);
  }, { step: 'initialize', name: 'countRequests' });

  const random = seededRandom(20261203);
  const { yes, all } = sentences();
  const corpus = [...yes, ...all.filter((s) => !yes.includes(s))];
  const texts = claimTexts(corpus, Math.max(...sizes), random);
  console.log(`corpus ${corpus.length} sentences; loading up to ${texts.length} claims (${CLAIMS_PER_ARTICLE} per article)`);
  let loaded = 0;
  for (const size of sizes) {
    const t0 = Date.now();
    await load(desk, texts.slice(0, size), loaded);
    loaded = size;
    console.log(`loaded ${size} claims (+${((Date.now() - t0) / 1000).toFixed(1)} s)`);

    for (const kind of ['ingest (one claim)', 'similar (limit 10)'] as const) {
      const latencies: number[] = [];
      const counts: number[] = [];
      let found = 0;
      for (let i = 0; i < LOOKUPS; i++) {
        // half the lookups repeat a stored claim (edited), half are sentences of no stored claim
        const text = i % 2 === 0 ? edit(texts[Math.floor(random() * size)]!, random) : all[all.length - 1 - i]!;
        const before = requests;
        const t = performance.now();
        if (kind === 'similar (limit 10)') {
          found += (await similarClaims(desk, text, 10)).length > 0 ? 1 : 0;
        } else {
          const claim = storedClaim('f'.repeat(24), 1, text, new Date().toISOString());
          found += (await findRepeats(desk, claim.articleId, [claim], claim.createdAt)).matches.size;
        }
        latencies.push(performance.now() - t);
        counts.push(requests - before);
      }
      latencies.sort((a, b) => a - b);
      counts.sort((a, b) => a - b);
      console.log(
        `${size} claims · ${kind}: requests per lookup median ${percentile(counts, 50)}, max ${counts.at(-1)}; ` +
          `latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms; ${found}/${LOOKUPS} found a match`,
      );
    }

    if (values.ingest) {
      // an article of exactly 1,000 claims (API v1.2's most), from check-worthy sentences stored nowhere yet
      let paragraphs = 1040;
      let text = '';
      let claims = 0;
      do {
        text = `Bench article ${size}\n\n${yes.slice(-paragraphs).join('\n\n')}`;
        claims = distinctClaims(reviewableClaims(analyseArticle(normaliseArticleText(text)))).claims.length;
        paragraphs -= Math.max(1, claims - 1000);
      } while (claims > 1000);
      const at = new Date().toISOString();
      const own = 'd'.repeat(24);
      const stored = distinctClaims(reviewableClaims(analyseArticle(normaliseArticleText(text)))).claims.map((c) => storedClaim(own, c.seq, c.text, at));
      let before = requests;
      let t = performance.now();
      const full = await findRepeats(desk, own, stored, at);
      console.log(
        `${size} claims · matching an article of ${stored.length} claims without a deadline: ${((performance.now() - t) / 1000).toFixed(1)} s, ` +
          `${requests - before} requests, ${full.matches.size} claims matched`,
      );
      before = requests;
      t = performance.now();
      const result = await submitArticle(desk, { text }, { name: 'bench', roles: ['editor'] });
      console.log(
        `${size} claims · POST /articles path (submitArticle, ${MATCH_BUDGET_MS / 1000} s matching budget) for ${result.claims.length} claims: ` +
          `${((performance.now() - t) / 1000).toFixed(1)} s, ${requests - before} requests`,
      );
    }
  }
  desk.storage.db.destroy();
  await dynamo.stop();
}

await main();
