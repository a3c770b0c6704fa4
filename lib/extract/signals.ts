/** The reasons shown with a claim's score: quantities, attribution, names, dates, the strongest features and words. */
import type { FoundEntity } from './entities.js';
import type { Features } from './features.js';
import type { Model } from './model.js';
import type { Speaker } from './speakers.js';
import { startsLower } from './chars.js';
import { CAUSAL, COMPARISON_EVIDENCE, RULE_WORDS, STOP_SIGNAL_WORDS } from './lexicon.js';

const MAX_SIGNALS = 4;

const SIGNAL_LABEL: Readonly<Record<string, string>> = {
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
const SIGNAL_SKIP: ReadonlySet<string> = new Set(['number', 'numberCount', 'unitAfterNumber', 'bigNumber', 'properNoun', 'properNounCount', 'attribution',
  'logLength', 'month', 'year', 'specific', 'wording']);

/** What a claim's signals are made from. */
export interface SignalSource {
  features: Features;
  entities: readonly FoundEntity[];
  speaker?: Speaker;
}

export function makeSignals(m: Model, { features: f, entities: ents, speaker }: SignalSource): string[] {
  const reasons: { w: number; s: string }[] = [];
  const q = ents.filter((e) => e.kind === 'quantity');
  const names = ents.filter((e) => e.kind === 'person' || e.kind === 'organisation' || e.kind === 'place');
  const dates = ents.filter((e) => e.kind === 'date');
  const contrib = new Map(m.denseContributions(f).map((c) => [c.name, c.value]));
  const numW = (contrib.get('number') ?? 0) + (contrib.get('unitAfterNumber') ?? 0) + (contrib.get('numberCount') ?? 0) + (contrib.get('bigNumber') ?? 0) + (contrib.get('percent') ?? 0);
  if (q.length) reasons.push({ w: Math.max(numW, 0.5) + 0.5, s: `a quantity: ${q.slice(0, 2).map((e) => e.text).join(', ')}` });
  if (speaker) reasons.push({ w: 0.9, s: `attributed: ${speaker.phrase}` });
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
    const v = m.wordWeight(w) * f.scale + (inVocabulary ? m.wordingWeight(w) / inVocabulary : 0);
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

/** The word that shows a feature ("a comparison: more"), when there is one to show. */
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
