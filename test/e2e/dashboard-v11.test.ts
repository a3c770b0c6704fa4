/**
 * The dashboard's v1.1 features in Debian's Chromium against the real stack: tab counts from GET /stats, dismiss and
 * ratings, the "Seen before" panel and verdict reuse, the grouped queue and its one verdict (with a 412 on one claim),
 * the "Has this been checked?" search, filters, CSV and ClaimReview downloads, the overview, archive and restore —
 * and axe-core on each new view (zero violations).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page, Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.js';
import { client } from '../support/http.js';
import { startStack, type Stack } from '../support/stack.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface ClaimRef {
  claimId: string;
  articleId: string;
  seq: number;
  text: string;
  type: string;
  version: number;
  checkworthiness: number;
}

const LEEDS = 'The council of Leeds said it spent £21 million on roads in 2021, up 4% on 2020.';
const BRISTOL = (rate: string) => `Unemployment in Bristol fell to ${rate} last year, the lowest figure since 2008.`;
const CARDIFF = 'The minister said the new hospital in Cardiff will open in 2025 with 400 beds.';
const YORK = 'Police in York recorded 1,240 burglaries in 2022, a rise of 18% in two years.';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
let alice = '';
let bob = '';
let root = '';
const articles: Record<'a' | 'b' | 'c', { articleId: string; title: string; claims: ClaimRef[] }> = {} as never;
const pageErrors: string[] = [];

async function api(method: string, path: string, token: string, body?: unknown, ifMatch?: number) {
  return client(stack.baseUrl, token)(method, path, { body, headers: ifMatch === undefined ? {} : { 'If-Match': `"${ifMatch}"` } });
}

async function claimNow(claimId: string) {
  const { status, body } = await api('GET', `/claims/${claimId}`, bob);
  expect(status).toBe(200);
  return body.claim as ClaimRef & { status: string; rating?: string; version: number; note?: string; updatedBy?: string };
}

/** A change through the API by `token`, on top of the claim's current version. */
async function change(claimId: string, body: Record<string, unknown>, token = bob) {
  const current = await claimNow(claimId);
  const result = await api('PATCH', `/claims/${claimId}`, token, body, current.version);
  expect(result.status).toBe(200);
  return result.body.claim;
}

const find = (key: 'a' | 'b' | 'c', starts: string) => {
  const claim = articles[key].claims.find((c) => c.text.startsWith(starts));
  if (!claim) throw new Error(`no claim starting "${starts}" in ${key}: ${articles[key].claims.map((c) => c.text).join(' | ')}`);
  return claim;
};

async function openPage(viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce', locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
  context.setDefaultTimeout(30_000);
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    pageErrors.push(`unexpected dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return page;
}

async function signIn(page: Page, token: string, sub: string, hash = '#/queue/pending'): Promise<void> {
  await page.goto(`${stack.baseUrl}/#token=${token}`);
  await poll(() => page.locator('#whoami').textContent()).toBe(sub);
  // the intro is shown once per browser: dismiss it so later screens are the everyday ones
  await page.evaluate((to) => {
    localStorage.setItem('claimdesk.intro-seen', 'yes');
    location.hash = to;
  }, hash);
}

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 50 });
const panel = (page: Page) => page.locator('section.review');
const heading = (page: Page) => panel(page).locator('#review-heading');
const row = (page: Page, claimId: string) => page.locator(`ol.queue > li[data-group="${claimId}"]`);

async function settle(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await target.or(page.locator('button.retry')).first().waitFor();
    if (await target.count()) return;
    if (attempt === 2) throw new Error(`page kept failing: ${await page.locator('.message.error').first().textContent()}`);
    await page.locator('button.retry').first().click();
  }
}

async function openClaim(page: Page, claim: ClaimRef): Promise<void> {
  const fresh = page.waitForResponse((r) => r.url().endsWith(`/claims/${claim.claimId}`) && r.request().method() === 'GET');
  await page.evaluate((to) => (location.hash = to), `#/article/${claim.articleId}/${claim.claimId}`);
  await fresh;
  await poll(() => heading(page).textContent()).toBe(`Claim ${claim.seq}`);
}

