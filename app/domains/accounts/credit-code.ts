/**
 * Unified social credit code (统一社会信用代码), GB 32100-2015.
 *
 * Layout of the 18 characters:
 *   1      registration authority (登记管理部门代码), e.g. 9 = market regulation, 5 = civil affairs,
 *          3 = justice administration (law firms), 1 = institutional staffing, Y = other
 *   2      organization type within that authority (机构类别代码)
 *   3–8    administrative division code of the registering authority (6 digits)
 *   9–17   organization code (主体标识码, the former 9-character organization code)
 *   18     check character (校验码)
 *
 * We deliberately do not check characters 1–2 against the authority/type tables: the tables have been
 * extended since 2015 (e.g. 2 = foreign affairs, A = CMC, N = agriculture), and a stale table would lock
 * real organizations out. The checksum catches every single-character typo anyway.
 */

/** The 31 characters of the code, in value order: I, O, Z, S and V are excluded. */
export const CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/** Weight of positions 1–17: 3^(i) mod 31. */
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

export const CREDIT_CODE_LENGTH = 18;

export type CreditCodeInvalidReason = "length" | "characters" | "checksum";

const ALPHABET_CLASS = "[0-9A-HJ-NPQRTUW-Y]";
const STRUCTURE = new RegExp(`^${ALPHABET_CLASS}{2}[0-9]{6}${ALPHABET_CLASS}{10}$`);

/**
 * Makes typed or pasted input comparable: NFKC folds full-width characters typed with a Chinese IME
 * (９１３５…) to ASCII, then whitespace (including the ideographic space) is removed and letters are
 * upper-cased. Does not validate.
 */
export function normalizeCreditCode(input: string): string {
  return input.normalize("NFKC").replace(/\s+/gu, "").toUpperCase();
}

/**
 * The check character for the first 17 characters of a code.
 * @throws RangeError if `first17` is not 17 characters of the code alphabet.
 */
export function creditCodeCheckCharacter(first17: string): string {
  if (first17.length !== CREDIT_CODE_LENGTH - 1) {
    throw new RangeError(`Expected 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < first17.length; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`Character ${JSON.stringify(first17.charAt(i))} is not allowed`);
    sum += value * (CREDIT_CODE_WEIGHTS[i] ?? 0);
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_ALPHABET.charAt(check);
}

/**
 * Why a code is invalid, or `null` when it is valid. Expects normalized input (see
 * {@link normalizeCreditCode}); lower-case letters count as invalid characters.
 */
export function creditCodeInvalidReason(code: string): CreditCodeInvalidReason | null {
  if (code.length !== CREDIT_CODE_LENGTH) return "length";
  if (!STRUCTURE.test(code)) return "characters";
  return creditCodeCheckCharacter(code.slice(0, 17)) === code.charAt(17) ? null : "checksum";
}

/** True when `code` (already normalized) is a well-formed code with a correct check character. */
export function isValidCreditCode(code: string): boolean {
  return creditCodeInvalidReason(code) === null;
}
