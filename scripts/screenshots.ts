/**
 * `npm run screenshots`: refreshes the dashboard pictures in docs/img/ (README and docs/DASHBOARD.md). Starts a
 * stack the way the tests do (in-memory DynamoDB Local + serverless-offline on free ports), loads the demo article,
 * reviews three of its claims, and photographs the queue's first screen, the article view and the phone view in
 * Debian's Chromium. Leaves nothing running.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../test/support/browser.js';
import { DEMO_TEXT } from '../test/support/desk.js';
import { client } from '../test/support/http.js';
import { startStack, type Stack } from '../test/support/stack.js';

const OUT = fileURLToPath(new URL('../docs/img/', import.meta.url));

async function call(stack: Stack, token: string, method: string, path: string, body?: unknown, ifMatch?: number) {
  const answer = await client(stack.baseUrl, token)(method, path, { body, headers: ifMatch === undefined ? {} : { 'If-Match': `"${ifMatch}"` } });
  if (answer.status < 200 || answer.status > 299) throw new Error(`${method} ${path}: ${answer.status} ${answer.text}`);
  return answer.body;
}

async function shoot(browser: Browser, stack: Stack, token: string, viewport: { width: number; height: number }, go: (page: Page) => Promise<void>, file: string) {
  const context = await browser.newContext({ viewport, locale: 'en-GB', timezoneId: 'UTC', reducedMotion: 'reduce', deviceScaleFactor: 1 });
  context.setDefaultTimeout(60_000);
  try {
    const page = await context.newPage();
    await page.goto(`${stack.baseUrl}/#token=${token}`);
    await page.locator('#whoami').waitFor();
    await go(page);
    // the first paint of web fonts and counts is done when the network is quiet
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: `${OUT}${file}` });
    console.log(`wrote docs/img/${file}`);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const [stack, browser] = await Promise.all([startStack(), launchChromium()]);
  try {
    const editor = await stack.token('maria', ['reviewer', 'editor']);
    const reviewer = await stack.token('sam', ['reviewer']);
    const submission = {
      text: DEMO_TEXT,
      title: 'NATO rejects Russian demands',
      source: 'ABC News',
      publishedAt: '2022-01-12',
      url: 'https://abcnews.go.com/International/nato-rejects-russian-demands',
    };
    let stored: any;
    // the first extraction on a cold stack can time out: send again (the same text is stored once)
    for (let attempt = 1; !stored; attempt++) {
      try {
        stored = await call(stack, editor, 'POST', '/articles', submission);
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
    const claims = [...stored.claims].sort((a: { start: number }, b: { start: number }) => a.start - b.start);
    const review = (i: number, change: object) => call(stack, reviewer, 'PATCH', `/claims/${claims[i].claimId}`, change, claims[i].version);
    await review(0, { status: 'verified', rating: 'true', note: 'Matches the NATO press release of 12 January.' });
    await review(1, { status: 'sourced', addSources: [{ url: 'https://www.nato.int/cps/en/natohq/opinions_190676.htm', title: 'NATO press conference transcript' }] });
    await review(2, { status: 'disputed', note: 'Kyiv gives a different troop number.' });
    const open = claims[3];
    await review(4, { status: 'dismissed', note: 'A description of the talks, not a claim to check.' });
    // A later report repeats the first claim: its review shows "Seen before" with the verdict to reuse.
    const repeat = await call(stack, editor, 'POST', '/articles', { text: `NATO and Russia: the day after\n\n${claims[0].text}\n\n${claims[5].text}`, title: 'NATO and Russia: the day after', source: 'Wire' });
    const repeated = repeat.claims.find((c: { matches?: unknown[] }) => c.matches?.length) ?? repeat.claims[0];

    await shoot(browser, stack, editor, { width: 1280, height: 800 }, async (page) => {
      await page.locator('a.queue-item').first().waitFor();
      await page.locator('.tab-count[data-status="pending"]').filter({ hasText: /^\d+$/ }).waitFor();
    }, 'queue.png');
    await shoot(browser, stack, editor, { width: 1280, height: 800 }, async (page) => {
      await page.goto(`${stack.baseUrl}/#/article/${stored.article.articleId}/${open.claimId}`);
      await page.locator('section.review #review-heading', { hasText: `Claim ${open.seq}` }).waitFor();
      await page.locator('.review-history h3').waitFor();
    }, 'dashboard.png');
    await shoot(browser, stack, editor, { width: 390, height: 844 }, async (page) => {
      await page.goto(`${stack.baseUrl}/#/article/${stored.article.articleId}/${claims[2].claimId}`);
      await page.locator('section.review #review-heading', { hasText: `Claim ${claims[2].seq}` }).waitFor();
      await page.locator('.note-thread').waitFor();
    }, 'dashboard-phone.png');
    await shoot(browser, stack, editor, { width: 1280, height: 800 }, async (page) => {
      await page.goto(`${stack.baseUrl}/#/article/${repeat.article.articleId}/${repeated.claimId}`);
      await page.locator('section.review .seen-item').first().waitFor();
      // the panel scrolls on its own: show its "Seen before" part
      await page.locator('section.review .seen-before').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    }, 'seen-before.png');
    await shoot(browser, stack, reviewer, { width: 1280, height: 800 }, async (page) => {
      await page.goto(`${stack.baseUrl}/#/overview`);
      await page.locator('.ov-chart, #ov-reviewers + .empty').first().waitFor();
      await page.locator('.ov-articles').waitFor();
    }, 'overview.png');
  } finally {
    await browser.close();
    await stack.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
