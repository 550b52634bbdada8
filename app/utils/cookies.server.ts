import { isHttpsOrigin } from "./origin.server";

/**
 * Names and attributes of the portal's own cookies. Over https (the configured origin, or the request
 * without one) a cookie is `Secure` and named `__Host-…`: the browser then refuses it unless it was set
 * Secure, Path=/ and without Domain by this very host, so a sibling subdomain or a plain-http page
 * cannot plant or overwrite it.
 */
export function cookieName(request: Request, base: string): string {
  return isHttpsOrigin(request) ? `__Host-${base}` : base;
}

/** HttpOnly, SameSite=Lax, Path=/, no Domain; Secure over https. */
export function cookieAttributes(request: Request): string {
  return `Path=/; HttpOnly; SameSite=Lax${isHttpsOrigin(request) ? "; Secure" : ""}`;
}

/** The value of this request's cookie `base` under the name it must have here, or null. */
export function readCookie(request: Request, base: string): string | null {
  const name = cookieName(request, base);
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return rest.join("=");
  }
  return null;
}
