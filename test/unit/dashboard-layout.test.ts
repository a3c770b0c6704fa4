/** The article view's text layout (web/src/highlight.ts): pure, no browser. */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { layout, paragraphs } from '../../web/src/highlight.js';
import { buildWeb } from '../../web/build.mjs';

describe('dashboard bundle', () => {
  it('keeps the JavaScript within 60 KB gzipped, with content-hashed names and no inline script', async () => {
    const { assets } = await buildWeb();
    const js = Object.entries(assets).find(([name]) => /^app-[0-9a-f]{10}\.js$/.test(name));
    expect(js).toBeDefined();
    const gzipped = gzipSync(js![1].body, { level: 9 }).length;
    console.log(`dashboard: JavaScript ${js![1].body.length} bytes, ${gzipped} bytes gzipped`);
    expect(gzipped).toBeLessThanOrEqual(60 * 1024);
    expect(js![1].body).not.toContain('innerHTML');
    expect(assets['index.html']!.body).toContain(`<script type="module" src="/app/${js![0]}"></script>`);
  });
});

describe('dashboard article layout', () => {
  const text = 'Headline here\n\nFirst claim. Not a claim.\nPhoto: Someone/AFP\n\n\nSecond claim 😀 here.';
  const first = { claimId: 'a.1', start: 15, end: 27 };
  const second = { claimId: 'a.2', start: text.indexOf('Second'), end: text.length };

  it('splits paragraphs at blank lines and keeps single line breaks inside', () => {
    const spans = paragraphs(text).map((p) => text.slice(p.start, p.end));
    expect(spans).toEqual(['Headline here', 'First claim. Not a claim.\nPhoto: Someone/AFP', 'Second claim 😀 here.']);
  });

  it('covers the text exactly, marks claims by UTF-16 offsets and labels segment kinds', () => {
    const segments = [
      { start: 0, end: 13, kind: 'headline' as const },
      { start: text.indexOf('Photo'), end: text.indexOf('AFP') + 3, kind: 'credit' as const },
    ];
    const result = layout(text, [second, first], segments);
    expect(result).toHaveLength(3);
    expect(result[0]!.kind).toBe('headline');
    for (const paragraph of result) {
      expect(paragraph.runs.map((r) => r.text).join('')).toBe(text.slice(paragraph.start, paragraph.end));
    }
    const claimRuns = result.flatMap((p) => p.runs).filter((r) => r.claimId);
    expect(claimRuns.map((r) => [r.claimId, r.text])).toEqual([
      ['a.1', 'First claim.'],
      ['a.2', 'Second claim 😀 here.'],
    ]);
    expect(result[1]!.runs.find((r) => r.kind === 'credit')?.text).toBe('Photo: Someone/AFP');
  });

  it('splits a claim that crosses a paragraph break, and handles a long span next to short ones', () => {
    const crossing = { claimId: 'x', start: text.indexOf('Not'), end: text.indexOf('claim 😀') };
    const long = { start: 0, end: text.length, kind: 'sentence' as const };
    const result = layout(text, [crossing], [long, { start: 15, end: 27, kind: 'claim' as const }]);
    const parts = result.flatMap((p) => p.runs.filter((r) => r.claimId === 'x').map((r) => r.text));
    expect(parts).toEqual(['Not a claim.\nPhoto: Someone/AFP', 'Second ']);
    for (const paragraph of result) expect(paragraph.runs.map((r) => r.text).join('')).toBe(text.slice(paragraph.start, paragraph.end));
  });

  it('ignores spans outside the text instead of failing', () => {
    const result = layout('Short.', [{ claimId: 'x', start: 3, end: 99 }, { claimId: 'y', start: -1, end: 2 }]);
    expect(result[0]!.runs).toEqual([{ text: 'Short.', start: 0, end: 6 }]);
  });
});
