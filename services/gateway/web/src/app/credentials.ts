const TOKEN_KEY = 'stuurwiel.token';

/**
 * The wall screen's read-only key, from `?key=sww_…` in its URL: a TV opens a bookmark and has no
 * one to log in.
 */
export function wallscreenKey(): string | null {
  const key = new URLSearchParams(window.location.search).get('key');
  return key?.startsWith('sww_') ? key : null;
}

/**
 * A person's bearer token: handed over once in the fragment (`#token=…`, never sent to a server
 * or written to its logs), then kept for this tab only and removed from the address bar.
 */
export function sessionToken(): string | null {
  const fromFragment = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromFragment) {
    window.sessionStorage.setItem(TOKEN_KEY, fromFragment);
    window.history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromFragment;
  }
  return window.sessionStorage.getItem(TOKEN_KEY);
}

export function rememberToken(token: string): void {
  window.sessionStorage.setItem(TOKEN_KEY, token);
}

export function forgetToken(): void {
  window.sessionStorage.removeItem(TOKEN_KEY);
}
