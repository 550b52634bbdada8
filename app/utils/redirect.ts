/**
 * Only paths on this site may be redirect targets: "//evil.example" and "https://…" are rejected,
 * so a crafted form cannot send a visitor elsewhere.
 */
export function safeRedirectPath(target: string | null | undefined, fallback = "/"): string {
  if (!target || typeof target !== "string") return fallback;
  if (!target.startsWith("/") || target.startsWith("//") || target.startsWith("/\\")) return fallback;
  return target;
}