async function axeViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => `${v.id}: ${v.help} — ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
  });
}
const axeViews: string[] = [];
async function expectAccessible(page: Page, view: string): Promise<void> {
  expect(await axeViolations(page), view).toEqual([]);
  axeViews.push(view);
}

/** Every API request the page makes from now on (path and query), to count what a view costs. */
function recordRequests(page: Page): string[] {
  const seen: string[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/app/') && url.pathname !== '/') seen.push(`${request.method()} ${url.pathname}${url.search}`);
  });
  return seen;
}

async function submit(title: string, sentences: string[]) {
  const body = { text: `${title}\n\n${sentences.join('\n\n')}`, title };
  let result = await api('POST', '/articles', alice, body);
  // A busy machine can time the first extraction out: send again (the same text is stored once).
  if (result.status >= 500) result = await api('POST', '/articles', alice, body);
  expect([200, 201]).toContain(result.status);
  return { articleId: result.body.article.articleId as string, title, claims: result.body.claims as ClaimRef[] };
}

describe.skipIf(!hasChromium)('dashboard v1.1 (#10, #11, #14, #16) in Chromium', () => {
  beforeAll(async () => {
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    alice = await stack.token('alice', ['reviewer', 'editor']);
    bob = await stack.token('bob', ['reviewer']);
    root = await stack.token('root', ['admin']);
    await fetch(`${stack.baseUrl}/`);
    articles.a = await submit('Regional round-up', [LEEDS, BRISTOL('3.2%'), CARDIFF]);
    articles.b = await submit('Weekly figures', [LEEDS, BRISTOL('4.1%'), CARDIFF]);
    articles.c = await submit('Morning briefing', [LEEDS, YORK]);
    for (const key of ['a', 'b', 'c'] as const) expect(articles[key].claims.length, key).toBeGreaterThanOrEqual(2);
  });
  afterAll(async () => {
    for (const context of contexts) await context.close().catch(() => undefined);
    await browser?.close();
    await stack?.stop();
    console.log(`[dashboard-v11] axe: ${axeViews.length} views with zero violations: ${axeViews.join('; ')}`);
  });

  it('the queue counts every status, dismissed too, from one GET /stats (no paging through articles)', async () => {
    const page = await openPage();
    const requests = recordRequests(page);
    await signIn(page, alice, 'alice');
    await settle(page, page.locator('a.queue-item').first());
    const stats = (await api('GET', '/stats', alice)).body;
    for (const status of ['pending', 'verified', 'disputed', 'sourced', 'dismissed']) {
      await poll(() => page.locator(`.tab-count[data-status="${status}"]`).textContent()).toBe(String(stats.statusCounts[status]));
    }
    expect(requests.filter((r) => r === 'GET /stats')).toHaveLength(1);
    // the article list is read once (filter choices and titles), never page after page for counts
    expect(requests.filter((r) => r.startsWith('GET /articles?')).length).toBeLessThanOrEqual(1);
    await expectAccessible(page, 'queue with filters and search');
  });

  it('groups the same claim of three articles in one row, and one verdict marks each under its own If-Match (a 412 on one)', async () => {
    const page = await openPage();
    const requests = recordRequests(page);
    await signIn(page, alice, 'alice');
    const leeds = [find('a', 'The council of Leeds'), find('b', 'The council of Leeds'), find('c', 'The council of Leeds')];
    await settle(page, page.locator('a.queue-item').first());
    // one row holds the Leeds claim; the other two are "+2 more", not rows of their own
    const grouped = page.locator('ol.queue > li.grouped').filter({ hasText: 'The council of Leeds' });
    await grouped.waitFor();
    await poll(() => page.locator('ol.queue a.queue-item').filter({ hasText: 'The council of Leeds' }).count()).toBe(1);
    await poll(() => grouped.locator('.group-toggle').textContent()).toBe('+2 more in 2 other articles');
    const lead = await grouped.getAttribute('data-group');
    expect(leeds.map((c) => c.claimId)).toContain(lead);
    // grouping comes from the queue items' own matches: opening the queue reads no article
    expect(requests.filter((r) => /^GET \/articles\/[^/?]+/.test(r))).toEqual([]);
    await grouped.locator('.group-toggle').click();
    const members = grouped.locator('.group-members > li');
    await poll(() => members.count()).toBe(2);
    await poll(() => grouped.locator('.group-members .article-title').allTextContents()).toEqual(
      expect.arrayContaining(leeds.filter((c) => c.claimId !== lead).map((c) => articles[(['a', 'b', 'c'] as const).find((k) => articles[k].articleId === c.articleId)!].title)),
    );
    await expectAccessible(page, 'queue with a group opened');

    // bob changes one member after alice's queue read it: that claim must answer 412, the others save
    const stale = leeds.find((c) => c.claimId !== lead)!;
    await change(stale.claimId, { note: 'Looking into the Leeds figure.' });
    await grouped.locator('a.queue-item').focus();
    await page.keyboard.press('Shift+V');
    await poll(() => grouped.locator('.group-summary').textContent()).toBe('2 of 3 marked verified; the others say why on their line.');
    await poll(() => grouped.locator(`.group-members li[data-claim-id="${stale.claimId}"] .outcome`).textContent()).toContain('412');
    for (const claim of leeds) expect((await claimNow(claim.claimId)).status, claim.claimId).toBe(claim.claimId === stale.claimId ? 'pending' : 'verified');
    await poll(() => page.locator('.tab-count[data-status="verified"]').textContent()).toBe('2');
    await expectAccessible(page, 'group verdict with a 412');
  });

  it('"Seen before" shows a related claim with the differing number highlighted, and b applies a same claim’s verdict', async () => {
    const page = await openPage();
    await signIn(page, alice, 'alice');
    const bristol = find('b', 'Unemployment in Bristol');
    await openClaim(page, bristol);
    const seen = panel(page).locator('.seen-before');
    const related = seen.locator(`.seen-item[data-claim-id="${find('a', 'Unemployment in Bristol').claimId}"]`);
    await related.waitFor();
    await poll(() => related.locator('.relation').textContent()).toBe('Related');
    await poll(() => related.locator('.seen-article a').textContent()).toBe('Regional round-up');
    await poll(() => related.locator('mark.diff').allTextContents()).toEqual(['3.2']);
    await poll(() => related.locator('.seen-diff').textContent()).toContain('4.1 here, 3.2 there');
    expect(await related.locator('.apply-match').count()).toBe(0);
    await expectAccessible(page, 'review panel with Seen before (related)');

    // the Cardiff claim of article A is checked and rated; its copy in B takes that verdict with b
    const source = find('a', 'The minister said');
    await change(source.claimId, { status: 'verified', rating: 'mostly-true', note: 'Health board timetable.' });
    const copy = find('b', 'The minister said');
    await openClaim(page, copy);
    const same = seen.locator(`.seen-item[data-claim-id="${source.claimId}"]`);
    await same.waitFor();
    await poll(() => same.locator('.relation').textContent()).toBe('Same claim');
    await poll(() => same.locator('.status-badge').textContent()).toBe('verified');
    await poll(() => same.locator('.apply-match').textContent()).toContain('verified, mostly-true');
    await page.keyboard.press('b');
    await poll(() => panel(page).locator('.current-status .status-badge').textContent()).toBe('verified');
    await poll(() => panel(page).locator('#current-rating').textContent()).toBe('mostly-true');
    const saved = await claimNow(copy.claimId);
    expect([saved.status, saved.rating]).toEqual(['verified', 'mostly-true']);
    await poll(() => panel(page).locator('.event-based').count()).toBe(1);
  });

  it('dismisses with x (the typed note is the reason), rates with the number keys, and shows the rating in the queue and the article', async () => {
    const page = await openPage();
    await signIn(page, alice, 'alice');
    const york = find('c', 'Police in York');
    await openClaim(page, york);
    await page.keyboard.press('n');
    await page.keyboard.type('A figure from a press release, not a claim we check.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('x');
    await poll(() => panel(page).locator('.current-status .status-badge').textContent()).toBe('dismissed');
    await poll(() => panel(page).locator('.note-thread').textContent()).toContain('not a claim we check');
    expect((await claimNow(york.claimId)).status).toBe('dismissed');
    // a dismissed claim takes no rating: said, nothing sent
    await page.keyboard.press('5');
    await poll(() => panel(page).locator('.review-message').textContent()).toContain('after its verdict');
    await expectAccessible(page, 'review panel of a dismissed claim');

    const bristol = find('a', 'Unemployment in Bristol');
    await openClaim(page, bristol);
    await page.keyboard.press('d');
    await poll(() => panel(page).locator('.current-status .status-badge').textContent()).toBe('disputed');
    await page.keyboard.press('2');
    await poll(() => panel(page).locator('#current-rating').textContent()).toBe('mostly-false');
    await poll(() => panel(page).locator('.rating-button[data-rating="mostly-false"]').getAttribute('aria-pressed')).toBe('true');
    expect((await claimNow(bristol.claimId)).rating).toBe('mostly-false');
    await poll(() => page.locator(`a.claim-link[data-claim-id="${bristol.claimId}"] .claim-rating`).textContent()).toBe('mostly-false');
    await page.keyboard.press('0');
    await poll(() => panel(page).locator('#current-rating').count()).toBe(0);
    await page.keyboard.press('2');
    await poll(() => panel(page).locator('#current-rating').textContent()).toBe('mostly-false');

    await page.evaluate(() => (location.hash = '#/queue/dismissed'));
    await settle(page, page.locator(`a.queue-item[data-claim-id="${york.claimId}"]`));
    await poll(() => page.locator('.tab-count[data-status="dismissed"]').textContent()).toBe('1');
    await page.evaluate(() => (location.hash = '#/queue/disputed'));
    await settle(page, page.locator(`a.queue-item[data-claim-id="${bristol.claimId}"]`));
    await poll(() => page.locator(`a.queue-item[data-claim-id="${bristol.claimId}"] .rating-badge`).textContent()).toBe('rated mostly-false');
    await expectAccessible(page, 'disputed tab with a rating');
  });

  it('"Has this been checked?" finds stored claims in one request, and says so when nothing is like it', async () => {
    const page = await openPage();
    const requests = recordRequests(page);
    await signIn(page, bob, 'bob');
    await settle(page, page.locator('a.queue-item').first());
    await page.locator('body').click({ position: { x: 5, y: 700 } });
    await page.keyboard.press('/');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('similar-text');
    await page.keyboard.type('Unemployment in Bristol fell to 3.2% last year');
    await page.keyboard.press('Enter');
    const results = page.locator('#similar-results .similar-list > li');
    await poll(() => results.count()).toBeGreaterThanOrEqual(2);
    const first = results.first();
    expect(await first.getAttribute('data-claim-id')).toBe(find('a', 'Unemployment in Bristol').claimId);
    await poll(() => first.locator('.status-badge').textContent()).toBe('disputed');
    await poll(() => first.textContent()).toContain('Regional round-up');
    expect(requests.filter((r) => r.startsWith('GET /claims/similar?'))).toHaveLength(1);
    await expectAccessible(page, 'similar-claim search results');
    await page.locator('#similar-text').fill('Zebras migrate across the Serengeti every spring.');
    await page.locator('#similar-text').press('Enter');
    await poll(() => page.locator('#similar-results').textContent()).toContain('not checked yet');
  });

  it('filters the queue by article and type (in the address), and downloads the view as CSV with the token in a header only', async () => {
    const page = await openPage();
    const authorised: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/claims/export.csv')) authorised.push(`${request.headers().authorization ? 'token' : 'none'} ${request.url()}`);
    });
    await signIn(page, alice, 'alice');
    await settle(page, page.locator('a.queue-item').first());
    await page.locator('#filter-article option', { hasText: 'Weekly figures' }).waitFor({ state: 'attached' });
    await page.locator('#filter-article').selectOption({ label: 'Weekly figures' });
    await poll(() => page.url()).toContain(`article=${articles.b.articleId}`);
    await settle(page, page.locator('a.queue-item').first());
    await poll(() => page.locator('a.queue-item').evaluateAll((els) => [...new Set(els.map((e) => (e as HTMLElement).dataset.articleId))])).toEqual([articles.b.articleId]);
    const pendingInB = (await Promise.all(articles.b.claims.map((c) => claimNow(c.claimId)))).filter((c) => c.status === 'pending');
    await poll(() => page.locator('.tab-count[data-status="pending"]').textContent()).toBe(String(pendingInB.length));

    const types = [...new Set(pendingInB.map((c) => c.type))];
    await page.locator('#filter-type').selectOption(types[0]!);
    await poll(() => page.url()).toContain(`type=${types[0]}`);
    await poll(() => page.locator('a.queue-item .type').allTextContents()).toEqual(pendingInB.filter((c) => c.type === types[0]).map(() => types[0]));
    await expectAccessible(page, 'queue filtered by article and type');

    const download = page.waitForEvent('download');
    await page.locator('button[data-action="csv"]').click();
    const file = await download;
    const csv = readFileSync((await file.path())!, 'utf8');
    const lines = csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('claimId,articleId,articleTitle,seq,status,rating,checkworthiness,type,speaker,text,standalone,note,sources,updatedAt,updatedBy');
    expect(lines.slice(1).map((l) => l.split(',')[0]).sort()).toEqual(pendingInB.filter((c) => c.type === types[0]).map((c) => c.claimId).sort());
    await poll(() => page.locator('.filter.csv .action-status').textContent()).toMatch(/^Downloaded \d+ rows?\.$/);
    expect(authorised.length).toBeGreaterThan(0);
    for (const line of authorised) {
      expect(line.startsWith('token ')).toBe(true);
      expect(line).not.toContain(alice);
    }
  });

  it('downloads the article’s ClaimReview JSON-LD (one entry per rated claim)', async () => {
    const page = await openPage();
    await signIn(page, bob, 'bob', `#/article/${articles.a.articleId}`);
    await page.locator('button[data-action="claimreview"]').waitFor();
    expect(await page.locator('button[data-action="archive"]').count()).toBe(0);
    const download = page.waitForEvent('download');
    await page.locator('button[data-action="claimreview"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('regional-round-up.claimreview.jsonld');
    const reviews = JSON.parse(readFileSync((await file.path())!, 'utf8')) as { '@type': string; claimReviewed: string; reviewRating: { alternateName: string } }[];
    const rated = (await Promise.all(articles.a.claims.map((c) => claimNow(c.claimId)))).filter((c) => c.rating);
    expect(reviews.map((r) => r['@type'])).toEqual(rated.map(() => 'ClaimReview'));
    expect(reviews.map((r) => r.reviewRating.alternateName.toLowerCase().replace(/ /g, '-')).sort()).toEqual(rated.map((c) => c.rating).sort());
    await expectAccessible(page, 'article view with downloads');
  });

  it('the overview shows totals, progress per article, reviews per reviewer and the oldest pending claims in a bounded number of requests', async () => {
    const page = await openPage();
    const requests = recordRequests(page);
    await signIn(page, bob, 'bob', '#/articles');
    await page.locator('a.article-item').first().waitFor();
    await page.waitForLoadState('networkidle');
    requests.length = 0;
    await page.evaluate(() => (location.hash = '#/overview'));
    const stats = (await api('GET', '/stats', bob)).body;
    await poll(() => page.locator('#ov-claims').textContent()).toBe(String(stats.claims));
    for (const status of ['pending', 'verified', 'disputed', 'sourced', 'dismissed']) {
      await poll(() => page.locator(`.ov-legend [data-status="${status}"] .n`).textContent()).toBe(String(stats.statusCounts[status]));
    }
    const rows = page.locator('.ov-articles > li');
    await poll(() => rows.count()).toBe(3);
    const inA = (await Promise.all(articles.a.claims.map((c) => claimNow(c.claimId)))).map((c) => c.status);
    const byStatus = ['pending', 'verified', 'disputed', 'sourced', 'dismissed'].map((st) => `${inA.filter((x) => x === st).length} ${st}`).join(', ');
    await poll(() => page.locator(`.ov-articles > li[data-article-id="${articles.a.articleId}"] .status-bar`).getAttribute('aria-label')).toBe(`Regional round-up: ${byStatus}`);
    // alice: group verdict (2), x, d; bob: the Leeds note, the Cardiff verdict — each claim counts for its last reviewer
    const reviewers = page.locator('.ov-chart tbody tr');
    await poll(() => reviewers.count()).toBeGreaterThanOrEqual(2);
    const totals = Object.fromEntries(await reviewers.evaluateAll((trs) => trs.map((tr) => [(tr as HTMLElement).dataset.reviewer, Number(tr.querySelector('.ov-total')?.textContent)])));
    const latest = new Map<string, number>();
    for (const key of ['a', 'b', 'c'] as const) {
      for (const c of articles[key].claims) {
        const now = await claimNow(c.claimId);
        if (now.status !== 'pending' && now.updatedBy) latest.set(now.updatedBy, (latest.get(now.updatedBy) ?? 0) + 1);
      }
    }
    expect(totals).toEqual(Object.fromEntries(latest));
    const oldest = page.locator('.ov-oldest > li');
    await poll(() => oldest.count()).toBe(stats.statusCounts.pending);
    await page.waitForLoadState('networkidle');
    // GET /stats, one article page, one page per reviewed status, one pending page, and title reads for unknown articles (none here)
    expect(requests.filter((r) => r.startsWith('GET ')).length).toBeLessThanOrEqual(8);
    await expectAccessible(page, 'overview');
    await page.setViewportSize(PHONE);
    await expectAccessible(page, 'overview on a phone');
  });

  it('an admin archives an article after confirming, finds it under Archived, and restores it', async () => {
    const page = await openPage();
    await signIn(page, root, 'root', `#/article/${articles.c.articleId}`);
    await page.locator('button[data-action="archive"]').click();
    const dialog = page.locator('dialog.confirm');
    await dialog.waitFor({ state: 'visible' });
    expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.action)).toBe('cancel-archive');
    await expectAccessible(page, 'archive confirmation');
    await dialog.locator('button[data-action="cancel-archive"]').click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await api('GET', `/articles/${articles.c.articleId}`, root)).status).toBe(200);

    await page.locator('button[data-action="archive"]').click();
    await dialog.locator('button[data-action="confirm-archive"]').click();
    await poll(() => page.url()).toContain('#/articles/archived');
    const archived = page.locator(`li.archived[data-article-id="${articles.c.articleId}"]`);
    await archived.waitFor();
    expect((await api('GET', `/articles/${articles.c.articleId}`, root)).status).toBe(410);
    await expectAccessible(page, 'archived articles');

    // the archived article's address says what happened and offers Restore
    await page.evaluate((to) => (location.hash = to), `#/article/${articles.c.articleId}`);
    await poll(() => page.locator('main h1').textContent()).toBe('Archived article');
    await expectAccessible(page, 'an archived article');
    await page.evaluate(() => (location.hash = '#/articles/archived'));
    await archived.locator('button[data-action="restore"]').click();
    await poll(() => archived.count()).toBe(0);
    expect((await api('GET', `/articles/${articles.c.articleId}`, root)).status).toBe(200);
    await page.evaluate(() => (location.hash = '#/articles'));
    await page.locator(`a.article-item[href="#/article/${articles.c.articleId}"]`).waitFor();
  });

  it('a reviewer without the admin role sees no archive controls and no Archived list', async () => {
    const page = await openPage(PHONE);
    await signIn(page, bob, 'bob', '#/articles');
    await page.locator('a.article-item').first().waitFor();
    expect(await page.locator('a[href="#/articles/archived"]').count()).toBe(0);
    await signIn(page, bob, 'bob', '#/queue/pending');
    await settle(page, page.locator('a.queue-item').first());
    await expectAccessible(page, 'queue on a phone');
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
