import { createInstance } from "i18next";
import en from "../app/locales/en/notifications.json";
import zhCN from "../app/locales/zh-CN/notifications.json";

/** Languages an email can be written in: the portal's languages. */
export const emailLanguages = ["zh-CN", "en"] as const;
export type EmailLanguage = (typeof emailLanguages)[number];

export type Translate = (key: string, options?: Record<string, unknown>) => string;

// Emails are rendered by the dispatcher, which also runs outside the Vite bundle (scripts/dispatch.ts),
// so the locale files are imported directly rather than through app/i18n.server.ts's import.meta.glob.
const instance = createInstance();
void instance.init({
  resources: { "zh-CN": { notifications: zhCN }, en: { notifications: en } },
  lng: "zh-CN",
  fallbackLng: "zh-CN",
  ns: ["notifications"],
  defaultNS: "notifications",
  load: "currentOnly",
  interpolation: { escapeValue: false },
  initImmediate: false,
});

/**
 * The notifications namespace in one language; throws on a missing key rather than mailing a key name,
 * unless the caller gave a `defaultValue` (the label of a kind this version does not know).
 */
export function emailTranslator(language: EmailLanguage): Translate {
  const t = instance.getFixedT(language, "notifications");
  return (key, options) => {
    const hasDefault = typeof options?.defaultValue === "string";
    if (!hasDefault && !instance.exists(key, { lng: language, ns: "notifications" })) {
      throw new Error(`Missing email translation ${language}:notifications:${key}`);
    }
    return String(t(key, options));
  };
}

/** Formats an instant for a reader in China, whatever the server's time zone. */
export function formatShanghaiTime(iso: string, language: EmailLanguage): string {
  return new Intl.DateTimeFormat(language, {
    timeZone: "Asia/Shanghai",
    dateStyle: "medium",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** Links in template data may be paths of the portal; mail clients need absolute URLs. */
export function absoluteUrl(appUrl: string, link: string): string {
  return new URL(link, appUrl.endsWith("/") ? appUrl : `${appUrl}/`).toString();
}
