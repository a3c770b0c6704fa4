/**
 * analyseArticle: sentences → news roles → check-worthiness → claims with type, speaker, stand-alone wording,
 * entities and signals. Pure: no I/O, no clock, no randomness.
 */
import type { ExtractedClaim, Segment, SegmentKind, ClaimType } from '../../schemas/claim.js';
import type { ArticleAnalysis, LineScore } from './index.js';
import { splitSentences, type SentenceSpan } from './segment.js';
import { classifyParagraphs, leadingDateline, TRAILING_CREDIT, type ParagraphKind } from './news.js';
import { calibrated, model } from './model.js';
import { tokenize, type Token } from './tokens.js';
import { findEntities, type FoundEntity } from './entities.js';
import {
  ATTRIBUTION_VERBS, CAUSAL, FIRST_PLURAL, FIRST_SINGULAR, NOT_SPEAKERS, OPINION_WORDS, PERSON_TITLES, RULE_TYPE_WORDS,
  RULE_WORDS, STOP_SIGNAL_WORDS,
} from './lexicon.js';
import { DENSE_INDEX, hash, type Features } from './features.js';
import { startsLower, startsUpper, trimClosers } from './chars.js';

const MAX_SIGNALS = 4;

/** The rules layered on the model; switchable only so that `scripts/train.ts --ablate` can measure each one. */
export const RULES = { rhetoric: true, narrativePrior: true, quotePenalty: true, questions: true, quoteContent: true };

interface QuoteInfo {
  /** Fraction of the sentence's letters inside quotation marks. */
  quoted: number;
  /** Text inside quotes (joined with spaces). */
  inside: string;
  /** Whether the sentence ends still inside an open quote. */
  openAtEnd: boolean;
}

/** Quote state per character of a paragraph: straight quotes toggle, curly quotes open/close. */
function quoteMask(text: string, start: number, end: number): Uint8Array {
  const mask = new Uint8Array(end - start);
  let inside = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x201c) {
      inside = true;
      mask[i - start] = 2;
      continue;
    }
    if (c === 0x201d) {
      inside = false;
      mask[i - start] = 2;
      continue;
    }
    if (c === 34) {
      inside = !inside;
      mask[i - start] = 2;
      continue;
    }
    mask[i - start] = inside ? 1 : 0;
  }
  return mask;
}

function quoteInfo(text: string, s: SentenceSpan, mask: Uint8Array, paraStart: number): QuoteInfo {
  // Fast path: no quotation mark touches this sentence.
  let any = false;
  for (let i = s.start - paraStart, e = s.end - paraStart; i < e; i++) {
    if (mask[i] !== 0) {
      any = true;
      break;
    }
  }
  if (!any) return { quoted: 0, inside: '', openAtEnd: false };
  let inLetters = 0;
  let letters = 0;
  const inside: string[] = [];
  let last = 0;
  let runStart = -1;
  for (let i = s.start; i < s.end; i++) {
    const m = mask[i - paraStart]!;
    if (m === 1) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      inside.push(text.slice(runStart, i));
      runStart = -1;
    }
    if (m === 2) continue;
    if (text.charCodeAt(i) > 32) {
      letters++;
      if (m === 1) inLetters++;
    }
    last = m;
  }
  if (runStart >= 0) inside.push(text.slice(runStart, s.end));
  return {
    quoted: letters ? inLetters / letters : 0,
    inside: inside.join(' ').replace(/\s+/g, ' ').trim(),
    openAtEnd: last === 1,
  };
}

const TAG_VERB = /\b(?:said|says|told|tells|added|adds|asked|insisted|warned|stated|explained|argued|noted|wrote|according to)\b/g;

/** Whether a paragraph attributes its quotes ("…," she said): a news quote rather than a transcript line. */
function hasAttributionTag(text: string, start: number, end: number, mask: Uint8Array): boolean {
  const para = text.slice(start, end);
  TAG_VERB.lastIndex = 0;
  for (let m = TAG_VERB.exec(para); m; m = TAG_VERB.exec(para)) {
    if (mask[m.index] === 0) return true;
  }
  return false;
}

interface Speaker {
  /** The name as a reviewer would write it ("Stoltenberg", "U.S. and NATO officials"). */
  name: string;
  /** The attribution phrase ("Grushko said"). */
  phrase: string;
  pronoun: boolean;
  verbStart: number;
  subjStart: number;
}

