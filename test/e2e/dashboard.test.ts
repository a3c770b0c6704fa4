/**
 * The reviewer's dashboard in Debian's Chromium, against the real stack (serverless-offline + DynamoDB Local):
 * sign-in, submit, highlighted claims, keyboard review with a note and a source, persistence with history,
 * a 412 between two reviewers resolved in the page, a hostile article rendered inert, both screen sizes.
 * Screenshots go to test/artifacts/ (ignored by git).
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../support/browser.js';
import { DEMO_TEXT } from '../support/desk.js';
import { startStack, type Stack } from '../support/stack.js';

const ARTIFACTS = fileURLToPath(new URL('../artifacts/', import.meta.url));
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let stack: Stack;
let browser: Browser;
let alice: { context: BrowserContext; page: Page; token: string };
const requestUrls: string[] = [];
const consoleLines: string[] = [];
const pageErrors: string[] = [];
let articleId = '';
let claimIds: string[] = [];

async function api(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${stack.baseUrl}${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? null : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

async function newReviewer(token: string, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, reducedMotion: 'reduce' });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  page.on('request', (request) => requestUrls.push(request.url()));
  page.on('console', (message) => consoleLines.push(message.text()));
  page.on('pageerror', (error) => pageErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    pageErrors.push(`unexpected dialog: ${dialog.message()}`);
    void dialog.dismiss();
  });
  return { context, page, token };
}

/** Waits for the page (the first call to each function in serverless-offline loads it: allow for that). */
const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 30_000, interval: 50 });
/** Waits for `target`; if the page reports a failed load instead (a busy machine), uses its "Try again" (twice at most). */
async function settle(page: Page, target: ReturnType<Page['locator']>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    await target.or(page.locator('button.retry')).first().waitFor();
    if (await target.count()) return;
    if (attempt === 2) throw new Error(`page kept failing: ${await page.locator('.message.error').first().textContent()}`);
    await page.locator('button.retry').first().click();
  }
}
const mark = (page: Page, claimId: string) => page.locator(`mark.claim[data-claim-id="${claimId}"]`).first();
const panel = (page: Page) => page.locator('section.review');

