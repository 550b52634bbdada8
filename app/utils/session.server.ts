import { getDb } from "./db.server";
import { cookieAttributes, cookieName, readCookie } from "./cookies.server";
import { perRequest } from "./per-request.server";
import { type SessionInfo, type SessionUser, validateSessionToken } from "~/domains/accounts/sessions.server";

/** `session`, or `__Host-session` (and Secure) whenever the configured origin is https. */
const COOKIE_NAME = "session";

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  return `${cookieName(request, COOKIE_NAME)}=${token}; ${cookieAttributes(request)}; Expires=${expiresAt.toUTCString()}`;
}

export function clearSessionCookie(request: Request): string {
  return `${cookieName(request, COOKIE_NAME)}=; ${cookieAttributes(request)}; Max-Age=0`;
}

function readToken(request: Request): string | null {
  const value = readCookie(request, COOKIE_NAME);
  return value && /^[a-z2-7]{20,64}$/.test(value) ? value : null;
}

export interface CurrentSession {
  session: SessionInfo;
  user: SessionUser;
  /** The bell's number, read with the session (one statement for both). */
  unreadNotifications: number;
}

/**
 * The signed-in user of this request (with a completed second factor if they use one), or null.
 * One lookup per HTTP request even when the root loader and a route loader both ask.
 */
export function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  return perRequest(request, "session", () => {
    const token = readToken(request);
    return token
      ? getDb().then((db) => validateSessionToken(db, token, undefined, { withUnreadCount: true }))
      : Promise.resolve(null);
  });
}

export function clientIp(request: Request): string {
  // The Express entry passes the client address it trusts (see TRUST_PROXY) in this header.
  return request.headers.get("x-portal-client-ip") ?? "unknown";
}
