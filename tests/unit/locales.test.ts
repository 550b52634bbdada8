import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultLanguage, supportedLanguages } from "~/i18n";

const localesDir = path.resolve(import.meta.dirname, "../../app/locales");

function flatten(value: unknown, prefix = ""): Record<string, unknown> {
  if (value === null || typeof value !== "object") return { [prefix]: value };
  return Object.assign(
    {},
    ...Object.entries(value as Record<string, unknown>).map(([key, child]) =>
      flatten(child, prefix ? `${prefix}.${key}` : key),
    ),
  );
}

/**
 * Plural forms (`key_one`, `key_other`, … — i18next's suffixes) count as their base key: English
 * needs `_one` and `_other` where Chinese has one form (the base key or `_other`).
 */
const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

function load(language: string, namespace: string) {
  const messages = flatten(JSON.parse(readFileSync(path.join(localesDir, language, namespace), "utf8")));
  const grouped: Record<string, unknown> = {};
  for (const [key, message] of Object.entries(messages)) {
    const base = key.replace(PLURAL_SUFFIX, "");
    // Every plural form must use {{count}} like the others; keep the first (or the base key) to compare.
    if (!(base in grouped) || base === key) grouped[base] = message;
    if (base !== key && typeof message === "string")
      expect(message.includes("{{count}}"), `${language} ${key} is a plural form without {{count}}`).toBe(
        true,
      );
  }
  return grouped;
}

const namespaces = readdirSync(path.join(localesDir, defaultLanguage));

describe("locale files", () => {
  it("exist for every supported language", () => {
    expect(readdirSync(localesDir).sort()).toEqual([...supportedLanguages].sort());
  });

  for (const namespace of namespaces) {
    it(`${namespace}: every language has exactly the keys of ${defaultLanguage}, none empty`, () => {
      const reference = load(defaultLanguage, namespace);
      for (const language of supportedLanguages) {
        const messages = load(language, namespace);
        expect(Object.keys(messages).sort(), language).toEqual(Object.keys(reference).sort());
        for (const [key, message] of Object.entries(messages)) {
          expect(typeof message === "string" && message.trim().length > 0, `${language} ${key}`).toBe(true);
        }
      }
    });

    it(`${namespace}: interpolations match between languages`, () => {
      const reference = load(defaultLanguage, namespace);
      const variables = (text: unknown) =>
        [...String(text).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      for (const language of supportedLanguages) {
        const messages = load(language, namespace);
        for (const key of Object.keys(reference)) {
          expect(variables(messages[key]), `${language} ${key}`).toEqual(variables(reference[key]));
        }
      }
    });
  }
});
