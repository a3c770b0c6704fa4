/**
 * News conventions that the speech-trained model cannot know: datelines and timestamps, bylines, photo credits,
 * captions, headlines and standfirsts. All checks are linear scans or regexes without nested quantifiers.
 */
import { MONTHS, WEEKDAYS } from './lexicon.js';
import { tokenize } from './tokens.js';

export type ParagraphKind = 'body' | 'headline' | 'standfirst' | 'dateline' | 'byline' | 'caption' | 'credit';

const AGENCIES = /\b(?:Getty Images|AFP|Reuters|AP Photo|Associated Press|EPA|Shutterstock|Bloomberg|Sipa|Alamy|NurPhoto|Anadolu|Pool|Xinhua|TASS|Sputnik|Handout|File Photo)\b/;
const CREDIT_LEAD = /^(?:\(?(?:Photo|Photograph|Picture|Image|Credit|Photos|Illustration|Video)(?: by| credit)?\s*[:/-]|©|\(c\)|Copyright\b)/i;
const DATE_NOISE = new Set([
  'updated', 'published', 'posted', 'last', 'modified', 'at', 'on', 'am', 'pm', 'a.m', 'p.m', 'et', 'est', 'edt',
  'gmt', 'utc', 'bst', 'cet', 'pt', 'pst', 'pdt', 'ct', 'cst', 'cdt', 'hours', 'hour', 'minutes', 'minute', 'ago',
  'min', 'read', 'mins', 'h', 'm', 'today', 'yesterday', 'and', 'first',
]);

function wordCount(s: string): number {
  let n = 0;
  let inWord = false;
  for (let i = 0; i < s.length; i++) {
    const sp = s.charCodeAt(i) <= 32;
    if (!sp && !inWord) n++;
    inWord = !sp;
  }
  return n;
}

/** A place before the date of a dateline paragraph: "Moscow, Jan 13.", "NEW YORK, March 3, 2022 (Reuters)". */
const PLACE_LEAD = /^\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,3},\s+/u;
const OUTLET_TAIL = /\s*\(\p{Lu}[^()]{0,40}\)\s*[-–—:]?\s*$/u;

/** "January 12, 2022, 4:53 PM", "Updated: 12 Jan 2022 16:53 GMT", "3 hours ago", "Moscow, Jan 13.". */
export function isDateline(p: string): boolean {
  if (p.length > 120) return false;
  const place = PLACE_LEAD.exec(p);
  if (place) {
    // After a place, only a calendar date makes a dateline ("Smith, 45." is no date).
    const date = p.slice(place[0].length).replace(OUTLET_TAIL, '');
    return tokenize(date).some((t) => MONTHS.has(t.text.toLowerCase().replace(/\.$/, ''))) && isDateOnly(date);
  }
  return isDateOnly(p);
}

function isDateOnly(p: string): boolean {
  const toks = tokenize(p);
  let dateish = 0;
  for (const t of toks) {
    if (t.kind === 'p') continue;
    const w = t.text.toLowerCase().replace(/\.$/, '');
    if (t.kind === 'n') {
      dateish++;
      continue;
    }
    if (MONTHS.has(w) || WEEKDAYS.has(w)) {
      dateish++;
      continue;
    }
    if (DATE_NOISE.has(w)) continue;
    return false;
  }
  return dateish > 0;
}

