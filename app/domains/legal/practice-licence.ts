/**
 * A lawyer's practice licence number (律师执业证号): 17 digits. The number carries no check digit, so
 * only its shape can be verified here; whether it belongs to the lawyer is for staff to verify.
 */

export const PRACTICE_LICENCE_LENGTH = 17;

const PRACTICE_LICENCE = /^[0-9]{17}$/;

/**
 * Trims and folds full-width digits ０–９ (typed with a Chinese IME) to ASCII 0–9. Nothing else is
 * changed, so other mistakes still fail {@link isValidPracticeLicence}.
 */
export function normalizePracticeLicence(input: string): string {
  return input
    .trim()
    .replace(/[０-９]/gu, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xff10 + 0x30));
}

/** Exactly 17 ASCII digits once surrounding whitespace is trimmed; full-width digits are rejected. */
export function isValidPracticeLicence(input: string): boolean {
  return PRACTICE_LICENCE.test(input.trim());
}
