/**
 * lib/match: each kind of edit gets its relation. `same` for wording that keeps the assertion; `related` (never
 * `same`) when a number, date, name, negation or direction changes; nothing below the floor.
 */
import { describe, expect, it } from 'vitest';
import {
  BANDS, bandKeys, compareClaims, decodeSignature, encodeSignature, estimateJaccard, indexEntry, LINK_FLOOR,
  normaliseClaim, signature, SIGNATURE_SIZE, similarText, similarTextKeys,
} from '../../lib/match/index.js';

const BASE = 'Russia met with 30 NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.';
const relation = (a: string, b: string) => compareClaims(a, b)?.relation ?? 'none';

describe('normaliseClaim', () => {
  it('folds case, quotes, punctuation, per cent, digit grouping, number words and contractions', () => {
    expect(normaliseClaim('“Unemployment ROSE 3,000 per cent!”')).toBe(normaliseClaim('unemployment rose 3000%'));
    expect(normaliseClaim('It rose 7.9 percent')).toBe(normaliseClaim('it rose 7.9%'));
    expect(normaliseClaim('twenty-two years')).toBe('22 years');
    expect(normaliseClaim('two hundred and fifty thousand jobs')).toBe('250000 jobs');
    expect(normaliseClaim('2.5 million troops')).toBe('2500000 troops');
    expect(normaliseClaim("Ukraine won't join")).toBe('ukraine will not join');
    expect(normaliseClaim("Russia's demands")).toBe('russia demands');
  });
});

describe('compareClaims: same', () => {
  it.each([
    ['quotes and punctuation', '"Russia met with 30 NATO member states at the alliance headquarters in Brussels on Wednesday" officials said!'],
    ['case', BASE.toUpperCase()],
    ['number words', 'Russia met with thirty NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.'],
    ['attribution', 'According to officials, Russia met with 30 NATO member states at the alliance headquarters in Brussels on Wednesday.'],
    ['reordering', 'On Wednesday, Russia met with 30 NATO member states at the alliance headquarters in Brussels, officials said.'],
    ['dropped clause', 'Russia met with 30 NATO member states in Brussels on Wednesday, officials said.'],
    ['dropped source', 'Russia met with 30 NATO member states at the alliance headquarters in Brussels on Wednesday.'],
  ])('%s', (_kind, b) => {
    expect(relation(BASE, b)).toBe('same');
  });

  it('per cent vs % and 3,000 vs 3000', () => {
    expect(relation('Unemployment fell by 3 per cent in 2014, the ministry said.', 'Unemployment fell by 3% in 2014, the ministry said')).toBe('same');
    expect(relation('Russia has massed 3,000 tanks near the border.', 'Russia has massed 3000 tanks near the border.')).toBe('same');
  });

  it('identical text is same with similarity 1', () => {
    expect(compareClaims(BASE, BASE)).toMatchObject({ relation: 'same', similarity: 1, changed: [] });
  });
});

