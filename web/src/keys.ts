/** The keyboard map, shown by `?` and documented in docs/DASHBOARD.md. */
export const KEYMAP: readonly [keys: string, what: string][] = [
  ['j / k', 'next / previous claim'],
  ['Enter', 'open the focused claim (queue)'],
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

export const KEY_NOTE = 'In the queue, v d s p mark the focused claim. Shortcuts pause while you type in a field; Esc leaves the field.';

/** True when a key press belongs to a text field, not to the dashboard's shortcuts. */
export function isTyping(event: KeyboardEvent): boolean {
  const target = event.target as HTMLElement | null;
  if (!target) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}
