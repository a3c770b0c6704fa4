/**
 * The session: a bearer token kept in sessionStorage (gone when the tab closes), read once from the
 * sign-in link's fragment and then removed from the address bar so it never lands in history or a screenshot.
 */
const KEY = 'claimdesk.token';

export interface Identity {
  sub: string;
  roles: string[];
  exp?: number;
}

export function decodeToken(token: string): Identity | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = decodeURIComponent(
      Array.from(atob(base64.padEnd(base64.length + ((4 - (base64.length % 4)) % 4), '=')))
        .map((c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'))
        .join(''),
    );
    const payload: unknown = JSON.parse(json);
    if (typeof payload !== 'object' || payload === null) return null;
    const { sub, roles, exp } = payload as Record<string, unknown>;
    if (typeof sub !== 'string' || !sub) return null;
    const roleList = Array.isArray(roles) ? roles.filter((r): r is string => typeof r === 'string') : [];
    return { sub, roles: roleList, ...(typeof exp === 'number' ? { exp } : {}) };
  } catch {
    return null;
  }
}

export function isExpired(identity: Identity, now = Date.now()): boolean {
  return identity.exp !== undefined && identity.exp * 1000 <= now;
}

/**
 * Takes `#token=…` (or `access_token=`) out of the fragment: undefined when the address holds no sign-in link,
 * null when it holds one without a valid, unexpired token. Storing it is the caller's choice (it may ask first).
 */
export function takeTokenFromFragment(): { token: string; identity: Identity } | null | undefined {
  const hash = location.hash.replace(/^#/, '');
  if (!/(^|&)(access_)?token=/.test(hash)) return undefined;
  const params = new URLSearchParams(hash);
  const token = normalise(params.get('token') ?? params.get('access_token') ?? '');
  // Remove it from the address bar whatever happens next.
  history.replaceState(null, '', location.pathname + location.search + '#/queue/pending');
  const identity = decodeToken(token);
  return identity && !isExpired(identity) ? { token, identity } : null;
}

const normalise = (token: string) => token.trim().replace(/^Bearer\s+/i, '');

export function setToken(token: string): boolean {
  const trimmed = normalise(token);
  const identity = decodeToken(trimmed);
  if (!identity || isExpired(identity)) return false;
  sessionStorage.setItem(KEY, trimmed);
  return true;
}

export function getToken(): string | null {
  return sessionStorage.getItem(KEY);
}

export function currentIdentity(): Identity | null {
  const token = getToken();
  if (!token) return null;
  const identity = decodeToken(token);
  return identity && !isExpired(identity) ? identity : null;
}

export function signOut(): void {
  sessionStorage.removeItem(KEY);
}

export function can(identity: Identity | null, action: 'review' | 'submit'): boolean {
  if (!identity) return false;
  if (identity.roles.includes('admin')) return true;
  return identity.roles.includes(action === 'review' ? 'reviewer' : 'editor');
}
