/**
 * analyseArticle: sentences → news roles → check-worthiness → claims with type, speaker, stand-alone wording,
 * entities and signals. Pure: no I/O, no clock, no randomness, and no state outside one call — the model and the
 * rules come in as arguments (`defaultExtractor()` for the bundled model and every rule on).
 */
import type { ClaimType, ExtractedClaim, Segment, SegmentKind } from '../../schemas/claim.js';
import type { FoundEntity } from './entities.js';
import { speaksOfScience, type Features } from './features.js';
import type { Speaker } from './speakers.js';
import { splitSentences, type SentenceSpan } from './segment.js';
import { classifyParagraphs, isCredit, leadingDateline, TRAILING_CREDIT, type ParagraphKind } from './news.js';
import { bundledModel, calibrated, type Model } from './model.js';
import { tokenize, type Token } from './tokens.js';
import { findEntities } from './entities.js';
import { FIRST_PLURAL, FIRST_SINGULAR, OPINION_WORDS } from './lexicon.js';
import { trimClosers } from './chars.js';
import { INSIDE, quoteInfo, quoteMask } from './quotes.js';
import { findSpeaker, hasAttributionTag } from './speakers.js';
import { claimType } from './claim-type.js';
import { makeSignals } from './signals.js';
import { newMemory, remember, resolveSpeaker, standaloneWording, type Memory } from './standalone.js';
import { DEFAULT_RULES, isQuotedDeed, isQuotedStance, isRhetorical, assertsGenerically, hasNoVerb, narrativePrior, type Rules } from './rules.js';

/** What analyseArticle scores with: a model and the news rules on top of it. */
export interface Extractor {
  readonly model: Model;
  readonly rules: Rules;
}

const DEFAULT_EXTRACTOR: Extractor = /* @__PURE__ */ Object.freeze({ model: bundledModel, rules: DEFAULT_RULES });

/** The bundled model with every rule on: what the desk, the CLI and the evaluation use. */
export function defaultExtractor(): Extractor {
  return DEFAULT_EXTRACTOR;
}

export interface ArticleAnalysis {
  /** Check-worthy claims in text order, seq from 1. `text === articleText.slice(start, end)`. */
  claims: ExtractedClaim[];
  /** Every sentence-like stretch of the text with how it was read (claim, caption, credit, …), in text order. */
  segments: Segment[];
}

export interface LineScore {
  /** The highest check-worthiness of any sentence in the line (also when below the threshold). */
  checkworthiness: number;
  /** Whether the line yielded a claim. */
  claim: boolean;
}

/** How one sentence was read. */
interface SentenceState {
  span: SentenceSpan;
  kind: SegmentKind;
  score: number;
  features?: Features;
  /** Read as a direct quote (scored on what is inside the quotation marks). */
  quoteMode?: boolean;
  speaker?: Speaker;
  speakerName?: string;
  entities: FoundEntity[];
  standalone?: string;
  type: ClaimType;
}

/** A paragraph being read: its news role, its quotation mask and the speaker its sentences name. */
interface Paragraph {
  index: number;
  start: number;
  kind: ParagraphKind;
  mask: Uint8Array;
  /** Whether it attributes its quotes ("…," she said): a news quote rather than a transcript line. */
  tagged: boolean;
  speaker?: string;
  sentences: SentenceState[];
}

function blank(span: SentenceSpan, kind: SegmentKind = 'sentence'): SentenceState {
  return { span, kind, score: 0, entities: [], type: 'other' };
}

