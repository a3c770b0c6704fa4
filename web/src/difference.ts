/**
 * What differs between two wordings of a claim, word by word (a longest common subsequence of words), so the
 * "Seen before" panel can highlight the number or word that makes a `related` claim a different assertion.
 */

export interface Piece {
  text: string;
  /** This word is not in the other wording. */
  differs: boolean;
}

const WORD = /\s+|[^\s]+/g;
const key = (word: string) => word.toLowerCase().replace(/^[^\p{L}\p{N}£$€%]+|[^\p{L}\p{N}%]+$/gu, '');

/** Splits both texts into pieces, marking the words each has that the other lacks. */
export function wordDifference(ours: string, theirs: string): { ours: Piece[]; theirs: Piece[] } {
  const a = ours.match(WORD) ?? [];
  const b = theirs.match(WORD) ?? [];
  const wa = a.map((t, i) => ({ t, i })).filter((x) => x.t.trim());
  const wb = b.map((t, i) => ({ t, i })).filter((x) => x.t.trim());
  // Claims are one sentence: an O(n·m) table is small.
  const n = wa.length;
  const m = wb.length;
  const table: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i]![j] = key(wa[i]!.t) === key(wb[j]!.t) ? table[i + 1]![j + 1]! + 1 : Math.max(table[i + 1]![j]!, table[i]![j + 1]!);
  const sameA = new Set<number>();
  const sameB = new Set<number>();
  for (let i = 0, j = 0; i < n && j < m; ) {
    if (key(wa[i]!.t) === key(wb[j]!.t)) {
      sameA.add(wa[i]!.i);
      sameB.add(wb[j]!.i);
      i++;
      j++;
    } else if (table[i + 1]![j]! >= table[i]![j + 1]!) i++;
    else j++;
  }
  const pieces = (tokens: string[], same: Set<number>) => merge(tokens.map((t, i) => ({ text: t, differs: !!t.trim() && !same.has(i) && key(t) !== '' })));
  return { ours: pieces(a, sameA), theirs: pieces(b, sameB) };
}

/** The differing words of `pieces`, numbers first: for a related claim the number is usually the point. */
export function differingWords(pieces: Piece[]): string[] {
  const words = pieces.filter((p) => p.differs).map((p) => p.text.trim());
  return [...words.filter((w) => /\d/.test(w)), ...words.filter((w) => !/\d/.test(w))];
}

/** Joins neighbouring pieces of the same kind (a space between two differing words stays inside the highlight). */
function merge(pieces: Piece[]): Piece[] {
  const out: Piece[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    const between = !piece.text.trim() && out.at(-1)?.differs && pieces[i + 1]?.differs;
    const differs = between ? true : piece.differs;
    const last = out.at(-1);
    if (last && last.differs === differs) last.text += piece.text;
    else out.push({ text: piece.text, differs });
  }
  return out;
}
