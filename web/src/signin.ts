/** Sign-in: paste a token (or arrive through the link `npm start` prints, handled in auth.ts). */
import { api, ApiError } from './api.js';
import { setToken, signOut } from './auth.js';
import { h } from './dom.js';
import type { View } from './view.js';

export function signInView(reason: string | undefined, onSignedIn: () => void): View {
  const input = h('input', {
    id: 'token',
    name: 'token',
    type: 'password',
    autocomplete: 'off',
    spellcheck: 'false',
    required: true,
    'aria-describedby': 'token-help token-error',
  });
  const error = h('p', { id: 'token-error', class: 'field-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const fail = (message: string) => {
    error.hidden = false;
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  };
  const form = h(
    'form',
    {
      class: 'signin-form',
      novalidate: true,
      onsubmit: async (event: Event) => {
        event.preventDefault();
        if (!setToken(input.value)) return fail('That is not a valid, unexpired token.');
        button.disabled = true;
        try {
          await api.listArticles(undefined, 1);
          input.value = '';
          onSignedIn();
        } catch (e) {
          signOut();
          fail(e instanceof ApiError && e.status === 401 ? 'The API refused this token.' : 'Could not reach the API to check the token.');
        } finally {
          button.disabled = false;
        }
      },
    },
    h('label', { for: 'token' }, 'Access token'),
    h('p', { id: 'token-help', class: 'hint' }, 'Paste the token you were given, or open the sign-in link that ', h('code', null, 'npm start'), ' prints. It is kept only in this tab.'),
    input,
    error,
    button,
  );
  const root = h(
    'div',
    { class: 'signin-view' },
    h('h1', null, 'Sign in to claimdesk'),
    reason ? h('p', { class: 'message info', role: 'status' }, reason) : null,
    form,
  );
  queueMicrotask(() => input.focus());
  return { element: root, title: () => 'Sign in' };
}
