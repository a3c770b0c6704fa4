/**
 * Who said it: the speaker of an attributed sentence ("X said", "said X", "X told reporters", "according to X"), found
 * in the text outside quotation marks, and the short name a reviewer would write.
 */
import type { Token } from './tokens.js';
import { startsUpper } from './chars.js';
import { OUTSIDE } from './quotes.js';
import {
  AMBIGUOUS_VERBS, ATTRIBUTION_VERBS, GROUP_NOUNS, HONORIFICS, NOT_SPEAKERS, PERSON_TITLES, PRONOUNS, ROLE_NOUNS,
  SPEAKER_ADVERBS, SPEAKER_STOP_WORDS, SUBJECT_JOINERS, TITLE_ABBREVIATIONS,
} from './lexicon.js';

export interface Speaker {
  /** The name as a reviewer would write it ("Stoltenberg", "U.S. and NATO officials"). */
  name: string;
  /** The attribution phrase ("Grushko said"). */
  phrase: string;
  pronoun: boolean;
  verbStart: number;
  subjStart: number;
}

const TAG_VERB = /\b(?:said|says|told|tells|added|adds|asked|insisted|warned|stated|explained|argued|noted|wrote|according to)\b/g;

/** Whether a paragraph attributes its quotes ("…," she said): a news quote rather than a transcript line. */
export function hasAttributionTag(text: string, start: number, end: number, mask: Uint8Array): boolean {
  // matchAll works on a copy of the regex: its lastIndex is never shared between calls.
  for (const m of text.slice(start, end).matchAll(TAG_VERB)) {
    if (mask[m.index] === OUTSIDE) return true;
  }
  return false;
}

function isCapWord(t: Token): boolean {
  return t.kind === 'w' && startsUpper(t.text);
}

/** Whether token `i` is a dot that belongs to the name phrase: after an initial ("U.S.") or a title ("Dr.", "Gen."). */
function isNameDot(tokens: Token[], i: number): boolean {
  const before = tokens[i - 1];
  return tokens[i]!.text === '.' && before !== undefined && (before.text.length === 1 || TITLE_ABBREVIATIONS.has(before.text.toLowerCase()));
}

const ARTICLE = /^(?:the|a|an)$/i;
const POSSESSIVE = /['’]s$/;

/**
 * The speaker of an attributed sentence, from the text outside quotes. Tokens are of the full sentence;
 * `insideQuote` tells which are inside quotes.
 */
export function findSpeaker(text: string, tokens: Token[], insideQuote: (t: Token) => boolean): Speaker | undefined {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind !== 'w' || insideQuote(t)) continue;
    const lw = t.text.toLowerCase();
    if (lw === 'according' && tokens[i + 1]?.text.toLowerCase() === 'to') {
      const subj = collectRight(text, tokens, i + 2);
      if (subj) return { name: shortName(subj.text), phrase: text.slice(t.start, subj.end), pronoun: false, verbStart: t.start, subjStart: subj.start };
      continue;
    }
    if (!ATTRIBUTION_VERBS.has(lw) || lw === 'according') continue;
    // Verb forms that are also nouns ("member states", "claims of") need a name or pronoun right before them.
    if (AMBIGUOUS_VERBS.has(lw)) {
      const p = tokens[i - 1];
      if (!p || !(isCapWord(p) || PRONOUNS.has(p.text.toLowerCase()) || p.text === '.') || tokens[i + 1]?.text.toLowerCase() === 'of') continue;
      if (lw === 'states' && p.text === 'United') continue;
    }
    // A participle after a comma ("…, saying …") belongs to the main clause's subject: the sentence's first name.
    if (lw.endsWith('ing') && tokens[i - 1]?.text === ',') {
      let k = 0;
      while (k < i && (tokens[k]!.kind === 'p' || /^(?:but|and|so|yet|also|meanwhile|still)$/i.test(tokens[k]!.text))) k++;
      const subj = k < i && isCapWord(tokens[k]!) ? collectRight(text, tokens, k) : undefined;
      if (subj && !subj.pronoun && subj.end <= t.start && !NOT_SPEAKERS.has(subj.text.toLowerCase())) {
        return { name: shortName(subj.text), phrase: `${subj.text} … ${t.text}`, pronoun: false, verbStart: t.start, subjStart: subj.start };
      }
      continue;
    }
    // Subject to the left: skip an appositive ", who ... ," or ", 55,".
    const left = collectLeft(text, tokens, i - 1);
    if (left) {
      return { name: left.pronoun ? left.text : shortName(left.text), phrase: `${left.text} ${t.text}`, pronoun: left.pronoun, verbStart: t.start, subjStart: left.start };
    }
    // "…," said Sherman.
    const right = collectRight(text, tokens, i + 1);
    if (right && (tokens[i - 1]?.text === ',' || tokens[i - 1]?.text === '"' || tokens[i - 1]?.text === '”' || i === 0)) {
      return { name: right.pronoun ? right.text : shortName(right.text), phrase: text.slice(t.start, right.end), pronoun: right.pronoun, verbStart: t.start, subjStart: right.start };
    }
  }
  return undefined;
}

