import crypto from "node:crypto";

/** Methods that must never change data, so they need no origin check. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export interface OriginCheckInput {
  method: string;
  /** The request's Origin header, if any. */
  origin: string | undefined;
  /** The request's Sec-Fetch-Site header, if any. */
  secFetchSite: string | undefined;
  /** Origins this server answers for (APP_URL's origin, or scheme://host of the request). */
  allowedOrigins: string[];
}

/**
 * Cross-site request forgery guard for every non-GET request: the browser must say the request comes
 * from one of our own origins. A missing Origin is accepted only when the browser vouches for it with
 * `Sec-Fetch-Site: same-origin`; non-browser clients must send an Origin.
 */
export function isSameOriginRequest(input: OriginCheckInput): boolean {
  if (SAFE_METHODS.has(input.method.toUpperCase())) return true;
  if (input.origin && input.origin !== "null") {
    return input.allowedOrigins.some(
      (allowed) => normalizeOrigin(allowed) === normalizeOrigin(input.origin!),
    );
  }
  return input.secFetchSite === "same-origin";
}

export function normalizeOrigin(value: string): string {
  try {
    return new URL(value).origin.toLowerCase();
  } catch {
    return value.toLowerCase();
  }
}

/** 128 random bits, base64: a fresh CSP nonce for each response. */
export function createNonce(): string {
  return crypto.randomBytes(16).toString("base64");
}

export interface CspOptions {
  nonce: string;
  development: boolean;
  https: boolean;
}

/** The Content-Security-Policy directives of every page (helmet's `directives` shape). */
export function contentSecurityPolicy({ nonce, development, https }: CspOptions) {
  return {
    defaultSrc: ["'self'"],
    // 'strict-dynamic' lets the nonce'd entry scripts load the route chunks they import.
    scriptSrc: [`'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Vite injects CSS through <style> tags in development only.
    styleSrc: ["'self'", ...(development ? ["'unsafe-inline'"] : [`'nonce-${nonce}'`])],
    imgSrc: ["'self'", "data:"],
    fontSrc: ["'self'"],
    connectSrc: ["'self'", ...(development ? ["ws:", "wss:"] : [])],
    formAction: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: https ? [] : null,
  };
}
