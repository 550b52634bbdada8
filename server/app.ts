import type { IncomingMessage, ServerResponse } from "node:http";
import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import helmet from "helmet";
import type { Env } from "../app/utils/env.server";
import { requestGuards } from "./request-guards";
import { sqlStatementsSoFar } from "../app/utils/sql-count.server";
import { contentSecurityPolicy, createNonce, isSameOriginRequest } from "./security";
import { testClock } from "./test-clock";

declare module "@remix-run/node" {
  interface AppLoadContext {
    /** The CSP nonce of this response; every inline or entry script must carry it. */
    cspNonce: string;
  }
}

export interface CreateAppOptions {
  env: Env;
  /** Project root (where build/ and public/ live). */
  root: string;
}

const NONCE_PLACEHOLDER = "\u0000nonce\u0000";
type DirectiveValue = string | ((req: IncomingMessage, res: ServerResponse) => string);

/** The CSP directives with every value that names the nonce turned into a per-response function. */
function withNonceFromResponse(
  directives: ReturnType<typeof contentSecurityPolicy>,
): Record<string, DirectiveValue[] | null> {
  return Object.fromEntries(
    Object.entries(directives).map(([name, values]) => [
      name,
      values === null
        ? null
        : values.map((value): DirectiveValue => {
            if (!value.includes(NONCE_PLACEHOLDER)) return value;
            const [before, after] = value.split(NONCE_PLACEHOLDER) as [string, string];
            return (_req, res) =>
              `${before}${(res as ServerResponse & { locals: { cspNonce: string } }).locals.cspNonce}${after}`;
          }),
    ]),
  );
}

/** Every file under `dir`, as paths relative to it with forward slashes (assets/ excluded). */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .filter((file) => !file.startsWith("assets/"));
}

/** The Express app around Remix: security headers, origin check, static files, the Remix handler. */
export async function createApp({ env, root }: CreateAppOptions): Promise<express.Express> {
  const development = env.NODE_ENV === "development";
  const https = env.APP_URL?.startsWith("https://") ?? false;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);

  app.use(requestGuards(env));
  // `npm run bench` only: X-SQL-Statements tells how many statements the response needed, when the
  // bench asks (it does so one request at a time; app/utils/sql-count.server.ts).
  if (env.BENCH_MODE) {
    app.use((req, res, next) => {
      if (req.headers["x-bench-count-sql"] !== "1") return next();
      const writeHead = res.writeHead;
      const before = sqlStatementsSoFar();
      res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
        if (!this.headersSent) this.setHeader("X-SQL-Statements", String(sqlStatementsSoFar() - before));
        return (writeHead as (...rest: unknown[]) => ServerResponse).apply(this, args);
      } as typeof res.writeHead;
      next();
    });
  }

  app.use((_req, res, next) => {
    res.locals.cspNonce = createNonce();
    next();
  });
  // Configured once (building helmet per request cost a page ~4 % of its CPU); only the nonce
  // differs between responses, filled in by a directive function.
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: withNonceFromResponse(
          contentSecurityPolicy({ nonce: NONCE_PLACEHOLDER, development, https }),
        ),
      },
      crossOriginEmbedderPolicy: false,
      xFrameOptions: { action: "deny" },
      referrerPolicy: { policy: "strict-origin-when-cross-origin" },
      strictTransportSecurity: https ? { maxAge: 31536000, includeSubDomains: true } : false,
    }),
  );

  // The development mailbox frames a captured email's HTML from this one resource route, which sends
  // its own CSP (inline styles, no scripts, frame-ancestors 'self'); two CSP headers would both apply.
  app.use(/^\/dev\/mailbox\/[^/]+\/html$/, (_req, res, next) => {
    res.removeHeader("Content-Security-Policy");
    res.removeHeader("X-Frame-Options");
    next();
  });

  app.use((req, res, next) => {
    const allowedOrigins = env.APP_URL ? [env.APP_URL] : [`${req.protocol}://${req.get("host")}`];
    const ok = isSameOriginRequest({
      method: req.method,
      origin: req.get("origin"),
      secFetchSite: req.get("sec-fetch-site"),
      allowedOrigins,
    });
    if (ok) return next();
    res.status(403).type("text/plain").send("Forbidden: cross-origin request / 跨站请求已被拒绝");
  });

  // The client address as Express trusts it (TRUST_PROXY); whatever the client sent under this name
  // is overwritten, so route code can rely on it for rate limits and audit rows.
  app.use((req, _res, next) => {
    req.headers["x-portal-client-ip"] = req.ip ?? "unknown";
    // Shared by every loader's copy of the request: what app/utils/per-request.server.ts keys on.
    req.headers["x-portal-request-id"] = randomUUID();
    next();
  });

  // End-to-end tests only: a per-browser-context clock offset (a no-op unless E2E_CLOCK_CONTROL is on).
  app.use(testClock(env.E2E_CLOCK_CONTROL));

  app.use(compression());

  let build: ServerBuild | (() => Promise<ServerBuild>);
  if (development) {
    const vite = await import("vite");
    const viteServer = await vite.createServer({ root, server: { middlewareMode: true } });
    app.use(viteServer.middlewares);
    build = () => viteServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  } else {
    const buildPath = path.join(root, "build/server/index.js");
    build = (await import(buildPath)) as ServerBuild;
    // Fingerprinted assets never change; everything else in public/ gets a short cache.
    app.use(
      "/assets",
      express.static(path.join(root, "build/client/assets"), { immutable: true, maxAge: "1y" }),
    );
    // The files of public/ are known once at start-up: a page request no longer costs a stat().
    const publicDir = path.join(root, "build/client");
    const publicFiles = new Set(listFiles(publicDir).map((file) => `/${file}`));
    const servePublic = express.static(publicDir, { maxAge: "1h" });
    app.use((req, res, next) => (publicFiles.has(req.path) ? servePublic(req, res, next) : next()));
  }

  // Pages may carry personal data: nothing dynamic is stored by browsers or proxies unless a
  // route says otherwise through its own Cache-Control header.
  app.use((_req, res, next) => {
    res.setHeader("Cache-Control", "no-store");
    next();
  });

  app.all(
    "*",
    createRequestHandler({
      build,
      mode: env.NODE_ENV,
      getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce as string }),
    }),
  );
  return app;
}
