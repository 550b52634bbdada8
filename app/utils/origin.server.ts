import { type Env, getEnv } from "./env.server";

/**
 * The portal answers only for configured origins: APP_URL when set (its host alone), otherwise the
 * ALLOWED_HOSTS list (the embedded demo: localhost and 127.0.0.1, on any port). A forged Host header
 * therefore never reaches a page, a link in mail or the cross-origin check (docs/security.md).
 */
const HOST_SHAPE = /^(\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(:\d{1,5})?$/;

function splitHost(host: string): { name: string; port: string | undefined } | null {
  const lower = host.trim().toLowerCase();
  const match = HOST_SHAPE.exec(lower);
  if (!match) return null;
  return { name: match[1]!, port: match[2]?.slice(1) };
}

/** Pure: is this Host header (host[:port]) one the configuration allows? */
export function isAllowedHost(host: string | null | undefined, env: Pick<Env, "APP_URL" | "ALLOWED_HOSTS">) {
  if (!host) return false;
  const given = splitHost(host);
  if (!given) return false;
  if (env.APP_URL) {
    const configured = new URL(env.APP_URL);
    const defaultPort = configured.protocol === "https:" ? "443" : "80";
    return (
      given.name === configured.hostname.toLowerCase() &&
      (given.port ?? defaultPort) === (configured.port || defaultPort)
    );
  }
  return env.ALLOWED_HOSTS.some((entry) => {
    const allowed = splitHost(entry);
    if (!allowed || allowed.name !== given.name) return false;
    return allowed.port === undefined || allowed.port === given.port;
  });
}

/**
 * The origin of this portal for this request: APP_URL, or the request's own origin once its host is
 * one of ALLOWED_HOSTS. Any other host is answered 400 (thrown), before anything is read or written.
 */
export function portalOrigin(request: Request, env: Env = getEnv()): string {
  if (env.APP_URL) return new URL(env.APP_URL).origin;
  const url = new URL(request.url);
  if (!isAllowedHost(url.host, env)) throw badHost();
  return url.origin;
}

/** True when the configured origin (or, without one, this request) is https. */
export function isHttpsOrigin(request: Request, env: Env = getEnv()): boolean {
  if (env.APP_URL) return env.APP_URL.toLowerCase().startsWith("https://");
  return new URL(request.url).protocol === "https:";
}

export function badHost(): Response {
  return new Response("Bad Request: unknown host / 未知的主机名", {
    status: 400,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}