const GROUP_NOUNS = new Set(['officials', 'sources', 'experts', 'analysts', 'diplomats', 'leaders', 'ministers',
  'spokesman', 'spokeswoman', 'spokesperson', 'negotiators', 'negotiator', 'authorities', 'police', 'prosecutors',
  'researchers', 'scientists', 'government', 'ministry', 'statement', 'report', 'data', 'figures', 'study', 'survey',
  'members', 'allies', 'lawmakers', 'residents', 'witnesses', 'department', 'agency', 'office', 'committee', 'commission',
  'bureau', 'court', 'board', 'institute', 'association', 'council', 'administration', 'campaign']);
const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we']);
/** Roles that can head a speaker phrase in lower case ("the minister said"). */
const ROLE_NOUNS = new Set(['minister', 'president', 'secretary', 'chancellor', 'spokesman', 'spokeswoman',
  'spokesperson', 'official', 'chief', 'director', 'governor', 'mayor', 'senator', 'ambassador', 'commander', 'general',
  'chairman', 'chairwoman', 'chair', 'ceo', 'economist', 'analyst', 'expert', 'diplomat', 'lawmaker', 'leader',
  'prosecutor', 'judge', 'report', 'statement', 'study', 'survey', 'agency', 'ministry', 'government', 'company',
  'police', 'military', 'army', 'court', 'negotiator', 'envoy', 'researcher', 'scientist', 'doctor', 'witness']);
const FUNCTION_WORDS_SPEAKER = new Set(['and', 'or', 'but', 'that', 'which', 'who', 'when', 'while', 'as', 'if',
  'said', 'says', 'told', 'is', 'was', 'were', 'are', 'has', 'have', 'had', 'not', 'also', 'in', 'on', 'at', 'of', 'to']);
const AMBIGUOUS_VERBS = new Set(['states', 'claims', 'reports', 'notes', 'estimates', 'promises', 'pledges', 'vows', 'charged', 'warns']);
const SUBJ_CONNECT = new Set(['and', 'of', 'the', '&']);

function isCapWord(t: Token): boolean {
  return t.kind === 'w' && startsUpper(t.text);
}

/**
 * Find the speaker of an attributed sentence from the text outside quotes: "X said", "said X", "X told reporters",
 * "according to X". Tokens are of the full sentence; `mask` tells which are inside quotes.
 */