export function analyseArticle(text: string, extractor: Extractor): ArticleAnalysis {
  const t = typeof text === 'string' ? text : String(text ?? '');
  const spans = splitSentences(t);
  const paraSpans: { start: number; end: number }[] = [];
  for (const sp of spans) {
    const p = paraSpans[sp.paragraph];
    if (p) p.end = sp.end;
    else paraSpans[sp.paragraph] = { start: sp.start, end: sp.end };
  }
  const paraKinds = classifyParagraphs(paraSpans.map((p) => t.slice(p.start, p.end)));
  const masks = paraSpans.map((p) => quoteMask(t, p.start, p.end));
  const mem = newMemory();
  const states: SentenceState[] = [];
  let para: Paragraph | undefined;
  let previousSpeaker: string | undefined;
  for (const span of wholeQuotations(t, spans, paraSpans, masks)) {
    if (span.paragraph !== para?.index) {
      if (para) previousSpeaker = closeParagraph(para, previousSpeaker);
      const { start, end } = paraSpans[span.paragraph]!;
      const mask = masks[span.paragraph]!;
      para = { index: span.paragraph, start, kind: paraKinds[span.paragraph] ?? 'body', mask, tagged: hasAttributionTag(t, start, end, mask), sentences: [] };
    }
    let sp = span;
    // A wire dateline opening the first sentence ("WASHINGTON (AP) — ") is its own segment, not part of the claim.
    if (para.kind === 'body' && sp.index === 0) {
      const lead = leadingDateline(t.slice(sp.start, sp.end));
      if (lead > 0 && lead < sp.end - sp.start) {
        let leadEnd = sp.start + lead;
        while (leadEnd > sp.start && t.charCodeAt(leadEnd - 1) <= 32) leadEnd--;
        states.push(blank({ ...sp, end: leadEnd }, 'dateline'));
        sp = { ...sp, start: sp.start + lead };
      }
    }
    const st = readSentence(t, sp, para, mem, extractor);
    states.push(st);
    para.sentences.push(st);
  }
  if (para) closeParagraph(para, previousSpeaker);
  return { claims: toClaims(t, states, extractor.model), segments: states.map(toSegment) };
}

/** A quotation longer than this is split at its sentence ends after all (a stray quotation mark must not swallow a story). */
const MAX_QUOTATION = 1200;

/**
 * Sentences that begin inside a quotation join the sentence that opened it, so a claim never starts mid-quote:
 * `"Ukraine is a sovereign nation. Ukraine has the right to self-defense," he said.` is one segment. A sentence of
 * rhetoric inside the quotation ("I'm glad they did it.") stays a segment of its own, so it is read as the opinion it is
 * and does not ride into the queue inside a claim.
 */
function wholeQuotations(t: string, spans: readonly SentenceSpan[], paraSpans: readonly { start: number }[], masks: readonly Uint8Array[]): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  for (const sp of spans) {
    const prev = out[out.length - 1];
    const opensInside = masks[sp.paragraph]![sp.start - paraSpans[sp.paragraph]!.start] === INSIDE;
    if (prev && prev.paragraph === sp.paragraph && opensInside && sp.end - prev.start <= MAX_QUOTATION && !isRhetorical(t.slice(sp.start, sp.end))) prev.end = sp.end;
    else out.push({ ...sp });
  }
  return out;
}

/**
 * Quote sentences without their own tag take the paragraph's speaker; a paragraph that is all quote and names nobody
 * continues the previous paragraph's speaker (the news convention for quotes running over paragraphs). Returns the
 * speaker the next paragraph continues.
 */
function closeParagraph(para: Paragraph, previousSpeaker: string | undefined): string | undefined {
  if (para.sentences.length === 0) return previousSpeaker;
  const allQuote = para.sentences.every((st) => st.quoteMode);
  const speaker = para.speaker ?? (allQuote ? previousSpeaker : undefined);
  for (const st of para.sentences) {
    if (!st.speakerName && speaker && st.quoteMode) st.speakerName = speaker;
  }
  return speaker;
}

