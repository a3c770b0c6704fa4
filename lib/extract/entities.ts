/**
 * Light-weight entity and quantity spotting over tokens: capitalised name sequences (classified as person,
 * organisation or place by titles, cue words and small gazetteers), dates, and numbers with their units.
 */
import type { Token } from './tokens.js';
import { startsUpper } from './chars.js';
import {
  FUNCTION_WORDS, MONTHS, NUMBER_WORDS, ORG_HINTS, PERSON_TITLES, PLACE_HINTS, TITLE_PARTS, UNITS, WEEKDAYS,
} from './lexicon.js';

export type EntityKind = 'person' | 'organisation' | 'place' | 'date' | 'quantity';
export interface FoundEntity {
  text: string;
  kind: EntityKind;
  start: number;
  end: number;
}

const CONNECTORS = new Set(['of', 'for', 'and', 'in', 'the', 'de', 'van', 'von', 'al', 'bin']);
const QUANT_PREFIX = new Set(['$', '£', '€', '¥']);
const QUANT_LEAD = new Set(['nearly', 'about', 'around', 'almost', 'over', 'more', 'than', 'less', 'fewer', 'some', 'up', 'to', 'at', 'least', 'roughly', 'approximately']);
const DATE_LEAD = new Set(['on', 'in', 'since', 'by', 'until', 'last', 'next', 'this', 'early', 'late', 'mid']);

function isCap(t: Token): boolean {
  if (t.kind !== 'w') return false;
  const c = t.text.charCodeAt(0);
  return (c >= 65 && c <= 90) || (c > 127 && startsUpper(t.text));
}

function lower(t: Token | undefined): string {
  if (!t) return '';
  const l = t.text.toLowerCase();
  return l.indexOf('’') >= 0 ? l.replace(/’/g, "'") : l;
}

/** Tokens including "U.S."-style dotted acronyms merged: the tokenizer splits "U.S." into U . S . */
export function mergeAcronyms(text: string, tokens: Token[]): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'w' && t.text.length === 1 && startsUpper(t.text) && tokens[i + 1]?.text === '.' && tokens[i + 1]!.start === t.end) {
      let j = i;
      let end = t.end;
      while (j + 1 < tokens.length && tokens[j + 1]!.text === '.' && tokens[j + 1]!.start === end && tokens[j]!.kind === 'w' && tokens[j]!.text.length === 1) {
        end = tokens[j + 1]!.end;
        const nx = tokens[j + 2];
        if (nx && nx.kind === 'w' && nx.text.length === 1 && nx.start === end && startsUpper(nx.text)) {
          j += 2;
          end = nx.end;
        } else {
          j += 1;
          break;
        }
      }
      // Need at least two letters ("U.S."), else it is an initial "J." – keep it as a word with its dot.
      const merged = text.slice(t.start, end);
      out.push({ text: merged, start: t.start, end, kind: 'w' });
      i = j;
      continue;
    }
    out.push(t);
  }
  return out;
}

