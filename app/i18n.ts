import { validationDefaultVariables } from "./domains/accounts/limits";

/** Languages of the portal. zh-CN is the default; en the second. */
export const supportedLanguages = ["zh-CN", "en"] as const;
export type Language = (typeof supportedLanguages)[number];
export const defaultLanguage: Language = "zh-CN";
export const defaultNamespace = "common";
export const LANGUAGE_COOKIE = "lng";

export function isSupportedLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}

/** Shared i18next options of the server and the browser. */
export const i18nConfig = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: defaultLanguage,
  defaultNS: defaultNamespace,
  ns: [defaultNamespace],
  // zh-CN must stay zh-CN, not be reduced to zh.
  load: "currentOnly" as const,
  // Validation messages name their limits ({{passwordMin}}, …); the values live with the schemas.
  interpolation: { escapeValue: false, defaultVariables: validationDefaultVariables },
  react: { useSuspense: false },
};

/** Locale files, loaded lazily in the browser so each page ships only its own language. */
const localeLoaders = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json");

export async function loadLocale(language: string, namespace: string): Promise<Record<string, unknown>> {
  const loader = localeLoaders[`./locales/${language}/${namespace}.json`];
  if (!loader) throw new Error(`No locale file for ${language}/${namespace}`);
  return (await loader()).default;
}
