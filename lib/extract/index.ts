/**
 * The extractor's public interface. Everything here is pure: no I/O, no clock, no randomness.
 * Callers (the ingest path, the CLI, the evaluation) use only these functions.
 */
import type { ExtractedClaim, Segment } from '../../schemas/claim.js';

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

export { analyseArticle, scoreLine } from './analyse.js';
export { htmlToArticle } from './html.js';
