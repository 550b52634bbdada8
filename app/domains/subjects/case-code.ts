/** Crockford-style alphabet without I, L, O, U: nothing to misread when read out on the phone. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/**
 * A uniform random integer in [0, max) from Web Crypto, which the server and the browser both have —
 * this module is imported by validation schemas that are bundled for the browser, where `node:crypto`
 * does not exist (the production build failed on it).
 */
function randomInt(max: number): number {
  const limit = Math.floor(0x1_0000_0000 / max) * max;
  const buffer = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(buffer);
    if (buffer[0]! < limit) return buffer[0]! % max;
  }
}

/**
 * A case code: 12 random characters from 32 (60 bits), grouped 4-4-4. Random, so it says nothing
 * about the person and cannot be guessed from their name, ID number or registration order.
 */
export function generateCaseCode(random: (max: number) => number = randomInt): string {
  const chars = Array.from({ length: 12 }, () => ALPHABET[random(ALPHABET.length)]!);
  return `${chars.slice(0, 4).join("")}-${chars.slice(4, 8).join("")}-${chars.slice(8).join("")}`;
}

export function normalizeCaseCode(input: string): string {
  return input.trim().toUpperCase().replace(/\s+/g, "");
}

/** The whole-string shape of a case code, for validation schemas of every domain. */
export const CASE_CODE_PATTERN =
  /^[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{4}$/;

export function isCaseCode(value: string): boolean {
  return CASE_CODE_PATTERN.test(value);
}
