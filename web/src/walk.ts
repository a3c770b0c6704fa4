/**
 * The order `j` / `k` follow in the article view: the queue's order (when a claim was opened from the queue) or
 * the article's text order. Kept for this page's life, so walking the queue can cross from article to article.
 */
export interface WalkStep {
  articleId: string;
  claimId: string;
}

export interface QueueWalk {
  status: string;
  steps: WalkStep[];
}

let walk: QueueWalk | undefined;
let order: 'queue' | 'text' = 'queue';

/** The queue remembers the claims it shows, in its order, when one of them is opened. */
export function startQueueWalk(status: string, steps: WalkStep[]): void {
  walk = { status, steps };
  order = 'queue';
}

export function queueWalk(): QueueWalk | undefined {
  return walk;
}

export function walkOrder(): 'queue' | 'text' {
  return walk ? order : 'text';
}

export function setWalkOrder(next: 'queue' | 'text'): void {
  order = next;
}
