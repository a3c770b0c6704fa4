/**
 * The news rules layered on the model's logit: attribution and reported uncertainty in narrative, rhetoric and
 * first-person stances in attributed quotes, questions. Each can be switched off (`scripts/train.ts --rules-off=`)
 * to measure what it does, by passing other `Rules` to analyseArticle.
 */
import type { FoundEntity } from './entities.js';
import type { Speaker } from './speakers.js';
import { DENSE_INDEX, type Features } from './features.js';
import { FIRST_PLURAL, FIRST_SINGULAR } from './lexicon.js';

export interface Rules {
  /** First-person feelings and readiness in attributed quotes score lower. */
  readonly rhetoric: boolean;
  /** Attribution raises and reported uncertainty lowers narrative sentences. */
  readonly narrativePrior: boolean;
  /** Quoted first-person stances without a number, date or deed score lower; quoted first-person deeds higher. */
  readonly quotePenalty: boolean;
  /** A sentence ending in "?" is a question, never a claim. */
  readonly questions: boolean;
  /** A direct quote is scored on what is inside the quotation marks. */
  readonly quoteContent: boolean;
  /** Logit added to a statement about health, science or climate (0 = off). */
  readonly scienceTopic: number;
  /** Logit added to a generic assertion of cause, effect or evidence (0 = off). */
  readonly genericAssertion: number;
  /** Logit added (a negative number) to a line with no verb form at all: a heading, a reference, a credit (0 = off). */
  readonly verbless: number;
}

/** The science-topic offset, chosen on the mixed validation (`npm run train -- --science`). */
const SCIENCE_TOPIC = 1;
/** The generic-assertion and verbless-line offsets, chosen together on the mixed validation (`npm run train -- --assertions`). */
const GENERIC_ASSERTION_OFFSET = 2;
const VERBLESS_OFFSET = -1.5;

export const DEFAULT_RULES: Rules = /* @__PURE__ */ Object.freeze({ rhetoric: true, narrativePrior: true, quotePenalty: true, questions: true, quoteContent: true, scienceTopic: SCIENCE_TOPIC, genericAssertion: GENERIC_ASSERTION_OFFSET, verbless: VERBLESS_OFFSET });

/**
 * A generic assertion of cause, effect or evidence, in any domain: "there is no evidence that …", "will not prevent",
 * "causes", "is linked to", "studies show", "effective", "the result of".
 */
const GENERIC_ASSERTION = /\b(?:no|little|any) (?:scientific )?evidence\b|\b(?:studies|research|scientists|experts|data|evidence) (?:shows?|suggests?|found|finds|indicates?)\b|\b(?:is|are|was|were|be) (?:linked|associated|tied|related) (?:to|with)\b|\bcaus(?:e|es|ed|ing)\b|\b(?:can|could|may|might|will|does|do|did|would|won't|can't|cannot|doesn't|don't)(?: not)? (?:prevent|cause|cure|kill|treat|spread|transmit|protect|stop|reduce|increase|lower|raise|help|infect|carry|survive)\b|\b(?:prevents|cures|kills|treats|spreads|transmits|protects|reduces|increases|infects)\b|\b(?:effective|ineffective|safe|unsafe|dangerous|harmful)\b|\brisk of\b|\bthe result of\b|\bresponsible for\b/i;

/** Whether the sentence asserts a general cause, effect or state of evidence (GENERIC_ASSERTION). */
export function assertsGenerically(text: string): boolean {
  return GENERIC_ASSERTION.test(text);
}

/** Reported uncertainty: what officials or experts do not know yet is not a checkable fact. */
const UNCERTAINTY = /\b(?:an open question|unclear|not clear|remains to be seen|trying to (?:understand|determine|figure out|work out|find out))\b/i;

/** News prior (logit offset) for narrative sentences of body paragraphs: attributed statements, reported uncertainty. */
export function narrativePrior(text: string, entities: readonly FoundEntity[], speaker: Speaker | undefined): number {
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

const OPINION_LEADS = /^(?:i|we)(?:'m| am| are|'re)? (?:glad|happy|proud|sorry|ready|hopeful|confident|sure|pleased|disappointed|concerned|worried)\b/i;

/** Rhetoric: first-person feelings or readiness ("We are ready to sit down", "I'm glad they did it"). */
export function isRhetorical(content: string): boolean {
  const trimmed = content.replace(/^["“'\s]+/, '');
  return OPINION_LEADS.test(trimmed) || /^(?:i|we) (?:hope|think|believe|feel|wish|want)\b/i.test(trimmed);
}

/**
 * A quoted first-person stance ("we are not dragging our feet", "we will not slam the door shut") without a number,
 * a date or a deed ("we protected every library" can be checked): an official's rhetoric more than a fact.
 */
export function isQuotedStance(features: Features, entities: readonly FoundEntity[]): boolean {
  return speaksInFirstPerson(features) && !entities.some((e) => e.kind === 'quantity' || e.kind === 'date') && features.dense[DENSE_INDEX.pastAction] === 0;
}

/** A quoted deed: the speaker says they did something ("we protected every library") — a record that can be checked. */
export function isQuotedDeed(features: Features): boolean {
  return speaksInFirstPerson(features) && features.dense[DENSE_INDEX.pastAction] === 1;
}

function speaksInFirstPerson(features: Features): boolean {
  return features.words.some((w) => FIRST_PLURAL.has(w) || FIRST_SINGULAR.has(w));
}

const VERB_FORMS = new Set(['be', 'am', 'being', 'say', 'says', 'said', 'do', 'does', 'did']);

/** No auxiliary, modal, past or present tense form, and no common verb: "SOURCE Eli Lilly and Company", "Andersen, Kristian." */
export function hasNoVerb(features: Features): boolean {
  const d = features.dense;
  if (d[DENSE_INDEX.pastTense]! > 0 || d[DENSE_INDEX.presentTense]! > 0 || d[DENSE_INDEX.modal]! > 0 || d[DENSE_INDEX.future]! > 0) return false;
  return !features.words.some((w) => VERB_FORMS.has(w) || w.endsWith("n't"));
}
