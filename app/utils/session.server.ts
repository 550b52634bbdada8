import { getDb } from "./db.server";
import { getEnv } from "./env.server";
import { perRequest } from "./per-request.server";
import { type SessionInfo, type SessionUser, validateSessionToken } from "~/domains/accounts/sessions.server";

const COOKIE_NAME = "session";

/** HttpOnly, SameSite=Lax, Path=/; Secure whenever the portal is served over https. */
function cookieAttributes(request: Request): string {
  const env = getEnv();
  const secure = env.APP_URL?.startsWith("https://") || new URL(request.url).protocol === "https:";
  return `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function sessionCookie(request: Request, token: string, expiresAt: Date): string {
  return `${COOKIE_NAME}=${token}; ${cookieAttributes(request)}; Expires=${expiresAt.toUTCString()}`;
}

export function clearSessionCookie(request: Request): string {
  return `${COOKIE_NAME}=; ${cookieAttributes(request)}; Max-Age=0`;
}

function readToken(request: Request): string | null {
  const header = request.headers.get("Cookie") ?? "";
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === COOKIE_NAME) {
      const value = rest.join("=");
      return /^[a-z2-7]{20,64}$/.test(value) ? value : null;
    }
  }
  return null;
}

export interface CurrentSession {
  session: SessionInfo;
  user: SessionUser;
}

/**
 * The signed-in user of this request (with a completed second factor if they use one), or null.
 * One lookup per HTTP request even when the root loader and a route loader both ask.
 */
export function getCurrentSession(request: Request): Promise<CurrentSession | null> {
  return perRequest(request, "session", () => {
    const token = readToken(request);
    return token ? getDb().then((db) => validateSessionToken(db, token)) : Promise.resolve(null);
  });
}

export function clientIp(request: Request): string {
  // The Express entry passes the client address it trusts (see TRUST_PROXY) in this header.
  return request.headers.get("x-portal-client-ip") ?? "unknown";
}
