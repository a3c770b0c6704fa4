import fc from 'fast-check';

/**
 * Inputs that make backtracking regexes blow up: long runs of one character class, near-misses of patterns. Each
 * makes about `n` characters. One list for the linearity fuzz test (every entry), the 100k-character property test
 * and the extraction bench (the entries they name).
 */
export const ADVERSARIAL: Record<string, (n: number) => string> = {
  'one long word': (n) => 'a'.repeat(n),
  'spaces': (n) => `a${' '.repeat(n)}b`,
  'dots': (n) => '.'.repeat(n),
  'dot space': (n) => '. '.repeat(n / 2),
  'digits': (n) => '1'.repeat(n),
  'digit groups': (n) => '1,'.repeat(n / 2),
  'decimals': (n) => '1.'.repeat(n / 2),
  'initials': (n) => 'A. '.repeat(n / 3),
  'abbreviations': (n) => 'U.S. '.repeat(n / 5),
  'titles': (n) => 'Mr. Dr. '.repeat(n / 8),
  'quotes': (n) => '"'.repeat(n),
  'curly quotes': (n) => '“”'.repeat(n / 2),
  'open parentheses': (n) => '('.repeat(n),
  'capitalised words': (n) => 'Aa '.repeat(n / 3),
  'capitals': (n) => 'A'.repeat(n),
  'hyphens': (n) => 'a-'.repeat(n / 2),
  'dashes': (n) => '— '.repeat(n / 2),
  'percent': (n) => '1%'.repeat(n / 2),
  'currency': (n) => '£1'.repeat(n / 2),
  'urls': (n) => 'http://a.b/'.repeat(n / 11),
  'colons': (n) => 'a: '.repeat(n / 3),
  'said': (n) => 'said '.repeat(n / 5),
  'newlines': (n) => 'a\n'.repeat(n / 2),
  'paragraphs': (n) => 'A b.\n\n'.repeat(n / 6),
  'no final stop': (n) => `${'word '.repeat(n / 5)}`,
  'question marks': (n) => '?'.repeat(n),
  'emoji': (n) => '🙂'.repeat(n / 2),
  'combining marks': (n) => `a${'\u0301'.repeat(n)}`,
  'mixed near-miss': (n) => 'He said: "The U.S. rose 1.5% (Jan. 12'.repeat(n / 37),
  'quoted sentences': (n) => '"A b. '.repeat(n / 6),
  'dates': (n) => 'Jan. 12, '.repeat(n / 9),
  'lone surrogates': (n) => 'a\uD800 \uDC00b'.repeat(n / 5),
};

/** A lone (unpaired) surrogate half: high or low, as JavaScript strings may hold but well-formed text never does. */
const loneSurrogate = fc.oneof(fc.integer({ min: 0xd800, max: 0xdbff }), fc.integer({ min: 0xdc00, max: 0xdfff })).map((unit) => String.fromCharCode(unit));

/**
 * Strings of up to `maxLength` pieces, each a lone surrogate or an ordinary code point (fast-check's `unit: 'binary'`
 * only ever pairs surrogates). Two neighbouring halves may happen to pair up; every string holds at least one lone one.
 */
export function textWithLoneSurrogates(maxLength: number): fc.Arbitrary<string> {
  const piece = fc.oneof(loneSurrogate, fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }), fc.constantFrom(' ', '.', '\n', 'a'));
  return fc
    .tuple(fc.array(piece, { maxLength: Math.max(0, maxLength - 1) }), loneSurrogate, fc.nat())
    .map(([pieces, lone, at]) => {
      const where = pieces.length === 0 ? 0 : at % (pieces.length + 1);
      // a space on each side keeps the guaranteed half from pairing with a neighbour
      return [...pieces.slice(0, where), ` ${lone} `, ...pieces.slice(where)].join('');
    });
}

/** True when `text` holds a surrogate half that is not part of a pair. */
export const hasLoneSurrogate = (text: string): boolean => /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