describe.skipIf(!hasChromium)('reviewer dashboard in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    [stack, browser] = await Promise.all([startStack(), launchChromium()]);
    alice = await newReviewer(await stack.token('alice', ['reviewer', 'editor']));
    // Load every function once (serverless-offline starts each on first use; CI may be busy with other suites).
    await Promise.all([
      fetch(`${stack.baseUrl}/`),
      api('GET', '/claims?status=pending&limit=1', alice.token),
      api('POST', '/articles', alice.token, {}),
    ]);
  });
  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('serves the page and its assets with strict security and cache headers', async () => {
    const page = await fetch(`${stack.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).not.toMatch(/<script>[^<]|<style|style=/); // no inline script or style
    const script = /src="\/app\/(app-[0-9a-f]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const asset = await fetch(`${stack.baseUrl}/app/${script}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const etag = asset.headers.get('etag')!;
    expect((await fetch(`${stack.baseUrl}/app/${script}`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
    expect((await fetch(`${stack.baseUrl}/app/..%2Fserverless.yml`)).status).toBe(404);
    expect((await fetch(`${stack.baseUrl}/app/nothing.js`)).status).toBe(404);
  });

  it('signs in from the link in the fragment, keeps the token out of the address bar, shows who and which roles', async () => {
    const { page, token } = alice;
    await page.goto(`${stack.baseUrl}/#token=${token}`);
    await poll(() => page.locator('#whoami').textContent()).toBe('alice');
    expect(await page.locator('#roles').textContent()).toBe('reviewer, editor');
    expect(page.url()).not.toContain(token);
    expect(page.url()).toMatch(/#\/queue\/pending$/);
    expect(await page.evaluate(() => sessionStorage.getItem('claimdesk.token'))).toBe(token);
    await poll(() => page.locator('.queue-state .empty').textContent()).toContain('Nothing waits for review');
  });

  it('submits the demo article and shows the extracted claims', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'Submit', exact: true }).click();
    await page.getByLabel('URL').fill('https://abcnews.go.com/International/nato-rejects-russian-demands');
    await page.getByLabel('Source').fill('ABC News');
    await page.locator('#article-body').fill(DEMO_TEXT);
    // A busy machine can time the first extraction out (504); the page says so and the editor sends again.
    for (let attempt = 1; ; attempt++) {
      await page.getByRole('button', { name: 'Extract claims' }).click();
      await page.locator('#open-article, .submit-message .error').first().waitFor({ timeout: 90_000 });
      if (await page.locator('#open-article').count()) break;
      if (attempt === 3) throw new Error(`submitting failed: ${await page.locator('.submit-message').textContent()}`);
    }
    expect(await page.locator('.submit-message').textContent()).toMatch(
      /^(Stored “NATO rejects Russian demands.*” with \d+ claims\.|This text was already stored as “NATO rejects Russian demands.*”)/,
    );
    const extracted = await page.locator('ol.extracted > li').count();
    expect(extracted).toBeGreaterThanOrEqual(10);
    await page.locator('#open-article').click();
    await page.waitForURL(/#\/article\/[0-9a-f]{24}$/);
    articleId = page.url().split('/').pop()!;
    const { body } = await api('GET', `/articles/${articleId}`, alice.token);
    claimIds = body.claims.map((c: { claimId: string }) => c.claimId);
    expect(claimIds).toHaveLength(extracted);
  });

  it('highlights every claim in place, and sets captions and credits apart', async () => {
    const { page } = alice;
    await poll(() => page.locator('mark.claim').count()).toBeGreaterThanOrEqual(claimIds.length);
    const { body } = await api('GET', `/articles/${articleId}`, alice.token);
    for (const claim of body.claims.slice(0, 5)) {
      const texts = await page.locator(`mark.claim[data-claim-id="${claim.claimId}"]`).allTextContents();
      expect(texts.join('')).toBe(claim.text);
      expect(await mark(page, claim.claimId).getAttribute('class')).toContain('st-pending');
    }
    expect(await page.locator('.para.kind-caption, .para.kind-credit').count()).toBeGreaterThan(0);
    const captionStyle = await page.locator('.para.kind-caption, .para.kind-credit').first().evaluate((el) => getComputedStyle(el).fontStyle);
    expect(captionStyle).toBe('italic');
    expect(await page.locator('.claims-side .count[data-status="pending"] .n').textContent()).toBe(String(claimIds.length));
    await page.screenshot({ path: `${ARTIFACTS}article-1280.png` });
  });

  it('marks the first claim verified with the keyboard, with a note', async () => {
    const { page } = alice;
    const [first] = claimIds;
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('j');
    await poll(() => mark(page, first!).getAttribute('class')).toContain('selected');
    await poll(() => panel(page).locator('#review-heading').textContent()).toBe('Claim 1');
    await page.keyboard.press('n');
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe('note');
    await page.keyboard.type('Matches the NATO press release.');
    await page.keyboard.press('Escape');
    await page.keyboard.press('v');
    await poll(() => mark(page, first!).getAttribute('class')).toContain('st-verified');
    await poll(() => panel(page).locator('.review-message').textContent()).toContain('Marked verified');
    await poll(() => panel(page).locator('.history .event').first().textContent()).toContain('pending → verified');
    expect(await panel(page).locator('.history .event-note').first().textContent()).toBe('Matches the NATO press release.');
  });

  it('refuses “sourced” without a source where the reviewer looks, then adds a source and marks it sourced', async () => {
    const { page } = alice;
    const second = claimIds[1]!;
    await page.keyboard.press('j');
    await poll(() => panel(page).locator('#review-heading').textContent()).toBe('Claim 2');
    await page.keyboard.press('s');
    await poll(() => panel(page).locator('.review-message').textContent()).toContain('no source yet');
    // focus stays off the link field, so the "a" the message asks for is a key, not a typed letter
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.status)).toBe('sourced');
    expect(await mark(page, second).getAttribute('class')).toContain('st-pending');

    await page.keyboard.press('a');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('source-url');
    await page.keyboard.type('javascript:alert(1)');
    await page.keyboard.press('Enter');
    await poll(() => page.locator('#source-url-error').textContent()).toContain('http');
    expect(await page.locator('#source-url').getAttribute('aria-invalid')).toBe('true');

    await page.locator('#source-url').fill('https://www.nato.int/cps/en/natohq/opinions_190676.htm');
    await page.locator('#source-title').fill('NATO press conference transcript');
    await page.locator('#source-url').press('Enter');
    await poll(() => panel(page).locator('.sources a').first().textContent()).toBe('NATO press conference transcript');
    expect(await panel(page).locator('.sources a').first().getAttribute('rel')).toContain('noopener');
    await page.keyboard.press('Escape');
    await page.keyboard.press('s');
    await poll(() => mark(page, second).getAttribute('class')).toContain('st-sourced');
    expect(await page.locator('.claims-side .count[data-status="sourced"] .n').textContent()).toBe('1');
  });

  it('shows both reviews after a reload, with their history', async () => {
    const { page } = alice;
    const [first, second] = claimIds;
    await page.reload();
    await poll(() => mark(page, second!).getAttribute('class')).toContain('st-sourced');
    expect(await mark(page, first!).getAttribute('class')).toContain('st-verified');
    // the reload comes back to the claim that was open
    await poll(() => panel(page).locator('#review-heading').textContent()).toBe('Claim 2');
    await poll(() => panel(page).locator('.history .event').count()).toBe(2);
    const events = await panel(page).locator('.history .event').allTextContents();
    expect(events[0]).toContain('sourced'); // newest first
    expect(events[0]).toContain('alice');
    expect(events[1]).toContain('NATO press conference transcript');
    await page.locator(`.claim-list a[data-claim-id="${first}"]`).click();
    await poll(() => panel(page).locator('.history .event').first().textContent()).toContain('pending → verified');
    expect(await panel(page).locator('.history .event-note').textContent()).toBe('Matches the NATO press release.');
  });

  it('resolves a 412 from a second reviewer without overwriting silently', async () => {
    const third = claimIds[2]!;
    const bob = await newReviewer(await stack.token('bob', ['reviewer']), PHONE);
    try {
      // bob signs in by pasting his token, on a phone
      await bob.page.goto(`${stack.baseUrl}/`);
      await bob.page.getByLabel('Access token').fill(bob.token);
      await bob.page.getByRole('button', { name: 'Sign in' }).click();
      await poll(() => bob.page.locator('#whoami').textContent()).toBe('bob');
      await poll(() => bob.page.locator('a.queue-item').count()).toBeGreaterThan(3);
      await bob.page.screenshot({ path: `${ARTIFACTS}queue-390.png` });

      // both open claim 3 at version 1
      await alice.page.locator(`.claim-list a[data-claim-id="${third}"]`).click();
      await poll(() => panel(alice.page).locator('#review-heading').textContent()).toBe('Claim 3');
      await bob.page.goto(`${stack.baseUrl}/#/article/${articleId}/${third}`);
      await poll(() => panel(bob.page).locator('#review-heading').textContent()).toBe('Claim 3');
      await bob.page.screenshot({ path: `${ARTIFACTS}article-390.png` });

      // bob disputes it first, with a note
      await bob.page.locator('#note').fill('The troop number is disputed by Kyiv.');
      await panel(bob.page).getByRole('button', { name: /Disputed/ }).click();
      await poll(() => mark(bob.page, third).getAttribute('class')).toContain('st-disputed');

      // alice, still on version 1, presses v: 412, and the page shows what bob did
      await alice.page.keyboard.press('v');
      const conflict = panel(alice.page).locator('.conflict');
      await conflict.waitFor({ state: 'visible' });
      const conflictText = await conflict.textContent();
      expect(conflictText).toContain('bob');
      expect(conflictText).toContain('pending → disputed');
      expect(conflictText).toContain('The troop number is disputed by Kyiv.');
      expect(conflictText).toContain('pending → verified');
      expect(await alice.page.evaluate(() => document.activeElement?.id)).toBe('conflict-heading');
      // nothing was overwritten: the server still has bob's decision
      expect((await api('GET', `/claims/${third}`, alice.token)).body.claim.status).toBe('disputed');
      await alice.page.screenshot({ path: `${ARTIFACTS}conflict-1280.png` });

      await conflict.getByRole('button', { name: 'Re-apply my change' }).click();
      await poll(() => mark(alice.page, third).getAttribute('class')).toContain('st-verified');
      await conflict.waitFor({ state: 'hidden' });
      const { body } = await api('GET', `/claims/${third}`, alice.token);
      expect(body.claim).toMatchObject({ status: 'verified', version: 3, updatedBy: 'alice', note: 'The troop number is disputed by Kyiv.' });
      expect(body.history.map((e: { by: string; to: string }) => `${e.by}:${e.to}`)).toEqual(['bob:disputed', 'alice:verified']);
      await poll(() => panel(alice.page).locator('.history .event').count()).toBe(2);

      // bob, now behind, tries to go back to pending and keeps alice's decision instead
      await bob.page.keyboard.press('p');
      const bobConflict = panel(bob.page).locator('.conflict');
      await bobConflict.waitFor({ state: 'visible' });
      expect(await bobConflict.textContent()).toContain('alice');
      await bobConflict.getByRole('button', { name: 'Keep theirs' }).click();
      await poll(() => mark(bob.page, third).getAttribute('class')).toContain('st-verified');
      expect((await api('GET', `/claims/${third}`, alice.token)).body.claim.version).toBe(3);
    } finally {
      await bob.context.close();
    }
  });

  it('renders the queue within a second, most check-worthy first, with counts', async () => {
    const { page } = alice;
    // enough claims for more than one page of the queue (30 a page)
    const towns = ['Leeds', 'Bristol', 'Cardiff', 'Glasgow', 'Belfast', 'York', 'Derby', 'Exeter', 'Bath', 'Hull', 'Perth', 'Truro', 'Wells', 'Ripon', 'Ely', 'Lincoln', 'Durham', 'Carlisle', 'Chester', 'Norwich'];
    const budget = towns.map((town, i) => `The council of ${town} said it spent £${(i + 3) * 7} million on roads in 2021, up ${i + 4}% on 2020.`).join('\n\n');
    const extra = await api('POST', '/articles', alice.token, { text: `Council road budgets rose across the country\n\n${budget}`, title: 'Council road budgets' });
    expect([200, 201]).toContain(extra.status);
    await page.goto(`${stack.baseUrl}/#/queue/pending`);
    // Time from navigation start to the first queue items on screen, over five full reloads. The best one is the
    // dashboard's own cost; the others also measure whatever else the machine runs (other suites in parallel).
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      await page.reload();
      await poll(() => page.evaluate(() => document.documentElement.dataset.queueRendered ?? null)).not.toBeNull();
      times.push(Number(await page.evaluate(() => document.documentElement.dataset.queueRendered)));
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(`dashboard: first render of the queue ${times.join(', ')} ms after navigation (best ${sorted[0]} ms, median ${sorted[2]} ms)`);
    expect(sorted[0]).toBeLessThanOrEqual(1000);
    // scrolling to the end loads the next pages over the cursor, without duplicates
    await poll(() => page.locator('.tab-count[data-status="pending"]').textContent()).toMatch(/^\d+$/);
    const pending = Number(await page.locator('.tab-count[data-status="pending"]').textContent());
    expect(pending).toBeGreaterThan(30);
    expect(await page.locator('a.queue-item').count()).toBe(30);
    await page.screenshot({ path: `${ARTIFACTS}queue-1280.png` });
    for (let i = 0; i < 10 && (await page.locator('a.queue-item').count()) < pending; i++) {
      const before = await page.locator('a.queue-item').count();
      await page.locator('.sentinel').scrollIntoViewIfNeeded();
      await poll(() => page.locator('a.queue-item').count()).toBeGreaterThan(before);
    }
    const ids = await page.locator('a.queue-item').evaluateAll((links) => links.map((a) => a.getAttribute('data-claim-id')));
    expect(ids).toHaveLength(pending);
    expect(new Set(ids).size).toBe(pending);
    expect(await page.locator('button.more').isHidden()).toBe(true);
    const scores = (await page.locator('a.queue-item .score').allTextContents()).map((s) => Number(s.replace(/[^\d.]/g, '')));
    expect(scores.length).toBeGreaterThan(5);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await poll(() => page.locator('.tab-count[data-status="verified"]').textContent()).toBe('2');
    expect(await page.locator('.tab-count[data-status="sourced"]').textContent()).toBe('1');
    await page.locator('nav.tabs').getByRole('link', { name: /verified/i }).click();
    await poll(() => page.locator('a.queue-item').count()).toBe(2);

    // quick review from the queue: the focused claim takes the status key
    await page.locator('nav.tabs').getByRole('link', { name: /pending/i }).click();
    await poll(() => page.locator('.tab-count[data-status="disputed"]').textContent()).toBe('0');
    await poll(() => page.locator('a.queue-item').count()).toBeGreaterThan(2);
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('queue-item'))).toBe(true);
    await page.keyboard.press('d');
    const first = page.locator('a.queue-item').first();
    await poll(() => first.locator('.queue-note').textContent()).toBe('Marked disputed');
    expect(await page.locator('.tab-count[data-status="disputed"]').textContent()).toBe('1');
    const id = await first.getAttribute('data-claim-id');
    expect((await api('GET', `/claims/${id}`, alice.token)).body.claim).toMatchObject({ status: 'disputed', updatedBy: 'alice' });
    await page.keyboard.press('j');
    await page.keyboard.press('s');
    await poll(() => page.locator('a.queue-item').nth(1).locator('.queue-note').textContent()).toContain('no source yet');
  });

  it('lists the articles with their claims by status and opens one', async () => {
    const { page } = alice;
    await page.getByRole('link', { name: 'Articles', exact: true }).click();
    const demo = page.locator('a.article-item', { hasText: 'NATO rejects Russian demands' });
    await settle(page, demo);
    expect(await demo.locator('.count.st-sourced .n').textContent()).toBe('1');
    expect(await demo.locator('.count.st-verified .n').textContent()).toBe('2');
    await demo.click();
    await poll(() => page.locator('mark.claim').count()).toBeGreaterThanOrEqual(claimIds.length);
  });

  it('shows the keyboard map with ?', async () => {
    const { page } = alice;
    await page.locator('body').click({ position: { x: 5, y: 300 } });
    await page.keyboard.press('?');
    const dialog = page.locator('dialog.help');
    await dialog.waitFor({ state: 'visible' });
    expect(await dialog.textContent()).toContain('next / previous claim');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  });

  it('labels every control, shows focus, and works by mouse', async () => {
    const { page } = alice;
    await page.goto(`${stack.baseUrl}/#/article/${articleId}/${claimIds[3]}`);
    await poll(() => panel(page).locator('#review-heading').textContent()).toBe('Claim 4');
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href]')]
        .filter((el) => el.offsetParent !== null || el.getClientRects().length > 0)
        .filter((el) => {
          const labels = (el as HTMLInputElement).labels;
          const name = el.getAttribute('aria-label') || (labels && labels.length ? labels[0]!.textContent : '') || el.textContent;
          return !name || !name.trim();
        })
        .map((el) => el.outerHTML.slice(0, 120)),
    );
    expect(unlabelled).toEqual([]);
    // Tab from the panel heading reaches the status buttons, and focus is visible
    await panel(page).locator('#review-heading').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.status)).toBe('verified');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid');
    // by mouse: click a highlighted claim, then a status button
    const fifth = claimIds[4]!;
    await mark(page, fifth).click();
    await poll(() => panel(page).locator('#review-heading').textContent()).toBe('Claim 5');
    await panel(page).getByRole('button', { name: /Disputed/ }).click();
    await poll(() => mark(page, fifth).getAttribute('class')).toContain('st-disputed');
    expect(await panel(page).getByRole('button', { name: /Disputed/ }).getAttribute('aria-pressed')).toBe('true');
    await panel(page).getByRole('button', { name: /Pending/ }).click();
    await poll(() => mark(page, fifth).getAttribute('class')).toContain('st-pending');
  });

  it('refuses a sign-in link with a bad token and says so', async () => {
    const stranger = await newReviewer('');
    try {
      await stranger.page.goto(`${stack.baseUrl}/#token=not-a-token`);
      await poll(() => stranger.page.locator('.signin-view .message').textContent()).toContain('no valid token');
      expect(stranger.page.url()).not.toContain('not-a-token');
      // a well-formed token the API refuses (signed with another secret)
      const forged = alice.token.replace(/\.[^.]+$/, '.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      await stranger.page.getByLabel('Access token').fill(forged);
      await stranger.page.getByRole('button', { name: 'Sign in' }).click();
      await poll(() => stranger.page.locator('#token-error').textContent()).toContain('refused');
      expect(await stranger.page.evaluate(() => sessionStorage.getItem('claimdesk.token'))).toBeNull();

      // a token that expires while the reviewer works: the next answer (401) brings the sign-in back, with why
      const shortLived = await stack.token('sam', ['reviewer'], { expiresIn: '3s' });
      await stranger.page.goto(`${stack.baseUrl}/#token=${shortLived}`);
      await poll(() => stranger.page.locator('#whoami').textContent()).toBe('sam');
      // wait for the token's own expiry (the state that matters), not a fixed time
      await poll(() =>
        stranger.page.evaluate(() => {
          const token = sessionStorage.getItem('claimdesk.token') ?? '';
          const payload = JSON.parse(atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/'))) as { exp: number };
          return Date.now() >= payload.exp * 1000;
        }),
      ).toBe(true);
      await stranger.page.evaluate(() => (location.hash = '#/queue/verified'));
      await poll(() => stranger.page.locator('.signin-view .message').textContent()).toMatch(/expired|ended/);
      expect(await stranger.page.evaluate(() => sessionStorage.getItem('claimdesk.token'))).toBeNull();
    } finally {
      await stranger.context.close();
    }
  });

  it('renders a hostile article inert', async () => {
    const hostile = [
      'Hostile <img src=x onerror="window.__pwned=1"> headline',
      '',
      'The ministry said <script>window.__pwned=2</script> that 40% of the 2021 budget, about $3 billion, went to <img src=x onerror="window.__pwned=3"> defence.',
      '',
      'Officials reported that 12 <b onmouseover="window.__pwned=4">bold</b> <a href="javascript:window.__pwned=5">towns</a> lost power in 2022.',
    ].join('\n');
    const created = await api('POST', '/articles', alice.token, { text: hostile, title: '<img src=x onerror="window.__pwned=6"> title' });
    expect([200, 201]).toContain(created.status); // 200 if a busy machine made the API see its own first write
    const { page } = alice;
    await page.goto(`${stack.baseUrl}/#/article/${created.body.article.articleId}`);
    await poll(() => page.locator('.article-text').textContent()).toContain('<script>window.__pwned=2</script>');
    expect(await page.locator('#article-title').textContent()).toBe('<img src=x onerror="window.__pwned=6"> title');
    if (created.body.claims.length) {
      await page.keyboard.press('j');
      await poll(() => panel(page).locator('.claim-text').textContent()).toBe(created.body.claims[0].text);
    }

    // HTML through the submit form: the extractor reads the text; the page shows only text
    await page.goto(`${stack.baseUrl}/#/submit`);
    await page.getByLabel('HTML').check();
    await page.locator('#article-body').fill(
      '<html><head><title>Port <script>window.__pwned=7</script> traffic</title></head><body><h1>Port traffic doubled</h1>' +
        '<p>The port authority said container traffic rose 48% in 2023 to 2.1 million boxes.<img src=x onerror="window.__pwned=8"></p>' +
        '<figure><img src="x.jpg"><figcaption>Cranes at the port in 2023. Photo: A. Person</figcaption></figure></body></html>',
    );
    await page.getByRole('button', { name: 'Extract claims' }).click();
    await page.locator('#open-article').waitFor({ timeout: 90_000 });
    await page.locator('#open-article').click();
    await poll(() => page.locator('.article-text').textContent()).toContain('48%');

    await page.goto(`${stack.baseUrl}/#/queue/pending`);
    await poll(() => page.locator('a.queue-item').count()).toBeGreaterThan(0);
    // the queue's last asynchronous render (the counts) is on screen, and the network is quiet: an injected
    // onerror or script would have run by then
    await poll(() => page.locator('.tab-count[data-status="pending"]').textContent()).toMatch(/^\d+$/);
    await page.waitForLoadState('networkidle');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('main img, main script, main b, main a[href^="javascript"]').count()).toBe(0);
  });

  it('never puts the token in a URL or the console, and signs out', async () => {
    const { page, token } = alice;
    const apiUrls = requestUrls.filter((url) => !url.includes('/#token='));
    expect(apiUrls.length).toBeGreaterThan(10);
    for (const url of apiUrls) expect(url).not.toContain(token);
    for (const line of consoleLines) expect(line).not.toContain(token);
    expect(pageErrors).toEqual([]);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Access token').waitFor();
    expect(await page.evaluate(() => sessionStorage.getItem('claimdesk.token'))).toBeNull();
  });
});