interface Phrase {
  text: string;
  start: number;
  end: number;
  pronoun: boolean;
}

/** The subject phrase ending at token `from`, walking left. */
function collectLeft(text: string, tokens: Token[], from: number): Phrase | undefined {
  let k = from;
  while (k >= 0 && tokens[k]!.kind === 'w' && SPEAKER_ADVERBS.has(tokens[k]!.text.toLowerCase())) k--;
  // "on Tuesday" between subject and verb: "Dmitry Peskov, on Tuesday said".
  if (k >= 1 && /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)$/.test(tokens[k]!.text) && tokens[k - 1]!.text.toLowerCase() === 'on') k -= 2;
  // Appositive: ", who led the U.S. delegation," → jump back to before the opening comma.
  if (k >= 0 && tokens[k]!.text === ',') {
    let m = k - 1;
    let steps = 0;
    while (m >= 0 && tokens[m]!.text !== ',' && steps < 16) {
      m--;
      steps++;
    }
    if (m >= 0 && tokens[m]!.text === ',') {
      const inner = tokens.slice(m + 1, k);
      if (inner[0] && /^(?:who|which|whose|the|a|an)$/i.test(inner[0].text) && inner.length > 1) {
        k = m - 1;
      } else if (inner.length > 0 && inner.length <= 5 && inner.every((x) => isCapWord(x) || x.text === '.')) {
        // "The alliance's secretary general, Jens Stoltenberg, said"
        return { text: text.slice(inner[0]!.start, inner[inner.length - 1]!.end), start: inner[0]!.start, end: inner[inner.length - 1]!.end, pronoun: false };
      } else if (inner.length > 0 && inner.every((x) => x.kind === 'n')) {
        k = m - 1;
      } else return undefined;
    } else return undefined;
  }
  if (k < 0) return undefined;
  const t = tokens[k]!;
  const lw = t.text.toLowerCase();
  if (PRONOUNS.has(lw)) return { text: t.text, start: t.start, end: t.end, pronoun: true };
  let s = k;
  let any = false;
  const joiner = (x: Token) => SUBJECT_JOINERS.has(x.text.toLowerCase());
  if (t.kind === 'w' && GROUP_NOUNS.has(lw)) {
    any = true;
    s = k - 1;
    // "Western officials", "U.S. and NATO officials", "some Western officials"
    while (s >= 0 && (isCapWord(tokens[s]!) || tokens[s]!.text === '.' || joiner(tokens[s]!) || /^(?:some|independent|other|senior|top|two|three|several|many)$/i.test(tokens[s]!.text))) s--;
    s++;
    while (s < k && /^(?:some|and|the)$/i.test(tokens[s]!.text)) s++;
  } else if (t.kind === 'w' && ROLE_NOUNS.has(lw) && k > 0) {
    // "the minister said", "a Kremlin spokesman said", "Britain's health secretary told"
    let m = k - 1;
    let steps = 0;
    while (m >= 0 && steps < 4 && tokens[m]!.kind === 'w' && !ARTICLE.test(tokens[m]!.text) && !POSSESSIVE.test(tokens[m]!.text) && !SPEAKER_STOP_WORDS.has(tokens[m]!.text.toLowerCase())) {
      m--;
      steps++;
    }
    if (m >= 0 && (ARTICLE.test(tokens[m]!.text) || POSSESSIVE.test(tokens[m]!.text))) {
      return { text: text.slice(tokens[m]!.start, t.end), start: tokens[m]!.start, end: t.end, pronoun: false };
    }
    return undefined;
  } else if (isCapWord(t) || (t.text === '.' && k > 0)) {
    s = k;
    while (s >= 0 && (isCapWord(tokens[s]!) || (s > 0 && isNameDot(tokens, s)) || (joiner(tokens[s]!) && s > 0 && (isCapWord(tokens[s - 1]!) || tokens[s - 1]!.text === '.' || (s > 1 && joiner(tokens[s - 1]!) && isCapWord(tokens[s - 2]!)))))) {
      s--;
      any = true;
    }
    s++;
  }
  if (!any) return undefined;
  // Drop leading function words.
  while (s < k && /^(?:the|and|of|but|in|on|at|while)$/i.test(tokens[s]!.text)) s++;
  const phrase = text.slice(tokens[s]!.start, tokens[k]!.end);
  if (NOT_SPEAKERS.has(phrase.toLowerCase())) return undefined;
  return { text: phrase, start: tokens[s]!.start, end: tokens[k]!.end, pronoun: false };
}