/** "By Jane Doe", "By Jane Doe and John Roe, ABC News". */
export function isByline(p: string): boolean {
  if (wordCount(p) > 16) return false;
  if (/[.!?]["”]?$/.test(p) && !/\b(?:Jr|Sr)\.$/.test(p)) return false;
  return /^(?:By|BY|Written by|Words by|Reporting by)\s+\p{Lu}/u.test(p);
}

/** A copyright notice ("© 2026 Riverside Ledger. All rights reserved."): the page's credit, not a photo's. */
const COPYRIGHT = /^(?:©|\(c\)|Copyright\b)/i;
export function isCopyright(p: string): boolean {
  return COPYRIGHT.test(p) && wordCount(p) <= 40;
}

/**
 * A photo credit closing a caption paragraph after its last sentence: "… on Tuesday. Photograph: Alex Turner/Getty
 * Images". Returns where the credit starts, or -1.
 */
export function endingCredit(p: string): number {
  const m = /[.!?]["”’)]?\s+((?:Photograph|Photo|Picture|Image|Illustration|Video|Credit|Photos)(?: by| credit)?\s*[:/]\s*\S[^.!?]{0,80})$/.exec(p);
  return m ? m.index + m[0].length - m[1]!.length : -1;
}

/** "John Thys/AFP via Getty Images", "Photo: Reuters", "(AP Photo/Evan Vucci)", "© 2026 Riverside Ledger". */
export function isCredit(p: string): boolean {
  if (isCopyright(p)) return true;
  // A caption with its credit at the end ("… on Tuesday. Photograph: Alex Turner/Getty Images") is a caption.
  if (endingCredit(p) > 0) return false;
  const wc = wordCount(p);
  if (wc > 14) return false;
  if (CREDIT_LEAD.test(p)) return true;
  // A short caption with its credit at the end ("Mayor Park speaks at City Hall. (AP Photo/John Doe)") is a caption.
  const trailing = TRAILING_CREDIT.exec(p);
  if (trailing && wordCount(p.slice(0, trailing.index)) >= 3) return false;
  const trimmed = p.replace(/^\(|\)$/g, '');
  if (/[.!?]$/.test(trimmed) && !/\bvia\b/.test(trimmed)) return false;
  if (AGENCIES.test(p) && (p.includes('/') || /\bvia\b/.test(p) || wc <= 4)) return true;
  // Name/Agency with no sentence in it.
  if (p.includes('/') && wc <= 8 && !/\s(?:is|are|was|were|said|has|have)\s/.test(p)) return true;
  return false;
}

/** A trailing credit in parentheses at the end of a caption: "... on Tuesday. (AP Photo/Evan Vucci)". */
export const TRAILING_CREDIT = /\((?:AP Photo|Photo|Reuters|AFP|Getty Images|EPA)[^()]{0,80}\)$/;

function endsLikeSentence(p: string): boolean {
  let i = p.length - 1;
  while (i >= 0 && /["”’')\]]/.test(p[i]!)) i--;
  return i >= 0 && /[.!?…:;]/.test(p[i]!);
}

/**
 * Classify each paragraph by its news role. `paras` are the paragraph texts in order.
 */
export function classifyParagraphs(paras: string[]): ParagraphKind[] {
  const kinds: ParagraphKind[] = paras.map(() => 'body');
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    if (isCredit(p)) kinds[i] = 'credit';
    else if (isByline(p)) kinds[i] = 'byline';
    else if (isDateline(p)) kinds[i] = 'dateline';
  }
  for (let i = 0; i < paras.length; i++) {
    if (kinds[i] !== 'body') continue;
    const p = paras[i]!;
    // The paragraph before a photo credit is its caption; the one before a copyright notice is the story's last.
    const nextCredit = kinds[i + 1] === 'credit' && !isCopyright(paras[i + 1]!);
    if (nextCredit || TRAILING_CREDIT.test(p) || endingCredit(p) > 0) {
      kinds[i] = 'caption';
      continue;
    }
    // Headline / sub-heading: short, with no sentence-final stop — only in a text of several paragraphs (a lone line
    // without a stop is an unfinished sentence, as in transcripts: "Manufacturing went in a hole-").
    if (paras.length > 1 && !endsLikeSentence(p) && wordCount(p) <= 25 && !/[,;]$/.test(p)) kinds[i] = 'headline';
  }
  // Standfirst: body paragraphs between the headline and a dateline/byline near the top.
  const firstBody = kinds.findIndex((k) => k !== 'headline');
  if (firstBody > 0) {
    let meta = -1;
    for (let i = firstBody; i < Math.min(paras.length, firstBody + 3); i++) {
      if (kinds[i] === 'dateline' || kinds[i] === 'byline') {
        meta = i;
        break;
      }
    }
    if (meta > firstBody) {
      for (let i = firstBody; i < meta; i++) if (kinds[i] === 'body' && wordCount(paras[i]!) <= 45) kinds[i] = 'standfirst';
    }
  }
  return kinds;
}

/**
 * Leading dateline inside a paragraph: "BRUSSELS (AP) — ", "MOSCOW, Jan 12 (Reuters) - ", "SPRINGFIELD, March 14
 * (Riverside Ledger) — ": a capitalised place, optionally a date or region, optionally the outlet in parentheses, a dash.
 * Returns its length or 0.
 */
export function leadingDateline(s: string): number {
  const m = /^\p{Lu}[\p{Lu} .'-]{2,30}(?:, \p{Lu}[\p{L}\p{N} .]{1,30})?(?: ?\([\p{L} .&'-]{1,30}\) ?[—–-]{1,2}| ?(?:[—–]|--))\s/u.exec(s);
  if (!m) return 0;
  return m[0].length;
}

export { wordCount };
