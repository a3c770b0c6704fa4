/** The keyboard map, shown by `?`, on the queue's first screen, and documented in docs/DASHBOARD.md. */
export const KEYMAP: readonly [keys: string, what: string][] = [
  ['j / k', 'next / previous claim'],
  ['Enter', 'open the focused claim'],
  ['o', 'j / k: queue order or text order'],
  ['v', 'mark verified'],
  ['d', 'mark disputed'],
  ['s', 'mark sourced (needs a source)'],
  ['x', 'dismiss: no claim to check (a typed note says why)'],
  ['p', 'back to pending'],
  ['5 4 3 2 1', 'rate: true, mostly true, mixed, mostly false, false'],
  ['u / 0', 'rate unproven / clear the rating'],
  ['b', 'apply the verdict of the same claim seen before'],
  ['V D S X', 'in the queue: one verdict for the whole group'],
  ['/', 'in the queue: has this been checked?'],
  ['n', 'write a note (Ctrl+Enter saves)'],
  ['a', 'add a source link'],
  ['g', 'go to the queue'],
  ['Esc', 'leave a field / close'],
  ['?', 'show these keys'],
];

/** The keys the first screen shows (the rest are one ? away), so the queue itself still shows on that screen. */
export const FIRST_KEYS: readonly string[] = ['j / k', 'Enter', 'v', 'd', 's', 'x', 'p', '5 4 3 2 1', 'n', 'a', '?'];

export const KEY_NOTE =
  'In the queue, v d s x p mark the focused claim; with Shift, its whole group. Ratings need a verdict (verified, disputed or sourced). In the article, Tab reaches every claim in the text (Enter opens it). Shortcuts pause while you type in a field; Esc leaves the field.';

/** Input types that take letters as text (a radio button or a checkbox does not). */
const TEXT_INPUTS = new Set(['text', 'url', 'password', 'search', 'email', 'tel', 'number', 'date', 'datetime-local', 'time', 'month', 'week']);

/** True when a key press belongs to a text field, not to the dashboard's shortcuts. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  const tag = target.tagName;
  if (tag === 'INPUT') return TEXT_INPUTS.has((target as HTMLInputElement).type);
  return tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
