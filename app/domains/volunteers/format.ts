/**
 * Minutes as hours with one decimal (150 → "2.5"), in the reader's number format; a record of a few
 * minutes gets two decimals (1 → "0.02") so it never reads as zero. Client-safe.
 */
export function hoursOf(minutes: number, language: string): string {
  const digits = minutes > 0 && minutes < 6 ? 2 : 1;
  return new Intl.NumberFormat(language, {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(Math.round((minutes / 60) * 10 ** digits) / 10 ** digits);
}