/** The subject phrase starting at token `from`, walking right ("said Sherman", "according to the Pentagon"). */
function collectRight(text: string, tokens: Token[], from: number): Phrase | undefined {
  const k = from;
  if (k >= tokens.length) return undefined;
  const t = tokens[k]!;
  if (PRONOUNS.has(t.text.toLowerCase())) return { text: t.text, start: t.start, end: t.end, pronoun: true };
  let e = k;
  while (e < tokens.length && (isCapWord(tokens[e]!) || (e > k && isNameDot(tokens, e)) || (SUBJECT_JOINERS.has(tokens[e]!.text.toLowerCase()) && e + 1 < tokens.length && isCapWord(tokens[e + 1]!)) || (e > k && GROUP_NOUNS.has(tokens[e]!.text.toLowerCase())))) e++;
  if (e === k) {
    if (/^(?:the|a)$/i.test(t.text)) {
      // "according to the Pentagon" / "according to U.S. officials"
      const named = collectRight(text, tokens, k + 1);
      if (named) return named;
      // "according to the finance department": a few lower-case words up to a group or institution noun.
      for (let j = k + 1; j < Math.min(tokens.length, k + 5) && tokens[j]!.kind === 'w' && !isCapWord(tokens[j]!); j++) {
        if (GROUP_NOUNS.has(tokens[j]!.text.toLowerCase())) return { text: text.slice(t.start, tokens[j]!.end), start: t.start, end: tokens[j]!.end, pronoun: false };
      }
    }
    return undefined;
  }
  return { text: text.slice(tokens[k]!.start, tokens[e - 1]!.end), start: tokens[k]!.start, end: tokens[e - 1]!.end, pronoun: false };
}

/**
 * "U.S. Deputy Secretary of State Wendy Sherman" → "Sherman"; "Jens Stoltenberg" → "Stoltenberg"; groups kept. After a
 * courtesy title the name is kept as given, less the title: "Dr. Helen Marsh" → "Helen Marsh" (never "Dr").
 */
export function shortName(phrase: string): string {
  const words = phrase.split(/\s+/);
  const courtesy = /^(\p{L}+)\.?$/u.exec(words[0]!);
  if (courtesy && HONORIFICS.has(courtesy[1]!.toLowerCase()) && words.length > 1 && words.slice(1).every((w) => /^\p{Lu}/u.test(w))) {
    return words.slice(1).join(' ').replace(POSSESSIVE, '');
  }
  const last = words[words.length - 1]!;
  if (words.length === 1) return phrase.replace(POSSESSIVE, '');
  // A role, not a name: "the minister", "a Kremlin spokesman", "Britain's health secretary".
  if (ARTICLE.test(words[0]!) || POSSESSIVE.test(words[0]!)) return phrase;
  if (GROUP_NOUNS.has(last.toLowerCase()) || words.some((w) => /^(?:and|&)$/i.test(w))) return phrase;
  // A person's name after titles: keep the surname.
  const titled = words.some((w) => PERSON_TITLES.has(w.toLowerCase().replace(/\.$/, '')));
  if (titled || (words.length <= 3 && words.every((w) => /^\p{Lu}\p{Ll}/u.test(w)))) {
    if (/^(?:NATO|Kremlin|Pentagon|White|State|Congress)$/.test(words[0]!) && !titled) return phrase;
    return last.replace(POSSESSIVE, '');
  }
  return phrase;
}
