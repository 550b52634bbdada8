import { getEnv } from "./env.server";

/** The origin links in emails point to: APP_URL when configured, else the request's own. */
export function linkContext(request: Request) {
  return { origin: getEnv().APP_URL ?? new URL(request.url).origin };
}

export function userAgent(request: Request): string | null {
  return request.headers.get("user-agent");
}
