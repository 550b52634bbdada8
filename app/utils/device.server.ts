import { DEVICE_TOKEN_PATTERN } from "~/domains/accounts/known-devices.server";
import { cookieAttributes, cookieName, readCookie } from "./cookies.server";

const COOKIE_NAME = "device";
/** About 400 days, the longest a browser keeps a cookie. */
const MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/**
 * The known-device cookie (see known-devices.server.ts): HttpOnly, SameSite=Lax, Path=/, Secure and
 * `__Host-` prefixed over https like the session cookie, kept across sign-outs and sessions; it proves nothing by itself, only exempts a right
 * password from the per-account throttle.
 */
export function deviceCookie(request: Request, token: string): string {
  return `${cookieName(request, COOKIE_NAME)}=${token}; ${cookieAttributes(request)}; Max-Age=${MAX_AGE_SECONDS}`;
}

export function readDeviceToken(request: Request): string | null {
  const value = readCookie(request, COOKIE_NAME);
  return value && DEVICE_TOKEN_PATTERN.test(value) ? value : null;
}
