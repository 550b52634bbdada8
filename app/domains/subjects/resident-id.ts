/**
 * 18-character PRC resident identity number (公民身份号码), GB 11643-1999.
 *
 *   1–6    administrative division code of the place of household registration at issue
 *   7–14   birth date YYYYMMDD
 *   15–17  sequence code; the 17th digit is odd for men and even for women
 *   18     check character, ISO 7064 MOD 11-2: 0–9 or X (X stands for 10)
 *
 * The old 15-digit numbers (before 1999) are not accepted: they were replaced on every card in use.
 */

export const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = "10X98765432";

/** Birth dates before this are treated as typos, not as very old people. */
export const EARLIEST_BIRTH_DATE = "1900-01-01";
export const AGE_OF_MAJORITY = 18;
/** Calendar days — birthdays, "today", the age of majority — are days in this zone. */
export const CALENDAR_TIME_ZONE = "Asia/Shanghai";

export type ResidentIdInvalidReason = "length" | "characters" | "checksum" | "birthDate";
export type Gender = "male" | "female";

export type ResidentIdParseResult =
  | { ok: true; birthDate: string; gender: Gender; regionCode: string }
  | { ok: false; reason: ResidentIdInvalidReason };

/**
 * Makes typed or pasted input comparable: NFKC folds full-width digits and Ｘ to ASCII, whitespace is
 * removed and a lower-case x check character is upper-cased. Does not validate.
 */
export function normalizeResidentId(input: string): string {
  return input.normalize("NFKC").replace(/\s+/gu, "").toUpperCase();
}

/** The check character for the first 17 digits. @throws RangeError unless given 17 ASCII digits. */
export function residentIdCheckCharacter(first17: string): string {
  if (!/^[0-9]{17}$/.test(first17)) throw new RangeError("Expected 17 ASCII digits");
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17.charAt(i)) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS.charAt(sum % 11);
}

/**
 * Validates a normalized ID number (see {@link normalizeResidentId}) and extracts what it encodes.
 * Reasons are checked in the order length → characters → checksum → birthDate, so a typo in the birth
 * date usually shows up as `checksum`; `birthDate` means the number is self-consistent but the date is
 * impossible (31 February), in the future, or before 1900.
 *
 * `today` is the moment of the check; it is turned into a calendar day in Asia/Shanghai, so someone
 * born "today" in China is accepted even while it is still yesterday in UTC.
 */
export function parseResidentId(id: string, today: Date): ResidentIdParseResult {
  if (id.length !== 18) return { ok: false, reason: "length" };
  if (!/^[0-9]{17}[0-9X]$/.test(id)) return { ok: false, reason: "characters" };
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id.charAt(17)) return { ok: false, reason: "checksum" };

  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCalendarDate(birthDate) || birthDate < EARLIEST_BIRTH_DATE || birthDate > shanghaiDate(today)) {
    return { ok: false, reason: "birthDate" };
  }
  return {
    ok: true,
    birthDate,
    gender: Number(id.charAt(16)) % 2 === 1 ? "male" : "female",
    regionCode: id.slice(0, 6),
  };
}

/**
 * Whether someone born on `birthDate` ('YYYY-MM-DD') is a minor (未成年人) on the Asia/Shanghai calendar
 * day that contains the instant `onDate`.
 *
 * Age is counted in 周岁 by the Gregorian calendar, and — following the Supreme People's Court's
 * interpretation on juvenile criminal cases (法释〔2006〕1号 第二条: 周岁 "从周岁生日的第二天起算") — a
 * person is 18 only from the day AFTER the 18th birthday. So on the 18th birthday itself this still
 * returns true; this also errs on the side of protecting the person's identity as a minor.
 * Someone born on 29 February has the 18th birthday on 28 February of a common year, and is an adult
 * from 1 March.
 *
 * @throws RangeError if `birthDate` is not a real 'YYYY-MM-DD' date.
 */
export function isMinor(birthDate: string, onDate: Date): boolean {
  if (!isCalendarDate(birthDate)) throw new RangeError(`Not a calendar date: ${birthDate}`);
  const [year, month, day] = birthDate.split("-").map(Number) as [number, number, number];
  const birthdayYear = year + AGE_OF_MAJORITY;
  const birthdayDay = Math.min(day, daysInMonth(birthdayYear, month));
  const eighteenthBirthday = formatDate(birthdayYear, month, birthdayDay);
  return shanghaiDate(onDate) <= eighteenthBirthday;
}

/** Built once: a formatter costs far more to build than to use, and this one runs on every page. */
const shanghaiDayFormat = new Intl.DateTimeFormat("en-CA", {
  timeZone: CALENDAR_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
});

/** The 'YYYY-MM-DD' calendar day of an instant in Asia/Shanghai. */
export function shanghaiDate(instant: Date): string {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid Date");
  const parts = shanghaiDayFormat.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  return `${part("year")}-${part("month")}-${part("day")}`;
}

function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function formatDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}
