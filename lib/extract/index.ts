/**
 * The extractor's public interface. Everything here is pure: no I/O, no clock, no randomness, no module state.
 * Callers (the ingest path, the CLI, the evaluation) use only these: `analyseArticle(text, defaultExtractor())`.
 */
export { analyseArticle, defaultExtractor, scoreLine, type ArticleAnalysis, type Extractor, type LineScore } from './analyse.js';
export { bundledModel, Model, type ModelFile } from './model.js';
export { DEFAULT_RULES, type Rules } from './rules.js';
export { htmlToArticle } from './html.js';
