import { randomInt } from "node:crypto";
import { CASE_CODE_PATTERN } from "./case-code-pattern";

/** Crockford-style alphabet without I, L, O, U: nothing to misread when read out on the phone. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

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

export function isCaseCode(value: string): boolean {
  return CASE_CODE_PATTERN.test(value);
}