describe('compareClaims: related, never same', () => {
  it.each([
    ['number', 'Russia met with 31 NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.', 'number'],
    ['number ×10', 'Russia met with 300 NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.', 'number'],
    ['number word', 'Russia met with forty NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.', 'number'],
    ['day of the week', 'Russia met with 30 NATO member states at the alliance headquarters in Brussels on Thursday, officials said.', 'date'],
    ['place', 'Russia met with 30 NATO member states at the alliance headquarters in Geneva on Wednesday, officials said.', 'name'],
    ['country', 'Belarus met with 30 NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.', 'name'],
    ['negation', 'Russia did not meet with 30 NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.', 'negation'],
    ['never', 'Russia never met with 30 NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.', 'negation'],
  ])('%s', (_kind, b, changed) => {
    const c = compareClaims(BASE, b);
    expect(c?.relation).toBe('related');
    expect(c?.changed).toContain(changed);
  });

  it.each([
    ['3,000 vs 30,000', 'Russia has massed 3,000 troops on the border with Ukraine.', 'Russia has massed 30,000 troops on the border with Ukraine.'],
    ['month', 'Talks resumed in January between Russia and the United States in Geneva.', 'Talks resumed in February between Russia and the United States in Geneva.'],
    ['year', 'Unemployment was the lowest since 1969 under this administration.', 'Unemployment was the lowest since 1970 under this administration.'],
    ['will vs will not', 'Ukraine will join NATO within the next ten years, the minister said.', 'Ukraine will not join NATO within the next ten years, the minister said.'],
    ["n't", 'The senator voted for the tax increase on the middle class.', "The senator didn't vote for the tax increase on the middle class."],
    ['no', 'There is evidence of a link between the vaccine and autism in children.', 'There is no evidence of a link between the vaccine and autism in children.'],
    ['person at a sentence start', 'Putin said the troops would leave the border region by the end of the month.', 'Biden said the troops would leave the border region by the end of the month.'],
    ['person mid-sentence', 'Last year Senator Obama voted against the energy bill in the Senate.', 'Last year Senator McCain voted against the energy bill in the Senate.'],
    ['direction', 'You are going to approve one of the biggest tax cuts in history.', 'You are going to approve one of the biggest tax increases in history.'],
    ['place dropped, no source named', 'Joe got three and a half million dollars from Russia.', 'Joe got three and a half million dollars.'],
    ['today dropped', 'We found out today that we have added 1.9 million new jobs in 13 months.', 'We found out that we have added 1.9 million new jobs in 13 months.'],
  ])('%s', (_kind, a, b) => {
    expect(relation(a, b)).toBe('related');
    expect(relation(b, a)).toBe('related');
  });

  it('lower-casing does not hide a swapped name', () => {
    expect(relation(BASE, BASE.replace('Brussels', 'Geneva').toLowerCase())).toBe('related');
  });
});

describe('compareClaims: no link', () => {
  it('below the floor', () => {
    expect(compareClaims(BASE, 'Inflation in the eurozone reached a record high in December.')).toBeUndefined();
    expect(compareClaims('I voted for border security.', 'Ross says, with great conviction, he opposes border security and trade with Mexico and Canada.')?.similarity ?? 0).toBeLessThan(LINK_FLOOR);
  });
});

describe('signatures and band keys', () => {
  it('are deterministic, short, one per band, and equal for texts that normalise alike', () => {
    const keys = bandKeys(BASE);
    expect(keys).toHaveLength(BANDS);
    expect(new Set(keys.map((k) => k.split('#')[0]))).toHaveProperty('size', BANDS);
    for (const k of keys) expect(k).toMatch(/^\d{1,2}#[0-9a-z]{7}$/);
    expect(bandKeys(BASE)).toEqual(keys);
    expect(bandKeys(BASE.toUpperCase().replace(/,/g, ''))).toEqual(keys);
  });

  it('a one-word change keeps most bands; an unrelated claim shares none', () => {
    const changed = new Set(bandKeys(BASE.replace('30', '31')));
    expect(bandKeys(BASE).filter((k) => changed.has(k)).length).toBeGreaterThan(0);
    const other = new Set(bandKeys('Inflation in the eurozone reached a record high in December.'));
    expect(bandKeys(BASE).filter((k) => other.has(k))).toEqual([]);
  });

  it('signature encoding round-trips and rejects garbage', () => {
    const sig = signature(BASE);
    expect(sig).toHaveLength(SIGNATURE_SIZE);
    const enc = encodeSignature(sig);
    expect(enc).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSignature(enc)).toEqual(sig);
    expect(estimateJaccard(sig, decodeSignature(enc))).toBe(1);
    expect(() => decodeSignature('abc')).toThrow(RangeError);
    expect(indexEntry(BASE).keys).toEqual(bandKeys(BASE));
  });
});

describe('similarText', () => {
  const stored = [
    { id: 'a', text: BASE },
    { id: 'b', text: 'Russia met with 31 NATO member states at the alliance headquarters in Brussels on Wednesday, officials said.' },
    { id: 'c', text: 'Inflation in the eurozone reached a record high in December.' },
  ];
  it('finds a claim inside a pasted paragraph, same before related, nothing unrelated', () => {
    const query = 'Talks went on all day. On Wednesday Russia met with thirty NATO member states at the alliance headquarters in Brussels. Nobody expected progress.';
    const hits = similarText(query, stored, (s) => s.text);
    expect(hits.map((h) => [h.item.id, h.relation])).toEqual([['a', 'same'], ['b', 'related']]);
    const keys = new Set(similarTextKeys(query));
    expect(bandKeys(BASE).some((k) => keys.has(k))).toBe(true);
  });
});
