/** The keyboard map, shown by `?`, on the queue's first screen, and documented in docs/DASHBOARD.md. */
export const KEYMAP: readonly [keys: string, what: string][] = [
  ['j / k', 'next / previous claim'],
  ['Enter', 'open the focused claim'],
  ['o', 'j / k: queue order or text order'],
  ['v', 'mark verified'],
  ['d', 'mark disputed'],
  ['s', 'mark sourced (needs a source)'],
  ['p', 'back to pending'],
  ['n', 'write a note (Ctrl+Enter saves)'],
  ['a', 'add a source link'],
  ['g', 'go to the queue'],
  ['Esc', 'leave a field / close'],
  ['?', 'show these keys'],
];

export const KEY_NOTE =
  'In the queue, v d s p mark the focused claim. In the article, Tab reaches every claim in the text (Enter opens it). Shortcuts pause while you type in a field; Esc leaves the field.';

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
