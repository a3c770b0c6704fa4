/** claimdesk reviewer's dashboard: shell, routing (#/…), sign-in state and the global keyboard map. */
import { STATUSES, whenUnauthorised, type ClaimStatus } from './api.js';
import { can, currentIdentity, getToken, setToken, signOut, takeTokenFromFragment, type Identity } from './auth.js';
import { articleView } from './article.js';
import { articlesView } from './articles.js';
import { h, replace } from './dom.js';
import { isTyping, KEY_NOTE, KEYMAP } from './keys.js';
import { queueView } from './queue.js';
import { hasUnsavedWork } from './review.js';
import { signInView } from './signin.js';
import { submitView } from './submit.js';
import type { View } from './view.js';

const live = h('div', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite', id: 'announcer' });
const main = h('main', { id: 'main', tabindex: -1 });
const userBox = h('div', { class: 'user' });
const nav = h('nav', { class: 'top-nav', 'aria-label': 'Main' });
const helpDialog = h(
  'dialog',
  { class: 'help', 'aria-labelledby': 'help-title' },
  h('h2', { id: 'help-title' }, 'Keyboard'),
  h('table', { class: 'keys' }, h('tbody', null, KEYMAP.map(([keys, what]) => h('tr', null, h('th', { scope: 'row' }, h('kbd', null, keys)), h('td', null, what))))),
  h('p', { class: 'hint' }, KEY_NOTE),
  h('form', { method: 'dialog' }, h('button', { class: 'primary', type: 'submit' }, 'Close')),
);
const switchDialog = h('dialog', { class: 'switch', 'aria-labelledby': 'switch-title', 'aria-describedby': 'switch-text' });
let view: View | undefined;
let signInReason: string | undefined;
let onSignInPage = false;

function announce(message: string): void {
  live.textContent = '';
  if (message) setTimeout(() => (live.textContent = message), 30);
}

function renderHeader(): void {
  const identity = currentIdentity();
  replace(
    nav,
    identity
      ? [
          h('a', { href: '#/queue/pending', class: 'nav-link', 'data-nav': 'queue' }, 'Queue'),
          h('a', { href: '#/articles', class: 'nav-link', 'data-nav': 'articles' }, 'Articles'),
          can(identity, 'submit') ? h('a', { href: '#/submit', class: 'nav-link', 'data-nav': 'submit' }, 'Submit') : null,
        ]
      : null,
    h('button', { type: 'button', class: 'icon', 'aria-label': 'Keyboard shortcuts', 'aria-keyshortcuts': '?', onclick: () => showHelp() }, '?'),
  );
  replace(
    userBox,
    identity
      ? [
          h('span', { class: 'who' }, h('span', { class: 'visually-hidden' }, 'Signed in as '), h('strong', { id: 'whoami' }, identity.sub)),
          h('span', { class: 'roles', id: 'roles' }, identity.roles.length ? identity.roles.join(', ') : 'no roles'),
          h(
            'button',
            {
              type: 'button',
              class: 'secondary small',
              id: 'sign-out',
              onclick: () => {
                signOut();
                signInReason = 'You are signed out.';
                location.hash = '#/signin';
                route();
              },
            },
            'Sign out',
          ),
        ]
      : null,
  );
}

function showHelp(): void {
  if (!helpDialog.open) helpDialog.showModal();
}

/**
 * Adopts a token from a sign-in link, on first load or when the link is opened in a tab already showing the dashboard.
 * A link for another person than the one signed in asks first: their next reviews would be recorded under that name.
 */
function adoptSignInLink(): void {
  const taken = takeTokenFromFragment();
  if (taken === undefined) return;
  if (taken === null) {
    signInReason = 'The sign-in link held no valid token (or it has expired).';
    return;
  }
  const current = currentIdentity();
  if (current && current.sub !== taken.identity.sub) return confirmSwitch(current, taken.identity, taken.token);
  setToken(taken.token);
  signInReason = undefined;
}

function confirmSwitch(current: Identity, next: Identity, token: string): void {
  const stay = h('button', { type: 'button', class: 'primary', 'data-action': 'stay', onclick: () => switchDialog.close() }, `Stay signed in as ${current.sub}`);
  const change = h(
    'button',
    {
      type: 'button',
      class: 'secondary',
      'data-action': 'switch',
      onclick: () => {
        switchDialog.close();
        setToken(token);
        route();
        announce(`Signed in as ${next.sub}.`);
      },
    },
    `Switch to ${next.sub}`,
  );
  replace(
    switchDialog,
    h('h2', { id: 'switch-title' }, 'Switch person?'),
    h(
      'p',
      { id: 'switch-text' },
      `You are signed in as ${current.sub}. This sign-in link is for ${next.sub} (${next.roles.join(', ') || 'no roles'}). If you switch, the reviews made in this tab are recorded as ${next.sub}.`,
    ),
    h('div', { class: 'conflict-actions' }, stay, change),
  );
  if (!switchDialog.open) switchDialog.showModal();
  stay.focus();
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part; // a malformed address is an unknown page, not a crash
  }
}

