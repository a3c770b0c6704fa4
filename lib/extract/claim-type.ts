/** The claim's type in Full Fact's typology: quantity, causation, prediction, rule, personal or other. */
import type { ClaimType } from '../../schemas/claim.js';
import type { FoundEntity } from './entities.js';
import { DENSE_INDEX, type Features } from './features.js';
import { FIRST_SINGULAR, RULE_TYPE_WORDS } from './lexicon.js';

export function claimType(f: Features, entities: FoundEntity[]): ClaimType {
  const words = f.words;
  const has = (set: ReadonlySet<string>) => words.some((w) => set.has(w));
  const quantity = entities.some((e) => e.kind === 'quantity') || f.dense[DENSE_INDEX.percent]! > 0 || f.dense[DENSE_INDEX.money]! > 0;
  if (quantity) return 'quantity';
  if (words.some((w, i) => (w === 'because' || w === 'caused' || w === 'causes' || w === 'cause' || (w === 'led' && words[i + 1] === 'to') || (w === 'due' && words[i + 1] === 'to') || (w === 'result' && words[i - 1] === 'a') || w === 'raised' && words[i + 1] === 'fears' || w === 'blamed'))) return 'causation';
  // A prediction when the future is in the main clause, not in a reported or embedded one ("guarantees that Ukraine will").
  const future = words.some((w, i) => (w === 'will' || w === "won't" || w.endsWith("'ll") || (w === 'going' && words[i + 1] === 'to') || w === 'expected' || w === 'forecast' || w === 'predicted' || w === 'projected') &&
    !words.slice(Math.max(0, i - 3), i).some((p) => p === 'that' || p === 'whether' || p === 'if'));
  if (future) return 'prediction';
  if (has(RULE_TYPE_WORDS)) return 'rule';
  if (words.some((w) => FIRST_SINGULAR.has(w))) return 'personal';
  return 'other';
}
