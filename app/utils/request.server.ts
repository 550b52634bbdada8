import { portalOrigin } from "./origin.server";

/** The origin links in emails point to: the configured one only (APP_URL, or an allowed host). */
export function linkContext(request: Request) {
  return { origin: portalOrigin(request) };
}

export function userAgent(request: Request): string | null {
  return request.headers.get("user-agent");
}