function route(): void {
  adoptSignInLink();
  view?.dispose?.();
  renderHeader();
  const identity = currentIdentity();
  if (!identity && getToken()) {
    signOut();
    signInReason = 'Your session has expired. Sign in again.';
  }
  const path = location.hash.replace(/^#\/?/, '').split('/').map(decodePart);
  onSignInPage = !identity;
  if (!identity) {
    view = signInView(signInReason, () => {
      signInReason = undefined;
      location.hash = '#/queue/pending';
      route();
    });
  } else if (path[0] === 'article' && path[1]) {
    view = articleView(path[1], path[2] || undefined, announce);
  } else if (path[0] === 'articles') {
    view = articlesView();
  } else if (path[0] === 'submit') {
    view = submitView();
  } else {
    const status = path[0] === 'queue' && path[1] && (STATUSES as readonly string[]).includes(path[1]) ? (path[1] as ClaimStatus) : 'pending';
    view = queueView(status, announce);
  }
  replace(main, view.element);
  document.title = `${view.title()} · claimdesk`;
  for (const link of nav.querySelectorAll('a.nav-link')) {
    const section = path[0] === 'submit' || path[0] === 'articles' ? path[0] : path[0] === 'article' ? 'articles' : 'queue';
    const active = (link as HTMLElement).dataset.nav === section;
    if (active) link.setAttribute('aria-current', 'page');
  }
}

function onKey(event: KeyboardEvent): void {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  if (isTyping(event)) {
    if (event.key === 'Escape') (event.target as HTMLElement).blur();
    return;
  }
  if (helpDialog.open || switchDialog.open) return;
  if (event.key === '?') {
    event.preventDefault();
    showHelp();
    return;
  }
  if (!currentIdentity()) return;
  if (event.key === 'g') {
    event.preventDefault();
    location.hash = '#/queue/pending';
    return;
  }
  if (view?.onKey?.(event)) event.preventDefault();
}

function boot(): void {
  whenUnauthorised(() => {
    signOut();
    // The sign-in form checks a pasted token itself and says why it was refused.
    if (onSignInPage) return;
    signInReason = 'Your session has ended (the token was refused or has expired). Sign in again.';
    route();
  });
  const app = document.getElementById('app') ?? document.body;
  replace(
    app,
    h('a', { href: '#main', class: 'skip-link', onclick: (e: Event) => (e.preventDefault(), main.focus()) }, 'Skip to content'),
    h('header', { class: 'top' }, h('a', { href: '#/queue/pending', class: 'brand' }, h('span', { class: 'logo', 'aria-hidden': 'true' }, '✓'), 'claimdesk'), nav, userBox),
    main,
    live,
    helpDialog,
    switchDialog,
  );
  window.addEventListener('hashchange', route);
  window.addEventListener('beforeunload', (event) => {
    if (hasUnsavedWork()) event.preventDefault();
  });
  document.addEventListener('keydown', onKey);
  route();
}

boot();
