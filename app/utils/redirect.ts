const PLACEHOLDER_ORIGIN = "http://portal.invalid";

/**
 * Only paths on this site may be redirect targets. A target must start with exactly one "/", hold no
 * control or whitespace character anywhere (browsers drop tab/CR/LF, so "/\t/evil.example" would be
 * "//evil.example"; U+3000 and friends are refused too), no backslash, and still resolve to this
 * origin when parsed as a URL. Anything else falls back, so a crafted link can neither send a visitor
 * elsewhere nor put a header-breaking character into Location (never a 500).
 */
export function safeRedirectPath(target: string | null | undefined, fallback = "/"): string {
  if (!target || typeof target !== "string" || target.length > 2048) return fallback;
  if (!target.startsWith("/") || target.startsWith("//")) return fallback;
  // Controls (C0, DEL, C1), every Unicode space or separator, format characters, lone surrogates, "\".
  if (/[\p{Cc}\p{Z}\p{Cf}\p{Cs}\\]/u.test(target)) return fallback;
  if (/\s/.test(target)) return fallback;
  let resolved: URL;
  try {
    resolved = new URL(target, PLACEHOLDER_ORIGIN);
  } catch {
    return fallback;
  }
  if (resolved.origin !== PLACEHOLDER_ORIGIN) return fallback;
  return target;
}
