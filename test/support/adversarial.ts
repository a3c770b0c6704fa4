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
};
