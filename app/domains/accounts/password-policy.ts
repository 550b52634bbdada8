import { commonPasswords } from "./common-passwords";

/**
 * Password rules (docs/quality.md, NIST SP 800-63B): 8–64 characters, no composition rules, common
 * passwords refused, and not built from the user's own email address.
 *
 * Length counts Unicode code points, not UTF-16 units, so "密码" is 2 characters and an emoji is 1.
 * The password itself is never trimmed or otherwise changed.
 */

import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./limits";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH };
/** An email local part shorter than this ("li@…") is too likely to occur by chance to be refused. */
export const EMAIL_LOCAL_PART_MIN_LENGTH = 4;

export type PasswordProblem = "tooShort" | "tooLong" | "common" | "containsEmail";
export type PasswordCheck = { ok: true } | { ok: false; reason: PasswordProblem };

export interface PasswordContext {
  email?: string;
  /** Accepted so callers can pass what they know; not checked yet (names are short and often shared). */
  displayName?: string;
}

/** Number of Unicode code points. */
export function passwordLength(password: string): number {
  let count = 0;
  for (const _codePoint of password) count++;
  return count;
}

/** Reasons are checked in the order tooShort → tooLong → common → containsEmail. */
export function checkPassword(password: string, context: PasswordContext = {}): PasswordCheck {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN_LENGTH) return { ok: false, reason: "tooShort" };
  if (length > PASSWORD_MAX_LENGTH) return { ok: false, reason: "tooLong" };

  const lowerCased = password.toLowerCase();
  if (commonPasswords.has(lowerCased)) return { ok: false, reason: "common" };

  const localPart = emailLocalPart(context.email);
  if (localPart.length >= EMAIL_LOCAL_PART_MIN_LENGTH && lowerCased.includes(localPart)) {
    return { ok: false, reason: "containsEmail" };
  }
  return { ok: true };
}

function emailLocalPart(email: string | undefined): string {
  if (!email) return "";
  const at = email.lastIndexOf("@");
  return (at < 0 ? "" : email.slice(0, at)).trim().toLowerCase();
}
