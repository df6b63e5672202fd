// HTTP to the server and the login session: the access token lives in memory, the refresh token in the
// server's HttpOnly cookie; the session is renewed silently a minute before the access token expires.

import { ServerError } from "./errors";
import type { AuthTokens, OwnProfile, TwoFactorChallenge } from "./protocol";

const hadSessionKey = "transcendence.session";

interface Session { accessToken: string; expiresAt: number; user: OwnProfile }

let session: Session | null = null;
let renewTimer: number | undefined;
let refreshing: Promise<boolean> | null = null;
const listeners = new Set<(user: OwnProfile | null) => void>();

export function currentUser(): OwnProfile | null {
  return session?.user ?? null;
}

export function onSessionChange(listener: (user: OwnProfile | null) => void): void {
  listeners.add(listener);
}

function start(tokens: AuthTokens): OwnProfile {
  session = { accessToken: tokens.accessToken, expiresAt: Date.parse(tokens.accessTokenExpiresAt), user: tokens.user };
  localStorage.setItem(hadSessionKey, "1");
  window.clearTimeout(renewTimer);
  const wait = Math.max(5_000, session.expiresAt - Date.now() - 60_000);
  renewTimer = window.setTimeout(() => void refresh(), wait);
  return tokens.user;
}

function end(): void {
  const had = session !== null;
  session = null;
  localStorage.removeItem(hadSessionKey);
  window.clearTimeout(renewTimer);
  if (had) {
    listeners.forEach(listener => listener(null));
  }
}

export function setUser(user: OwnProfile): void {
  if (session) {
    session.user = user;
    listeners.forEach(listener => listener(user));
  }
}

/**
 * Renews the session with the refresh cookie. Tabs take turns (a refresh token works once: two tabs
 * presenting the same one at once would end the login), each using the cookie the last one left.
 */
export function refresh(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const run = async () => {
        const response = await fetch("/api/auth/refresh", { method: "POST", credentials: "same-origin" });
        if (!response.ok) {
          end();
          return false;
        }
        const user = start(await response.json() as AuthTokens);
        listeners.forEach(listener => listener(user));
        return true;
      };
      return navigator.locks ? await navigator.locks.request("transcendence-refresh", run) : await run();
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

/** Before leaving for the OAuth provider: it comes back with the refresh cookie, which boot then uses. */
export function expectSession(): void {
  localStorage.setItem(hadSessionKey, "1");
}

/** At start: a session survives a reload through the refresh cookie (asked only when there was one). */
export async function restore(): Promise<OwnProfile | null> {
  if (!localStorage.getItem(hadSessionKey)) {
    return null;
  }
  return (await refresh()) ? currentUser() : null;
}

/** The access token for a request or a hub connection, renewed first when it is about to expire. */
export async function accessToken(): Promise<string> {
  if (session && session.expiresAt - Date.now() < 30_000) {
    await refresh();
  }
  return session?.accessToken ?? "";
}

async function problemOf(response: Response): Promise<ServerError> {
  try {
    const body = await response.json() as { code?: string; detail?: string; title?: string; errors?: Record<string, string[]> };
    return new ServerError(body.code ?? `http_${response.status}`, body.detail ?? body.title ?? response.statusText, response.status, body.errors);
  } catch {
    return new ServerError(response.status === 503 ? "unavailable" : `http_${response.status}`, response.statusText, response.status);
  }
}

/** A JSON call; a problem answer throws a ServerError with its code. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const send = async () => fetch(path, {
    method,
    credentials: "same-origin",
    headers: {
      ...(session ? { authorization: `Bearer ${await accessToken()}` } : {}),
      ...(body !== undefined && !(body instanceof FormData) ? { "content-type": "application/json" } : {}),
    },
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
  });
  let response = await send();
  if (response.status === 401 && session && await refresh()) {
    response = await send();
  }
  if (!response.ok) {
    const problem = await problemOf(response);
    if (response.status === 401 && path !== "/api/auth/dev-login" && path !== "/api/auth/2fa/verify") {
      end();
    }
    throw problem;
  }
  if (response.status === 204 || response.headers.get("content-length") === "0") {
    return undefined as T;
  }
  const type = response.headers.get("content-type") ?? "";
  return (type.includes("json") ? await response.json() : undefined) as T;
}

export async function devLogin(login: string): Promise<OwnProfile | TwoFactorChallenge> {
  const answer = await api<AuthTokens | TwoFactorChallenge>("POST", "/api/auth/dev-login", { login });
  if ("twoFactorRequired" in answer) {
    return answer;
  }
  const user = start(answer);
  listeners.forEach(listener => listener(user));
  return user;
}

export async function verifyTwoFactor(ticket: string, code: string): Promise<OwnProfile> {
  const user = start(await api<AuthTokens>("POST", "/api/auth/2fa/verify", { ticket, code }));
  listeners.forEach(listener => listener(user));
  return user;
}

export async function logout(): Promise<void> {
  try {
    await api("POST", "/api/auth/logout");
  } finally {
    end();
  }
}
