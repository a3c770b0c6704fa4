/** The dashboard's pure helpers: the word difference behind "Seen before" and the CSV splitting behind the type filter. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../web/src/csv.js';
import { differingWords, wordDifference } from '../../web/src/difference.js';

describe('wordDifference', () => {
  it('marks exactly the number that differs, on both sides', () => {
    const { ours, theirs } = wordDifference('Unemployment in Bristol fell to 4.1% last year.', 'Unemployment in Bristol fell to 3.2% last year.');
    expect(differingWords(ours)).toEqual(['4.1%']);
    expect(differingWords(theirs)).toEqual(['3.2%']);
    expect(theirs.map((p) => p.text).join('')).toBe('Unemployment in Bristol fell to 3.2% last year.');
  });

  it('finds a negation and puts numbers first', () => {
    const { theirs } = wordDifference('The plan will cost £5 million.', 'The plan will not cost £7 million.');
    expect(differingWords(theirs)).toEqual(['£7', 'not']);
  });

  it('finds nothing in the same wording, whatever the case and punctuation', () => {
    const { ours, theirs } = wordDifference('Prices rose 4% in May.', 'prices rose 4% in May');
    expect(differingWords(ours)).toEqual([]);
    expect(differingWords(theirs)).toEqual([]);
  });
});

describe('parseCsv', () => {
  it('keeps quoted commas, quotes and line breaks inside a field, and each record as written', () => {
    const text = 'id,type,text\r\n1,quantity,"He said ""no"", then\nleft"\r\n2,other,plain\r\n';
    const records = parseCsv(text);
    expect(records.map((r) => r.fields)).toEqual([
      ['id', 'type', 'text'],
      ['1', 'quantity', 'He said "no", then\nleft'],
      ['2', 'other', 'plain'],
    ]);
    expect(records[1]!.raw).toBe('1,quantity,"He said ""no"", then\nleft"');
  });
});
