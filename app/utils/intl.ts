/**
 * Cached Intl formatters, client-safe. Building an `Intl.DateTimeFormat` or `NumberFormat` costs far
 * more than formatting with one (locale negotiation, pattern compilation), and pages format many
 * values: each distinct (language, options) pair is built once per process or browser tab.
 */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const numberFormats = new Map<string, Intl.NumberFormat>();
const listFormats = new Map<string, Intl.ListFormat>();

function cached<F, O>(cache: Map<string, F>, language: string, options: O, make: () => F): F {
  const key = `${language}\u0000${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = make();
    cache.set(key, format);
  }
  return format;
}

export function dateTimeFormat(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached(dateTimeFormats, language, options, () => new Intl.DateTimeFormat(language, options));
}

export function numberFormat(language: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached(numberFormats, language, options, () => new Intl.NumberFormat(language, options));
}

export function listFormat(language: string, options: Intl.ListFormatOptions): Intl.ListFormat {
  return cached(listFormats, language, options, () => new Intl.ListFormat(language, options));
}
