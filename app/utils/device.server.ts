import { DEVICE_TOKEN_PATTERN } from "~/domains/accounts/known-devices.server";
import { getEnv } from "./env.server";

const COOKIE_NAME = "device";
/** About 400 days, the longest a browser keeps a cookie. */
const MAX_AGE_SECONDS = 400 * 24 * 60 * 60;

/**
 * The known-device cookie (see known-devices.server.ts): HttpOnly, SameSite=Lax, Path=/, Secure over
 * https, kept across sign-outs and sessions; it proves nothing by itself, only exempts a right
 * password from the per-account throttle.
 */
export function deviceCookie(request: Request, token: string): string {
  const secure = getEnv().APP_URL?.startsWith("https://") || new URL(request.url).protocol === "https:";
  return `${COOKIE_NAME}=${token}; Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}; Max-Age=${MAX_AGE_SECONDS}`;
}

export function readDeviceToken(request: Request): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === COOKIE_NAME) {
      const value = rest.join("=");
      return DEVICE_TOKEN_PATTERN.test(value) ? value : null;
    }
  }
  return null;
}
