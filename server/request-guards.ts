import type { RequestHandler } from "express";
import { Router } from "express";
import type { Env } from "../app/utils/env.server";
import { isAllowedHost } from "../app/utils/origin.server";

/**
 * Answers 400 to any request whose Host is not a configured one (APP_URL's host, or ALLOWED_HOSTS),
 * before anything else runs: no page, link in mail or origin check ever sees a forged host. Only the
 * health check answers whatever the host, so a load balancer may probe by address.
 */
export function hostCheck(env: Pick<Env, "APP_URL" | "ALLOWED_HOSTS">): RequestHandler {
  return (req, res, next) => {
    // Remix builds the request URL from X-Forwarded-Host too (its host behind a trusted proxy, its port
    // always), so a forwarded host must be a configured one as well.
    const forwarded = req.headers["x-forwarded-host"];
    const forwardedOk =
      forwarded === undefined || (typeof forwarded === "string" && isAllowedHost(forwarded, env));
    if (req.path === "/healthz" || (isAllowedHost(req.headers.host, env) && forwardedOk)) return next();
    res.status(400).type("text/plain").send("Bad Request: unknown host / 未知的主机名");
  };
}

/** Longer request targets (path and query) answer 414 before any route parses them. */
export const MAX_URL_LENGTH = 4096;

export function urlLengthGuard(): RequestHandler {
  return (req, res, next) => {
    if (req.originalUrl.length <= MAX_URL_LENGTH) return next();
    res.status(414).type("text/plain").send("URI Too Long / 网址过长");
  };
}

/** Every guard that runs before the app: the request target's length, then the Host. */
export function requestGuards(env: Pick<Env, "APP_URL" | "ALLOWED_HOSTS">): RequestHandler {
  return Router().use(urlLengthGuard(), hostCheck(env));
}
