/** Minutes as hours with one decimal (150 → "2.5"), in the reader's number format. Client-safe. */
export function hoursOf(minutes: number, language: string): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    Math.round(minutes / 6) / 10,
  );
}
