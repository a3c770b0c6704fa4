/**
 * Stand-alone wording: a claim that leans on earlier text ("it staged …", "he told reporters", "the alliance") rewritten
 * with the names the article used before, kept in a `Memory` that the article's sentences update in order.
 */
import type { FoundEntity } from './entities.js';
import type { SentenceSpan } from './segment.js';
import type { Speaker } from './speakers.js';
import { startsUpper } from './chars.js';
import { PRONOUNS } from './lexicon.js';
import { insideQuotes } from './quotes.js';

/** Proper-noun memory for resolving pronouns, local to one article. */
export interface Memory {
  /** The person "he"/"she" stands for. */
  person?: string;
  /** The place or organisation "it" stands for. */
  thing?: string;
  people: Set<string>;
  /** How often each organisation has been named so far ("the alliance" stands for the most named). */
  organisations: Map<string, number>;
}

export function newMemory(): Memory {
  return { people: new Set(), organisations: new Map() };
}

/** The speaker's name with a pronoun resolved from memory ("he" → "Grushko", "She and Stoltenberg" → "Sherman and …"). */
export function resolveSpeaker(speaker: Speaker, mem: Memory): string | undefined {
  let name = speaker.name;
  if (speaker.pronoun) {
    const pl = name.toLowerCase();
    if ((pl === 'he' || pl === 'she') && mem.person) name = mem.person;
    else if (pl === 'it' && mem.thing) name = mem.thing;
  }
  const lead = /^(He|She) and /.exec(name);
  if (lead && mem.person) name = mem.person + name.slice(lead[1]!.length);
  return PRONOUNS.has(name.toLowerCase()) ? undefined : name;
}

/** What a sentence adds to memory: its organisations and people, its speaker, and the current topic ("it"). */
export function remember(mem: Memory, span: SentenceSpan, entities: readonly FoundEntity[], speaker: Speaker | undefined, speakerName: string | undefined): void {
  for (const e of entities) if (e.kind === 'organisation') mem.organisations.set(e.text, (mem.organisations.get(e.text) ?? 0) + 1);
  for (const e of entities) if (e.kind === 'person') {
    const short = e.text.split(/\s+/).pop()!;
    mem.people.add(e.text);
    mem.people.add(short);
  }
  if (speakerName && !speaker?.pronoun && /^\p{Lu}\p{Ll}+$/u.test(speakerName)) {
    mem.person = speakerName;
    mem.people.add(speakerName);
  } else {
    const lastPerson = [...entities].reverse().find((e) => e.kind === 'person');
    if (lastPerson && !(speaker && speaker.pronoun)) mem.person = lastPerson.text.split(/\s+/).pop()!;
  }
  const subject = entities.find((e) => e.kind === 'place' || e.kind === 'organisation');
  if (subject && subject.start - span.start < 40 && startsUpper(subject.text)) mem.thing = subject.text;
}

/** What the rewrite needs to know about the sentence. */
export interface StandaloneSource {
  span: SentenceSpan;
  speaker?: Speaker;
  speakerName?: string;
  /** Whether the sentence opens inside a quotation that began in an earlier sentence. */
  startsInQuote: boolean;
}

/** Resolve a leading pronoun subject, a pronoun speaker and "the alliance"-style descriptions; undefined when nothing changes. */
export function standaloneWording(text: string, st: StandaloneSource, mem: Memory): string | undefined {
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
      return insideQuotes(all, at, st.startsInQuote) ? `[${name}]` : name;
    });
    if (replaced !== out) {
      out = replaced;
      changed = true;
    }
  }
  if (!changed) return undefined;
  return out.charAt(0).toUpperCase() + out.slice(1);
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
