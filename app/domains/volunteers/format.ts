import { numberFormat } from "~/utils/intl";

/**
 * Minutes as hours with one decimal (150 → "2.5"), in the reader's number format; a record of a few
 * minutes gets two decimals (1 → "0.02") so it never reads as zero. Client-safe.
 */
export function hoursOf(minutes: number, language: string): string {
  const digits = minutes > 0 && minutes < 6 ? 2 : 1;
  return numberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Math.round((minutes / 60) * 10 ** digits) / 10 ** digits);
}

/**
 * Rounds each share to `decimals` of an hour so that the rounded shares add up exactly to the rounded
 * total (largest-remainder method): a table of rows never disagrees with its own total line. Pure.
 */
export function apportionHours(
  minutes: readonly number[],
  decimals: number,
): { rows: number[]; total: number } {
  const perUnit = 60 / 10 ** decimals;
  const exact = minutes.map((value) => value / perUnit);
  const totalUnits = Math.round(exact.reduce((sum, value) => sum + value, 0));
  const units = exact.map(Math.floor);
  let remaining = totalUnits - units.reduce((sum, value) => sum + value, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (remaining <= 0) break;
    units[index]! += 1;
    remaining -= 1;
  }
  const scale = 10 ** decimals;
  return { rows: units.map((value) => value / scale), total: totalUnits / scale };
}

/** An hour figure with exactly `decimals` digits, in the reader's number format. */
export function formatHours(hours: number, language: string, decimals: number): string {
  return numberFormat(language, {
    minimumFractionDigits: decimals,
    maximumFractionDigits: decimals,
  }).format(hours);
}