function findSpeaker(text: string, tokens: Token[], insideQuote: (t: Token) => boolean): Speaker | undefined {
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

function collectLeft(text: string, tokens: Token[], from: number): Phrase | undefined {
  let k = from;
  // Skip adverbs between subject and verb ("he also said", "Sherman later told").
  while (k >= 0 && tokens[k]!.kind === 'w' && /^(?:also|later|then|again|previously|earlier|repeatedly|has|have|had|had|reportedly|once|now|further|flatly|publicly|privately)$/i.test(tokens[k]!.text)) k--;
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
  if (t.kind === 'w' && GROUP_NOUNS.has(lw)) {
    any = true;
    s = k - 1;
    // "Western officials", "U.S. and NATO officials", "some Western officials"
    while (s >= 0 && (isCapWord(tokens[s]!) || tokens[s]!.text === '.' || SUBJ_CONNECT.has(tokens[s]!.text.toLowerCase()) || /^(?:some|independent|other|senior|top|two|three|several|many)$/i.test(tokens[s]!.text))) s--;
    s++;
    while (s < k && /^(?:some|and|the)$/i.test(tokens[s]!.text)) s++;
  } else if (t.kind === 'w' && ROLE_NOUNS.has(lw) && k > 0) {
    // "the minister said", "a Kremlin spokesman said", "Britain's health secretary told"
    let m = k - 1;
    let steps = 0;
    while (m >= 0 && steps < 4 && tokens[m]!.kind === 'w' && !/^(?:the|a|an)$/i.test(tokens[m]!.text) && !/['’]s$/.test(tokens[m]!.text) && !FUNCTION_WORDS_SPEAKER.has(tokens[m]!.text.toLowerCase())) {
      m--;
      steps++;
    }
    if (m >= 0 && (/^(?:the|a|an)$/i.test(tokens[m]!.text) || /['’]s$/.test(tokens[m]!.text))) {
      return { text: text.slice(tokens[m]!.start, t.end), start: tokens[m]!.start, end: t.end, pronoun: false };
    }
    return undefined;
  } else if (isCapWord(t) || (t.text === '.' && k > 0)) {
    s = k;
    while (s >= 0 && (isCapWord(tokens[s]!) || (tokens[s]!.text === '.' && s > 0 && tokens[s - 1]!.text.length === 1) || (SUBJ_CONNECT.has(tokens[s]!.text.toLowerCase()) && s > 0 && (isCapWord(tokens[s - 1]!) || tokens[s - 1]!.text === '.' || (s > 1 && SUBJ_CONNECT.has(tokens[s - 1]!.text.toLowerCase()) && isCapWord(tokens[s - 2]!)))))) {
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

function collectRight(text: string, tokens: Token[], from: number): Phrase | undefined {
  let k = from;
  if (k >= tokens.length) return undefined;
  const t = tokens[k]!;
  if (PRONOUNS.has(t.text.toLowerCase())) return { text: t.text, start: t.start, end: t.end, pronoun: true };
  let e = k;
  while (e < tokens.length && (isCapWord(tokens[e]!) || tokens[e]!.text === '.' && e > k && tokens[e - 1]!.text.length === 1 || (SUBJ_CONNECT.has(tokens[e]!.text.toLowerCase()) && e + 1 < tokens.length && isCapWord(tokens[e + 1]!)) || (e > k && GROUP_NOUNS.has(tokens[e]!.text.toLowerCase())))) e++;
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

/** "U.S. Deputy Secretary of State Wendy Sherman" → "Sherman"; "Jens Stoltenberg" → "Stoltenberg"; groups kept. */
function shortName(phrase: string): string {
  const words = phrase.split(/\s+/);
  const last = words[words.length - 1]!;
  if (words.length === 1) return phrase.replace(/['’]s$/, '');
  // A role, not a name: "the minister", "a Kremlin spokesman", "Britain's health secretary".
  if (/^(?:the|a|an)$/i.test(words[0]!) || /['’]s$/.test(words[0]!)) return phrase;
  if (GROUP_NOUNS.has(last.toLowerCase()) || words.some((w) => /^(?:and|&)$/i.test(w))) return phrase;
  // A person's name after titles: keep the surname.
  const titled = words.some((w) => PERSON_TITLES.has(w.toLowerCase().replace(/\.$/, '')));
  if (titled || (words.length <= 3 && words.every((w) => /^\p{Lu}\p{Ll}/u.test(w)))) {
    if (/^(?:NATO|Kremlin|Pentagon|White|State|Congress)$/.test(words[0]!) && !titled) return phrase;
    return last.replace(/['’]s$/, '');
  }
  return phrase;
}

interface SentenceState {
  span: SentenceSpan;
  kind: SegmentKind;
  score: number;
  logit: number;
  features?: Features;
  quote?: QuoteInfo;
  quoteMode?: boolean;
  speaker?: Speaker;
  speakerName?: string;
  entities: FoundEntity[];
  standalone?: string;
  signals: string[];
  type: ClaimType;
}

/** Proper-noun memory for resolving pronouns. */
interface Memory {
  person?: string;
  thing?: string;
  people: Set<string>;
  /** How often each organisation has been named so far ("the alliance" stands for the most named). */
  organisations: Map<string, number>;
  /** Speaker of a quote still open at the end of the previous paragraph. */
  openQuoteSpeaker?: string;
}

const OPINION_LEADS = /^(?:i|we)(?:'m| am| are|'re)? (?:glad|happy|proud|sorry|ready|hopeful|confident|sure|pleased|disappointed|concerned|worried)\b/i;

function claimType(f: Features, entities: FoundEntity[], words: string[]): ClaimType {
  const has = (set: ReadonlySet<string>) => words.some((w) => set.has(w));
  const quantity = entities.some((e) => e.kind === 'quantity') || f.dense[DENSE_INDEX.percent]! > 0 || f.dense[DENSE_INDEX.money]! > 0;
  if (quantity) return 'quantity';
  if (words.some((w, i) => (w === 'because' || w === 'caused' || w === 'causes' || w === 'cause' || (w === 'led' && words[i + 1] === 'to') || (w === 'due' && words[i + 1] === 'to') || (w === 'result' && words[i - 1] === 'a') || w === 'raised' && words[i + 1] === 'fears' || w === 'blamed'))) return 'causation';
  // A prediction when the future is in the main clause, not in a reported or embedded one ("guarantees that Ukraine will").
  const future = words.some((w, i) => (w === 'will' || w === "won't" || w.endsWith("'ll") || (w === 'going' && words[i + 1] === 'to') || w === 'expected' || w === 'forecast' || w === 'predicted' || w === 'projected') &&
    !words.slice(Math.max(0, i - 3), i).some((p) => p === 'that' || p === 'whether' || p === 'if'));
  if (future) return 'prediction';
  if (has(RULE_TYPE_WORDS)) return 'rule';
  if (words.some((w) => FIRST_SINGULAR.has(w))) return 'personal';
  return 'other';
}

const SIGNAL_LABEL: Record<string, string> = {
  number: 'a number', numberCount: 'several numbers', year: 'a year', percent: 'a percentage', money: 'money',
  bigNumber: 'a large number', numberWord: 'a number in words', unitAfterNumber: 'a quantity', properNoun: 'names',
  properNounCount: 'several names', month: 'a date', attribution: 'attributed', pastTense: 'a past event',
  presentTense: 'a present state', modal: 'modal verb', future: 'a prediction', comparative: 'a comparison',
  superlative: 'a superlative', causal: 'a cause', rule: 'a rule or law', opinion: 'opinion words',
  firstSingular: 'first person', firstPlural: 'first person plural', secondPerson: 'addresses "you"',
  question: 'a question', exclamation: 'an exclamation', short: 'very short', long: 'long sentence',
  logLength: 'sentence length', quote: 'quoted', startsWithConjunction: 'starts with a conjunction',
  negation: 'a negation', imperativeStart: 'an imperative', fragment: 'a fragment', pastAction: 'a past action',
  thereIs: 'says something exists', perfect: 'a completed action', hedge: 'hedged',
};
/** Dense features not worth a reason of their own: shown through entities, speakers or telling words instead. */
const SIGNAL_SKIP = new Set(['number', 'numberCount', 'unitAfterNumber', 'bigNumber', 'properNoun', 'properNounCount', 'attribution',
  'logLength', 'month', 'year', 'specific', 'wording']);

function makeSignals(st: SentenceState, text: string): string[] {
  const m = model();
  const f = st.features;
  if (!f) return [];
  const reasons: { w: number; s: string }[] = [];
  const ents = st.entities;
  const q = ents.filter((e) => e.kind === 'quantity');
  const names = ents.filter((e) => e.kind === 'person' || e.kind === 'organisation' || e.kind === 'place');
  const dates = ents.filter((e) => e.kind === 'date');
  const contrib = new Map(m.denseContributions(f).map((c) => [c.name, c.value]));
  const numW = (contrib.get('number') ?? 0) + (contrib.get('unitAfterNumber') ?? 0) + (contrib.get('numberCount') ?? 0) + (contrib.get('bigNumber') ?? 0) + (contrib.get('percent') ?? 0);
  if (q.length) reasons.push({ w: Math.max(numW, 0.5) + 0.5, s: `a quantity: ${q.slice(0, 2).map((e) => e.text).join(', ')}` });
  if (st.speaker) reasons.push({ w: 0.9, s: `attributed: ${st.speaker.phrase}` });
  if (names.length) reasons.push({ w: Math.max((contrib.get('properNoun') ?? 0) + (contrib.get('properNounCount') ?? 0), 0.3), s: `named: ${[...new Set(names.map((e) => e.text))].slice(0, 3).join(', ')}` });
  if (dates.length) reasons.push({ w: 0.4, s: `a date: ${dates[0]!.text}` });
  for (const [name, value] of contrib) {
    if (value <= 0.15) continue;
    if (SIGNAL_SKIP.has(name)) continue;
    const ev = evidence(name, f);
    reasons.push({ w: value, s: ev ? `${SIGNAL_LABEL[name] ?? name}: ${ev}` : SIGNAL_LABEL[name] ?? name });
  }
  // Strongest words: each word's part of the logit, through its n-gram weight and its share of the word-vector mean.
  const inVocabulary = m.vocabularyCount(f);
  const seen = new Set<string>();
  const wordW: { w: number; word: string }[] = [];
  for (const w of f.words) {
    if (seen.has(w) || w.startsWith('<') || w.length < 3 || STOP_SIGNAL_WORDS.has(w)) continue;
    seen.add(w);
    const v = m.wordWeight(w, hash) * f.scale + (inVocabulary ? m.wordingWeight(w) / inVocabulary : 0);
    if (v > 0.1) wordW.push({ w: v, word: w });
  }
  wordW.sort((a, b) => b.w - a.w);
  if (wordW.length) {
    const top = wordW.slice(0, 3);
    reasons.push({ w: top.reduce((n, x) => n + x.w, 0), s: `telling words: ${top.map((x) => `"${x.word}"`).join(', ')}` });
  }
  reasons.sort((a, b) => b.w - a.w);
  return reasons.slice(0, MAX_SIGNALS).map((r) => r.s);
}

const COMPARISON_EVIDENCE = new Set(['more', 'less', 'fewer', 'than', 'most', 'least', 'largest', 'biggest', 'highest',
  'lowest', 'first', 'record', 'doubled', 'tripled']);

function evidence(name: string, f: Features): string | undefined {
  const words = f.words;
  const pick = (pred: (w: string, i: number) => boolean) => words.find(pred);
  switch (name) {
    case 'comparative':
    case 'superlative':
      return pick((w) => COMPARISON_EVIDENCE.has(w) || w.startsWith('increase') || w.startsWith('decrease') || (w.length > 5 && w.endsWith('est')));
    case 'causal':
      return pick((w) => CAUSAL.has(w));
    case 'rule':
      return pick((w) => RULE_WORDS.has(w));
    case 'pastTense':
    case 'pastAction':
      // "-ed" words, less the "-eed" verbs that are not past forms ("proceed", "exceed"; "agreed" and "freed" are).
      return f.tokens.find((t) => t.kind === 'w' && t.text.length > 4 && t.text.endsWith('ed') && startsLower(t.text) &&
        (!t.text.endsWith('eed') || /(?:gr|fr|cr|guarant)eed$/.test(t.text)))?.text;
    case 'future':
      return pick((w) => w === 'will' || w === 'going' || w.endsWith("'ll"));
    default:
      return undefined;
  }
}

/** Stand-alone wording: resolve a leading pronoun subject, a pronoun speaker and "the alliance"-style descriptions. */
function standaloneWording(text: string, st: SentenceState, mem: Memory, startsInQuote: boolean): string | undefined {
  const s = text.slice(st.span.start, st.span.end);
  let out = s;
  let changed = false;
  // Pronoun subject at the start, or after a leading adverbial ("Amid the diplomatic efforts, it staged").
  const m = /^(?:([^,"“”]{1,60}), )?(he|she|it|they)\b(?! is a threat)/i.exec(s);
  if (m && (m[1] === undefined || !/\b(?:said|says|told|that)\b/.test(m[1]))) {
    const pron = m[2]!.toLowerCase();
    const ref = pron === 'he' || pron === 'she' ? mem.person : pron === 'it' ? mem.thing : undefined;
    if (ref) {
      const at = (m[1] ? m[1].length + 2 : 0);
      const next = s.slice(at + m[2]!.length);
      // Avoid expletive "it": "it is worth", "it was not".
      if (!(pron === 'it' && /^ (?:is|was|would|will|has been|seems|remains|appears)\b/.test(next))) {
        out = s.slice(0, at) + ref + next;
        changed = true;
      }
    }
  }
  // Pronoun speaker in the attribution tag: "..., he told reporters afterward." → "Grushko told reporters".
  if (st.speaker?.pronoun && st.speakerName && !PRONOUNS.has(st.speakerName.toLowerCase())) {
    // The pronoun sits at subjStart (before the verb: "he told"; after it: "said he"); shift by any earlier edit.
    const offset = st.speaker.subjStart - st.span.start + (out.length - s.length);
    const word = /^\p{L}+/u.exec(out.slice(offset))?.[0];
    if (word && PRONOUNS.has(word.toLowerCase())) {
      out = out.slice(0, offset) + st.speakerName + out.slice(offset + word.length);
      changed = true;
    }
  }
  // "the alliance" / "the bloc" for the organisation the article has named most so far ("… joining the alliance" →
  // "… joining NATO"), unless the sentence names it itself.
  const org = mostNamed(mem.organisations);
  if (org && !s.includes(org)) {
    // Inside a quotation the speaker's words stay theirs: the referent goes in brackets ("the members of [NATO]").
    const replaced = out.replace(DESCRIPTION, (_m, _the: string, possessive: string | undefined, at: number, all: string) => {
      const name = org + (possessive ?? '');
      return insideQuotes(all, at, startsInQuote) ? `[${name}]` : name;
    });
    if (replaced !== out) {
      out = replaced;
      changed = true;
    }
  }
  if (!changed) return undefined;
  return out.charAt(0).toUpperCase() + out.slice(1);
}

/** Whether `at` falls inside a quotation (the text may open inside one): straight quotes toggle, curly quotes open and close. */
function insideQuotes(text: string, at: number, startsInside: boolean): boolean {
  let inside = startsInside;
  for (let i = 0; i < at; i++) {
    const c = text[i];
    if (c === '"') inside = !inside;
    else if (c === '“') inside = true;
    else if (c === '”') inside = false;
  }
  return inside;
}

/** Definite descriptions of an organisation that lean on an earlier mention. */
const DESCRIPTION = /\b([Tt]he) (?:alliance|bloc|coalition)(['’]s)?(?![\p{L}-])/gu;

/** The organisation named most often (ties go to the one introduced later); undefined when none was named twice. */
function mostNamed(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let n = 1;
  for (const [name, c] of counts) {
    if (c >= n) {
      best = name;
      n = c;
    }
  }
  return n >= 2 ? best : undefined;
}

function scoreText(s: string, tokens?: Token[]): { logit: number; features: Features } {
  const m = model();
  const features = m.featurize(s, tokens);
  return { logit: m.logit(features), features };
}

/** Reported uncertainty: what officials or experts do not know yet is not a checkable fact. */
const UNCERTAINTY = /\b(?:an open question|unclear|not clear|remains to be seen|trying to (?:understand|determine|figure out|work out|find out))\b/i;

/** News prior (logit offset) for narrative sentences of an article: attributed statements, reported uncertainty. */
function narrativePrior(text: string, entities: FoundEntity[], speaker: Speaker | undefined, paraKind: ParagraphKind): number {
  if (paraKind !== 'body') return 0;
  // Only what the transcripts the model learnt from cannot teach: news attribution ("…, officials said") makes a
  // statement a claim that someone said it. (Boosts for names, numbers and dates were dropped: the model already
  // weighs those, and adding them again cost F1 on the held-out 2016 debates.)
  let z = 0;
  if (speaker && !speaker.pronoun) z += 0.9;
  else if (speaker) z += 0.6;
  // Reported uncertainty ("remained an open question", "trying to understand whether …"): states what nobody knows yet.
  if (!entities.some((e) => e.kind === 'quantity') && UNCERTAINTY.test(text)) z -= 1.5;
  return z;
}

export function analyseArticle(text: string): ArticleAnalysis {
  const t = typeof text === 'string' ? text : String(text ?? '');
  const spans = splitSentences(t);
  // Paragraph texts and spans.
  const paraSpans: { start: number; end: number }[] = [];
  for (const sp of spans) {
    const p = paraSpans[sp.paragraph];
    if (p) p.end = sp.end;
    else paraSpans[sp.paragraph] = { start: sp.start, end: sp.end };
  }
  const paraTexts = paraSpans.map((p) => t.slice(p.start, p.end));
  const paraKinds = classifyParagraphs(paraTexts);
  const mem: Memory = { people: new Set(), organisations: new Map() };
  const states: SentenceState[] = [];
  let paraIdx = -1;
  let mask: Uint8Array = new Uint8Array(0);
  let paraStart = 0;
  let paraSpeaker: string | undefined;
  let paraTagged = false;
  let paraStates: SentenceState[] = [];
  let previousSpeaker: string | undefined;
  const flushParagraph = () => {
    // Quote sentences without their own tag take the paragraph's speaker; a paragraph that is all quote and names
    // nobody continues the previous paragraph's speaker (the news convention for quotes running over paragraphs).
    const allQuote = paraStates.length > 0 && paraStates.every((st) => st.quoteMode);
    const sp = paraSpeaker ?? (allQuote ? previousSpeaker : undefined);
    for (const st of paraStates) {
      if (!st.speakerName && sp && st.quoteMode) st.speakerName = sp;
    }
    if (paraStates.length > 0) previousSpeaker = paraSpeaker ?? (allQuote ? previousSpeaker : undefined);
    paraStates = [];
  };
  for (let sp of spans) {
    if (sp.paragraph !== paraIdx) {
      flushParagraph();
      paraIdx = sp.paragraph;
      const ps = paraSpans[paraIdx]!;
      paraStart = ps.start;
      mask = quoteMask(t, ps.start, ps.end);
      paraTagged = hasAttributionTag(t, ps.start, ps.end, mask);
      paraSpeaker = undefined;
    }
    const pkind = paraKinds[paraIdx] ?? 'body';
    let sText = t.slice(sp.start, sp.end);
    // A wire dateline opening the first sentence ("WASHINGTON (AP) — ") is its own segment, not part of the claim.
    if (pkind === 'body' && sp.index === 0) {
      const lead = leadingDateline(sText);
      if (lead > 0 && lead < sText.length) {
        let leadEnd = sp.start + lead;
        while (leadEnd > sp.start && t.charCodeAt(leadEnd - 1) <= 32) leadEnd--;
        states.push({ span: { ...sp, end: leadEnd }, kind: 'dateline', score: 0, logit: 0, entities: [], signals: [], type: 'other' });
        sp = { ...sp, start: sp.start + lead };
        sText = t.slice(sp.start, sp.end);
      }
    }
    const st: SentenceState = { span: sp, kind: 'sentence', score: 0, logit: 0, entities: [], signals: [], type: 'other' };
    states.push(st);
    paraStates.push(st);
    // A photo credit standing as its own sentence at the end of a caption: "(AP Photo/Evan Vucci)".
    if (TRAILING_CREDIT.test(sText) && sText.startsWith('(')) {
      st.kind = 'credit';
      continue;
    }
    if (pkind !== 'body') {
      const k: SegmentKind = pkind === 'caption' || pkind === 'credit' || pkind === 'dateline' || pkind === 'byline' || pkind === 'headline' || pkind === 'standfirst' ? pkind : 'sentence';
      st.kind = k;
      const { logit, features } = scoreText(sText);
      st.logit = logit;
      st.features = features;
      st.score = Math.min(calibrated(logit, model().threshold), 0.49);
      continue;
    }
    const tokens = tokenize(t, sp.start, sp.end);
    // No word or number at all ("…", "— —"): nothing to check, and not worth the model's time.
    if (!tokens.some((tok) => tok.kind !== 'p')) {
      st.score = 0;
      continue;
    }
    const q = quoteInfo(t, sp, mask, paraStart);
    st.quote = q;
    const inQuote = (tok: Token) => mask[tok.start - paraStart] === 1;
    const speaker = findSpeaker(t, tokens, inQuote);
    if (speaker) {
      st.speaker = speaker;
      let name = speaker.name;
      if (speaker.pronoun) {
        const pl = name.toLowerCase();
        if ((pl === 'he' || pl === 'she') && mem.person) name = mem.person;
        else if (pl === 'it' && mem.thing) name = mem.thing;
        else if (pl === 'they' && mem.thing) name = name; // leave "they" unresolved
      }
      // "She and Stoltenberg" → "Sherman and Stoltenberg"
      const lead = /^(He|She) and /.exec(name);
      if (lead && mem.person) name = mem.person + name.slice(lead[1]!.length);
      st.speakerName = PRONOUNS.has(name.toLowerCase()) ? undefined : name;
      if (st.speakerName) paraSpeaker = st.speakerName;
    }
    st.entities = findEntities(t, tokens, mem.people);
    // Score: quotes are judged on their content; narrative on the whole sentence plus the news prior.
    // A sentence is read as a direct quote when most of it is quoted or it opens with a quotation mark; short quoted
    // fragments inside reported speech ('did not "see a substantial reason for optimism"') stay narrative.
    const quoteMode = q.inside.length > 0 && (q.quoted >= 0.5 || (q.quoted >= 0.25 && /^["“]/.test(sText)) || mask[sp.start - paraStart] === 1);
    st.quoteMode = quoteMode;
    let content = sText;
    if (quoteMode && RULES.quoteContent) content = q.inside;
    const { logit, features } = scoreText(content, quoteMode ? undefined : tokens);
    let z = logit;
    if (!quoteMode) {
      if (RULES.narrativePrior) z += narrativePrior(content, st.entities, speaker, pkind);
    }
    // Rhetoric: first person feelings or readiness ("We are ready to sit down", "I'm glad they did it").
    const contentTrim = content.replace(/^["“'\s]+/, '');
    const rhetorical = OPINION_LEADS.test(contentTrim) || /^(?:i|we) (?:hope|think|believe|feel|wish|want)\b/i.test(contentTrim);
    // Only in attributed news quotes: in a transcript, "I think …" often introduces the claim itself.
    if (rhetorical && RULES.rhetoric && quoteMode && paraTagged) z -= 2.5;
    // A quoted first-person stance ("we are not dragging our feet", "we will not slam the door shut") without a number,
    // a date or a deed ("we protected every library" can be checked): an official's rhetoric more than a fact. Strong
    // enough to hold below the recall-leaning threshold.
    if (RULES.quotePenalty && quoteMode && paraTagged && features.words.some((w) => FIRST_PLURAL.has(w) || FIRST_SINGULAR.has(w)) &&
      !st.entities.some((e) => e.kind === 'quantity' || e.kind === 'date') && features.dense[DENSE_INDEX.pastAction] === 0) z -= 2;
    st.logit = z;
    st.features = features;
    st.score = calibrated(z, model().threshold);
    const trimmed = trimClosers(sText, true);
    if (trimmed.endsWith('?') && RULES.questions) {
      st.kind = 'question';
      st.score = Math.min(st.score, 0.49);
    } else if (st.score >= 0.5) {
      st.kind = 'claim';
    } else if (rhetorical || features.words.some((w) => OPINION_WORDS.has(w) || FIRST_SINGULAR.has(w) || FIRST_PLURAL.has(w))) {
      st.kind = 'opinion';
    }
    // Claim details.
    st.type = claimType(features, st.entities, features.words);
    st.standalone = standaloneWording(t, st, mem, mask[sp.start - paraStart] === 1);
    // Update memory: people, organisations and the current topic ("it").
    for (const e of st.entities) if (e.kind === 'organisation') mem.organisations.set(e.text, (mem.organisations.get(e.text) ?? 0) + 1);
    for (const e of st.entities) if (e.kind === 'person') {
      const short = e.text.split(/\s+/).pop()!;
      mem.people.add(e.text);
      mem.people.add(short);
    }
    if (st.speakerName && !st.speaker?.pronoun && /^\p{Lu}\p{Ll}+$/u.test(st.speakerName)) {
      mem.person = st.speakerName;
      mem.people.add(st.speakerName);
    } else {
      const lastPerson = [...st.entities].reverse().find((e) => e.kind === 'person');
      if (lastPerson && !(st.speaker && st.speaker.pronoun)) mem.person = lastPerson.text.split(/\s+/).pop()!;
    }
    const subject = st.entities.find((e) => e.kind === 'place' || e.kind === 'organisation');
    if (subject && subject.start - sp.start < 40 && startsUpper(subject.text)) mem.thing = subject.text;
  }
  flushParagraph();

  const segments: Segment[] = states.map((s) => ({
    start: s.span.start, end: s.span.end, kind: s.kind, checkworthiness: round(s.score),
  }));
  const claims: ExtractedClaim[] = [];
  for (const s of states) {
    if (s.kind !== 'claim') continue;
    const claim: ExtractedClaim = {
      seq: claims.length + 1,
      text: t.slice(s.span.start, s.span.end),
      start: s.span.start,
      end: s.span.end,
      checkworthiness: round(s.score),
      type: s.type,
    };
    if (s.standalone) claim.standalone = s.standalone;
    const signals = makeSignals(s, t);
    if (signals.length) claim.signals = signals;
    if (s.entities.length) claim.entities = s.entities.map((e) => ({ text: e.text, kind: e.kind, start: e.start, end: e.end }));
    if (s.speakerName) claim.speaker = s.speakerName;
    claims.push(claim);
  }
  return { claims, segments };
}

function round(x: number): number {
  const v = Math.round(x * 1000) / 1000;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

export function scoreLine(line: string): LineScore {
  const a = analyseArticle(line);
  let best = 0;
  for (const s of a.segments) if (s.checkworthiness > best) best = s.checkworthiness;
  return { checkworthiness: best, claim: a.claims.length > 0 };
}
