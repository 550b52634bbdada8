import { redirect } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { getEnv } from "./env.server";

/**
 * The one way a success (or notice) message travels across a redirect: a short-lived cookie read once
 * by the root loader and cleared in the same response (docs/decisions/009-forms.md). It replaces the
 * `?created=1`, `?notice=…`, `?done=…` query parameters.
 *
 * The cookie is not signed: it only names a translation key of the portal (checked against a pattern)
 * with a few numeric or short values, so a forged one can show nothing the portal would not say.
 */

export interface Flash {
  kind: "success" | "info" | "error";
  /** A translation key with its namespace, e.g. `hours:report.done`; the page must load that namespace. */
  message: string;
  values?: Record<string, string | number>;
}

export interface ShownFlash extends Flash {
  /** Unique per flash, so the page tells a new flash from the one it already shows. */
  id: string;
}

const COOKIE = "flash";
const MAX_AGE_SECONDS = 60;
const KEY = /^[a-z][\w-]*:[\w.-]+$/;
const VALUE_MAX = 120;

function attributes(request: Request): string {
  const secure = getEnv().APP_URL?.startsWith("https://") || new URL(request.url).protocol === "https:";
  return `Path=/; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export function flashCookie(request: Request, flash: Flash): string {
  const value = Buffer.from(JSON.stringify(flash), "utf8").toString("base64url");
  return `${COOKIE}=${value}; ${attributes(request)}; Max-Age=${MAX_AGE_SECONDS}`;
}

/** A redirect that shows `flash` once on the page it leads to. Extra headers (a cleared session) are kept. */
export function redirectWithFlash(
  request: Request,
  url: string,
  flash: Flash,
  init: { headers?: HeadersInit } = {},
) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", flashCookie(request, flash));
  return redirect(url, { headers });
}

function cookieValue(request: Request): string | null {
  const header = request.headers.get("cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === COOKIE) return rest.join("=");
  }
  return null;
}

function parseFlash(raw: string): Flash | null {
  try {
    const value = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Flash>;
    if (value.kind !== "success" && value.kind !== "info" && value.kind !== "error") return null;
    if (typeof value.message !== "string" || !KEY.test(value.message)) return null;
    const values: Record<string, string | number> = {};
    for (const [key, item] of Object.entries(value.values ?? {})) {
      if (typeof item === "number" && Number.isFinite(item)) values[key] = item;
      else if (typeof item === "string" && item.length <= VALUE_MAX) values[key] = item;
    }
    return { kind: value.kind, message: value.message, values };
  } catch {
    return null;
  }
}

/** The flash of this request, if any, and the Set-Cookie header that consumes it. */
export function readFlash(request: Request): { flash: ShownFlash | null; headers: Headers } {
  const headers = new Headers();
  const raw = cookieValue(request);
  if (raw === null) return { flash: null, headers };
  headers.append("Set-Cookie", `${COOKIE}=; ${attributes(request)}; Max-Age=0`);
  const flash = parseFlash(raw);
  return { flash: flash ? { ...flash, id: randomBytes(6).toString("hex") } : null, headers };
}