/** Find entities among `tokens` of `text`; `firstWord` is the index of the sentence's first word token. */
export function findEntities(text: string, raw: Token[], knownPeople: ReadonlySet<string> = new Set()): FoundEntity[] {
  const tokens = mergeAcronyms(text, raw);
  const out: FoundEntity[] = [];
  let firstWord = tokens.findIndex((t) => t.kind !== 'p');
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const lw = lower(t);
    // Quantities: [$] number [million] [unit] | number-word unit | N percent
    if (t.kind === 'n' || (NUMBER_WORDS.has(lw) && lw !== 'one' && lw !== 'first' && !/^(?:half|quarter|third|double|twice)$/.test(lw))) {
      const isYear = t.kind === 'n' && /^(?:1[6-9]|20)\d\d$/.test(t.text);
      const prev = tokens[i - 1];
      const prevL = lower(prev);
      if (isYear || (t.kind === 'n' && (MONTHS.has(prevL) || MONTHS.has(prevL.replace(/\.$/, ''))))) {
        // dates: "Jan. 12, 2022", "in 2014", "December 2021"
        let s = t.start;
        let e = t.end;
        let k = i - 1;
        while (k >= 0 && (tokens[k]!.text === '.' || tokens[k]!.text === ',' || MONTHS.has(lower(tokens[k])) || (tokens[k]!.kind === 'n' && !/^(?:1[6-9]|20)\d\d$/.test(tokens[k]!.text) && tokens[k]!.text.length <= 2))) {
          if (MONTHS.has(lower(tokens[k])) || tokens[k]!.kind === 'n') s = tokens[k]!.start;
          k--;
        }
        let m = i + 1;
        while (m + 1 < tokens.length && tokens[m]!.text === ',' && tokens[m + 1]!.kind === 'n' && /^(?:1[6-9]|20)\d\d$/.test(tokens[m + 1]!.text)) {
          e = tokens[m + 1]!.end;
          m += 2;
        }
        i = m - 1;
        // Remove a month entity we may have pushed already.
        while (out.length > 0 && out[out.length - 1]!.start >= s) out.pop();
        out.push({ text: text.slice(s, e), kind: 'date', start: s, end: e });
        continue;
      }
      let s = t.start;
      if (prev && QUANT_PREFIX.has(prev.text)) s = prev.start;
      let e = t.end;
      let j = i + 1;
      // "hundreds of tanks", "3,000 troops", "100,000 troops", "30 NATO member states", "57 member states"
      while (j < tokens.length && (NUMBER_WORDS.has(lower(tokens[j])) || tokens[j]!.text === '%')) {
        e = tokens[j]!.end;
        j++;
      }
      if (tokens[j] && lower(tokens[j]) === 'of' && (lw === 'hundreds' || lw === 'thousands' || lw === 'millions' || lw === 'dozens')) j++;
      let unitEnd = -1;
      for (let k = j; k < Math.min(tokens.length, j + 4); k++) {
        const tk = tokens[k]!;
        if (tk.kind === 'p') break;
        if (UNITS.has(lower(tk))) {
          unitEnd = tk.end;
          break;
        }
        if (FUNCTION_WORDS.has(lower(tk)) && k > j) break;
      }
      if (unitEnd > 0) e = unitEnd;
      else if (t.kind !== 'n' && e === t.end) continue; // a bare number word ("two") without a unit: not a quantity
      while (out.length > 0 && out[out.length - 1]!.start >= s) out.pop();
      out.push({ text: text.slice(s, e), kind: 'quantity', start: s, end: e });
      while (i + 1 < tokens.length && tokens[i + 1]!.end <= e) i++;
      continue;
    }
    const lwBare = lw.endsWith("'s") ? lw.slice(0, -2) : lw;
    if (t.kind === 'w' && WEEKDAYS.has(lwBare) && isCap(t)) {
      const len = lwBare.length;
      out.push({ text: t.text.slice(0, len), kind: 'date', start: t.start, end: t.start + len });
      continue;
    }
    // "May" and "March" are months only after a date preposition or before a number ("in March", "May 3").
    const ambiguousMonth = lw === 'may' || lw === 'march';
    const monthContext = DATE_LEAD.has(lower(tokens[i - 1])) || tokens[i + 1]?.kind === 'n';
    if (t.kind === 'w' && MONTHS.has(lw.replace(/\.$/, '')) && isCap(t) && (!ambiguousMonth || monthContext)) {
      let e = t.end;
      if (tokens[i + 1]?.text === '.' && tokens[i + 1]!.start === t.end) e = tokens[i + 1]!.end;
      out.push({ text: text.slice(t.start, e), kind: 'date', start: t.start, end: e });
      continue;
    }
    // Capitalised name sequences.
    if (isCap(t) && !(FUNCTION_WORDS.has(lw) && !/\./.test(t.text)) && !(i === firstWord && FUNCTION_WORDS.has(lw))) {
      let j = i;
      let end = t.end;
      while (j + 1 < tokens.length) {
        const nx = tokens[j + 1]!;
        if (isCap(nx) && !WEEKDAYS.has(lower(nx)) && !MONTHS.has(lower(nx))) {
          j++;
          end = nx.end;
          continue;
        }
        const conn = lower(nx);
        const orgLike = conn !== 'and' || tokens.slice(i, j + 1).some((x) => x.text === 'for' || x.text === 'of');
        if (nx.kind === 'w' && CONNECTORS.has(conn) && tokens[j + 2] && isCap(tokens[j + 2]!) && orgLike) {
          j += 2;
          end = tokens[j]!.end;
          continue;
        }
        break;
      }
      const words = tokens.slice(i, j + 1).map((x) => x.text);
      let startIdx = 0;
      // Drop a sentence-initial non-name word ("In", "But") and title words ("Deputy Secretary of State").
      while (startIdx < words.length - 1 && (FUNCTION_WORDS.has(words[startIdx]!.toLowerCase()) || PERSON_TITLES.has(words[startIdx]!.toLowerCase().replace(/\.$/, '')) || CONNECTORS.has(words[startIdx]!.toLowerCase()) || words[startIdx] === 'U.S.' && PERSON_TITLES.has((words[startIdx + 1] ?? '').toLowerCase()))) startIdx++;
      // "Deputy Foreign Minister Alexander Grushko", "Secretary of State Wendy Sherman": drop everything up to the name.
      let lastTitle = -1;
      for (let k = startIdx; k < words.length - 1; k++) {
        const wl = words[k]!.toLowerCase().replace(/\.$/, '');
        if (PERSON_TITLES.has(wl)) lastTitle = k;
        else if (!(TITLE_PARTS.has(wl) || wl === 'of' || wl === 'the' || wl === 'u.s.' || wl === 'nato')) break;
      }
      if (lastTitle >= startIdx && lastTitle < words.length - 1) {
        startIdx = lastTitle + 1;
        while (startIdx < words.length - 1 && /^(?:of|the|State|Defense|Defence|Homeland|Security)$/.test(words[startIdx]!)) startIdx++;
      }
      const hadTitle = startIdx > 0 && words.slice(0, startIdx).some((w) => PERSON_TITLES.has(w.toLowerCase().replace(/\.$/, '')));
      const prevTitle = PERSON_TITLES.has(lower(tokens[i - 1])) || (tokens[i - 1]?.text === ',' && PERSON_TITLES.has(lower(tokens[i - 2])));
      const s = tokens[i + startIdx]!.start;
      let nameText = text.slice(s, end).replace(/['’]s$/, '');
      const e = s + nameText.length;
      if (i === firstWord && startIdx === 0 && j === i && !PLACE_HINTS.has(lw) && !ORG_HINTS.has(lw) && !knownPeople.has(t.text)) {
        // A lone capitalised first word is usually just a sentence start.
        i = j;
        continue;
      }
      const lastWord = nameText.split(/\s+/).pop()!.toLowerCase().replace(/['’]s$/, '');
      const firstLow = nameText.split(/\s+/)[0]!.toLowerCase().replace(/['’]s$/, '');
      let kind: EntityKind;
      if (/^(?:United States|United Kingdom|Eastern Europe|Western Europe|Central Asia|Soviet Union|Middle East|South Africa|North Korea|South Korea|New York|New Zealand)$/.test(nameText)) kind = 'place';
      else if (ORG_HINTS.has(lastWord) || ORG_HINTS.has(firstLow) || /^\p{Lu}{2,}$/u.test(nameText) || /^(?:\p{Lu}\.)+$/u.test(nameText) && nameText !== 'U.S.' && nameText !== 'U.K.') kind = 'organisation';
      else if (PLACE_HINTS.has(lastWord) || PLACE_HINTS.has(firstLow) || nameText === 'U.S.' || nameText === 'U.K.' || /^(?:United States|United Kingdom|Eastern Europe|Western Europe|Central Asia|Soviet Union)$/.test(nameText)) kind = 'place';
      else if (hadTitle || prevTitle || knownPeople.has(nameText) || nameText.split(/\s+/).length >= 2) kind = 'person';
      else if (knownPeople.has(nameText.split(/\s+/).pop() ?? '')) kind = 'person';
      else kind = 'organisation';
      if (/^(?:Soviet|Russian|Ukrainian|American|European|Western|Eastern|British|French|German|Chinese)$/.test(nameText) || /-era$|^Cold War$/.test(nameText)) {
        i = j;
        continue;
      }
      out.push({ text: nameText, kind, start: s, end: e });
      i = j;
      continue;
    }
  }
  return out.filter((x) => x.end > x.start && x.text.length > 0);
}

export { DATE_LEAD, QUANT_LEAD };