/** Read one sentence: its role, score, kind and claim details; updates the paragraph's speaker and the memory. */
function readSentence(t: string, sp: SentenceSpan, para: Paragraph, mem: Memory, { model, rules }: Extractor): SentenceState {
  const sText = t.slice(sp.start, sp.end);
  const st = blank(sp);
  // A photo credit standing as its own sentence at the end of a caption: "(AP Photo/Evan Vucci)".
  if (TRAILING_CREDIT.test(sText) && sText.startsWith('(')) {
    st.kind = 'credit';
    return st;
  }
  if (para.kind !== 'body') {
    // A caption's closing credit ("Photograph: Alex Turner/Getty Images") is a credit of its own.
    st.kind = para.kind === 'caption' && sp.index > 0 && isCredit(sText) ? 'credit' : para.kind;
    st.features = model.featurize(sText);
    st.score = Math.min(calibrated(model.logit(st.features), model.threshold), 0.49);
    return st;
  }
  const tokens = tokenize(t, sp.start, sp.end);
  // No word or number at all ("…", "— —"): nothing to check, and not worth the model's time.
  if (!tokens.some((tok) => tok.kind !== 'p')) return st;
  const q = quoteInfo(t, sp, para.mask, para.start);
  const inQuote = (tok: Token) => para.mask[tok.start - para.start] === INSIDE;
  const speaker = findSpeaker(t, tokens, inQuote);
  if (speaker) {
    st.speaker = speaker;
    st.speakerName = resolveSpeaker(speaker, mem);
    if (st.speakerName) para.speaker = st.speakerName;
  }
  st.entities = findEntities(t, tokens, mem.people);
  // Score: quotes are judged on their content; narrative on the whole sentence plus the news prior.
  // A sentence is read as a direct quote when most of it is quoted or it opens with a quotation mark; short quoted
  // fragments inside reported speech ('did not "see a substantial reason for optimism"') stay narrative.
  const opensInQuote = para.mask[sp.start - para.start] === INSIDE;
  const quoteMode = q.inside.length > 0 && (q.quoted >= 0.5 || (q.quoted >= 0.25 && /^["“]/.test(sText)) || opensInQuote);
  st.quoteMode = quoteMode;
  const content = quoteMode && rules.quoteContent ? q.inside : sText;
  const features = model.featurize(content, quoteMode ? undefined : tokens);
  let z = model.logit(features);
  if (!quoteMode && rules.narrativePrior) z += narrativePrior(content, st.entities, speaker);
  if (rules.scienceTopic && speaksOfScience(features.words)) z += rules.scienceTopic;
  if (rules.genericAssertion && assertsGenerically(content)) z += rules.genericAssertion;
  if (rules.verbless && hasNoVerb(features)) z += rules.verbless;
  const rhetorical = isRhetorical(content);
  // Only in attributed news quotes: in a transcript, "I think …" often introduces the claim itself.
  if (rhetorical && rules.rhetoric && quoteMode && para.tagged) z -= 2.5;
  // Strong enough to hold a quoted stance below the recall-leaning threshold.
  if (rules.quotePenalty && quoteMode && para.tagged && isQuotedStance(features, st.entities)) z -= 2;
  // Its counterpart: what the speaker says they did is on the record, as an attributed statement in narrative is.
  else if (rules.quotePenalty && quoteMode && para.tagged && isQuotedDeed(features)) z += 0.6;
  st.features = features;
  st.score = calibrated(z, model.threshold);
  if (trimClosers(sText, true).endsWith('?') && rules.questions) {
    st.kind = 'question';
    st.score = Math.min(st.score, 0.49);
  } else if (st.score >= 0.5) {
    st.kind = 'claim';
  } else if (rhetorical || features.words.some((w) => OPINION_WORDS.has(w) || FIRST_SINGULAR.has(w) || FIRST_PLURAL.has(w))) {
    st.kind = 'opinion';
  }
  st.type = claimType(features, st.entities);
  st.standalone = standaloneWording(t, { span: sp, speaker: st.speaker, speakerName: st.speakerName, startsInQuote: opensInQuote }, mem);
  remember(mem, sp, st.entities, st.speaker, st.speakerName);
  return st;
}

function toSegment(s: SentenceState): Segment {
  return { start: s.span.start, end: s.span.end, kind: s.kind, checkworthiness: round(s.score) };
}

function toClaims(t: string, states: readonly SentenceState[], model: Model): ExtractedClaim[] {
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
    const signals = s.features ? makeSignals(model, { features: s.features, entities: s.entities, speaker: s.speaker }) : [];
    if (signals.length) claim.signals = signals;
    if (s.entities.length) claim.entities = s.entities.map((e) => ({ text: e.text, kind: e.kind, start: e.start, end: e.end }));
    if (s.speakerName) claim.speaker = s.speakerName;
    claims.push(claim);
  }
  return claims;
}

function round(x: number): number {
  const v = Math.round(x * 1000) / 1000;
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

/** One line read as an article: its best sentence score, and whether it yielded a claim (`extract --per-line`). */
export function scoreLine(line: string, extractor: Extractor): LineScore {
  const a = analyseArticle(line, extractor);
  let best = 0;
  for (const s of a.segments) if (s.checkworthiness > best) best = s.checkworthiness;
  return { checkworthiness: best, claim: a.claims.length > 0 };
}
