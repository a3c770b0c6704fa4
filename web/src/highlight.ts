/**
 * Splits an article's text into paragraphs and runs, each run knowing which claim (if any) covers it and how
 * the extractor read it (caption, credit, …). Pure: the article view turns runs into Text nodes and <mark>s.
 */
import type { SegmentKind } from '../../schemas/claim.js';

export interface Span {
  start: number;
  end: number;
}
export interface ClaimSpan extends Span {
  claimId: string;
}
export interface SegmentSpan extends Span {
  kind: SegmentKind;
}

export interface Run {
  text: string;
  start: number;
  end: number;
  claimId?: string;
  kind?: SegmentKind;
}

export interface Paragraph {
  start: number;
  end: number;
  /** The kind of the paragraph when every segment in it has that kind (e.g. a caption line). */
  kind?: SegmentKind;
  runs: Run[];
}

export function paragraphs(text: string): Span[] {
  const result: Span[] = [];
  const separator = /\n[ \t\r\f\v]*\n\s*/g;
  let start = 0;
  for (const match of text.matchAll(separator)) {
    const end = match.index ?? 0;
    if (end > start) result.push({ start, end });
    start = end + match[0].length;
  }
  if (start < text.length) result.push({ start, end: text.length });
  return result;
}

function valid(span: Span, length: number): boolean {
  return Number.isInteger(span.start) && Number.isInteger(span.end) && span.start >= 0 && span.end <= length && span.start < span.end;
}

export function layout(text: string, claims: ClaimSpan[], segments: SegmentSpan[] = []): Paragraph[] {
  const claimSpans = claims.filter((c) => valid(c, text.length)).sort((a, b) => a.start - b.start);
  const segmentSpans = segments.filter((s) => valid(s, text.length)).sort((a, b) => a.start - b.start);
  // Paragraphs come in text order: each cursor only moves forward, so the whole layout is near linear.
  const claimCursor = { index: 0 };
  const segmentCursor = { index: 0 };
  return paragraphs(text).map((para) => {
    const localClaims = overlapping(claimSpans, claimCursor, para);
    const localSegments = overlapping(segmentSpans, segmentCursor, para);
    const cuts = new Set<number>([para.start, para.end]);
    for (const span of [...localClaims, ...localSegments]) {
      cuts.add(Math.max(span.start, para.start));
      cuts.add(Math.min(span.end, para.end));
    }
    const points = [...cuts].sort((a, b) => a - b);
    const runs: Run[] = [];
    for (let i = 0; i + 1 < points.length; i++) {
      const start = points[i]!;
      const end = points[i + 1]!;
      const claim = localClaims.find((c) => c.start <= start && c.end >= end);
      const segment = localSegments.find((s) => s.start <= start && s.end >= end);
      const run: Run = { text: text.slice(start, end), start, end };
      if (claim) run.claimId = claim.claimId;
      if (segment) run.kind = segment.kind;
      const last = runs[runs.length - 1];
      if (last && last.claimId === run.claimId && last.kind === run.kind) {
        last.text += run.text;
        last.end = end;
      } else runs.push(run);
    }
    const kinds = new Set(runs.filter((r) => r.text.trim()).map((r) => r.kind));
    const paragraph: Paragraph = { start: para.start, end: para.end, runs };
    const only = kinds.size === 1 ? [...kinds][0] : undefined;
    if (only) paragraph.kind = only;
    return paragraph;
  });
}

/** The spans (sorted by start) that overlap `range`; skips for good those that end before it. */
function overlapping<T extends Span>(spans: T[], cursor: { index: number }, range: Span): T[] {
  while (cursor.index < spans.length && spans[cursor.index]!.end <= range.start) cursor.index++;
  const result: T[] = [];
  for (let i = cursor.index; i < spans.length && spans[i]!.start < range.end; i++) {
    if (spans[i]!.end > range.start) result.push(spans[i]!);
  }
  return result;
}
