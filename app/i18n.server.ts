import { createCookie, type EntryContext } from "@remix-run/node";
import { createInstance, type i18n as I18n, type TFunction } from "i18next";
import { initReactI18next } from "react-i18next";
import { LanguageDetector } from "remix-i18next/server";
import { perRequest } from "./utils/per-request.server";
import { defaultLanguage, i18nConfig, LANGUAGE_COOKIE, supportedLanguages } from "./i18n";

/** All locale files, bundled into the server build (the server answers in any language). */
const files = import.meta.glob<{ default: Record<string, unknown> }>("./locales/*/*.json", { eager: true });

export const resources: Record<string, Record<string, Record<string, unknown>>> = {};
for (const [file, module] of Object.entries(files)) {
  const match = /\.\/locales\/([^/]+)\/([^/]+)\.json$/.exec(file);
  if (!match) continue;
  const [, language, namespace] = match as unknown as [string, string, string];
  resources[language] ??= {};
  resources[language][namespace] = module.default;
}
const allNamespaces = [
  ...new Set(Object.values(resources).flatMap((byNamespace) => Object.keys(byNamespace))),
];

/** The visitor's language choice, remembered for a year. Not personal data; readable by nobody else. */
export const languageCookie = createCookie(LANGUAGE_COOKIE, {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
});

/**
 * One i18next instance per language, created and initialized once per process with every namespace
 * (the resources are bundled, nothing is loaded later). Their language never changes, so concurrent
 * requests share them safely; fixed-T functions are cached too. (remix-i18next's `getFixedT` created
 * and initialized a new instance at every call: ~14 % of a page's CPU and much of its garbage.)
 */
const instances = new Map<string, I18n>();
for (const language of supportedLanguages) {
  const instance = createInstance();
  // Synchronous with inline resources (initImmediate: false): ready before the first request.
  void instance.use(initReactI18next).init({
    ...i18nConfig,
    lng: language,
    ns: allNamespaces,
    resources,
    initImmediate: false,
  });
  memoizeResolveHierarchy(instance);
  memoizeTranslate(instance);
  instances.set(language, instance);
}

/**
 * i18next works out the language fallback chain ("zh-CN" → ["zh-CN"]) again at every `t()` call,
 * with string formatting and regular expressions: ~2 % of a page's CPU. Our instances never change
 * their languages, so each chain is computed once.
 */
function memoizeResolveHierarchy(instance: I18n) {
  const utils = instance.services.languageUtils as {
    toResolveHierarchy(code: unknown, fallbackCode?: unknown): string[];
  };
  const original = utils.toResolveHierarchy.bind(utils);
  const chains = new Map<string, string[]>();
  utils.toResolveHierarchy = (code, fallbackCode) => {
    if (typeof code !== "string" || (fallbackCode !== undefined && typeof fallbackCode !== "string")) {
      return original(code, fallbackCode);
    }
    const key = `${code}\u0000${fallbackCode ?? ""}`;
    let chain = chains.get(key);
    if (!chain) {
      chain = original(code, fallbackCode);
      chains.set(key, chain);
    }
    return chain.slice();
  };
}

/** Options whose value lists namespaces or languages (arrays of strings, part of the key). */
const listOptions = new Set(["lngs", "ns"]);

/**
 * The cache key of a `translate` call whose result depends on nothing but its key and options, or
 * null. Every option with a string, number or boolean value (a value to interpolate, a count, a
 * context, a default) is part of the key with its type, and so is null; an option holding anything else (an object,
 * a date, a function) makes the call uncacheable.
 */
export function translateCallKey(keys: unknown, options: unknown): { key: string; valued: boolean } | null {
  if (typeof keys !== "string" || options === null || typeof options !== "object") return null;
  let key = keys;
  let valued = false;
  for (const name in options) {
    const value = (options as Record<string, unknown>)[name];
    if (value === undefined) continue;
    // react-i18next's t() passes `lngs: null` with every call.
    if (value === null) {
      key += `\u0000${name}=z`;
      continue;
    }
    switch (typeof value) {
      case "string":
        key += `\u0000${name}=s${value}`;
        break;
      case "number":
        key += `\u0000${name}=n${value}`;
        break;
      case "boolean":
        key += `\u0000${name}=b${value}`;
        break;
      default:
        if (
          listOptions.has(name) &&
          Array.isArray(value) &&
          value.every((item) => typeof item === "string")
        ) {
          key += `\u0000${name}=a${value.join(",")}`;
          break;
        }
        return null;
    }
    if (name !== "lng" && name !== "ns" && name !== "keyPrefix") valued = true;
  }
  return { key, valued };
}

/** How many results with values (counts, names, numbers) are kept before the cache starts over. */
const VALUED_RESULTS = 10_000;

/**
 * Our resources never change after start-up, so a `t()` call's string depends only on its key and
 * options; i18next resolved the key, looked it up in each namespace and ran interpolation and
 * nesting over it at each call (~6 % of a page's CPU for calls without values, as much again for
 * calls with them in the bench's profiles). Results are kept: without values for good (the keys of
 * the locale files bound them), with values in a second map that starts over when it is full, so a
 * stream of distinct names or numbers cannot grow it without end. A call with an object or a date
 * among its options goes through i18next as before.
 */
function memoizeTranslate(instance: I18n) {
  const translator = (instance as unknown as { translator: { translate: (...args: unknown[]) => unknown } })
    .translator;
  const translate = translator.translate.bind(translator);
  const plain = new Map<string, string>();
  let valued = new Map<string, string>();
  translator.translate = (keys: unknown, options: unknown, lastKey: unknown) => {
    const call = lastKey === undefined ? translateCallKey(keys, options) : null;
    if (call === null) return translate(keys, options, lastKey);
    const cache = call.valued ? valued : plain;
    const known = cache.get(call.key);
    if (known !== undefined) return known;
    const result = translate(keys, options, lastKey);
    if (typeof result === "string") {
      if (!call.valued) {
        if (plain.size < 20_000) plain.set(call.key, result);
      } else {
        if (valued.size >= VALUED_RESULTS) valued = new Map();
        valued.set(call.key, result);
      }
    }
    return result;
  };
}

const fixedTs = new Map<string, TFunction>();

const detector = new LanguageDetector({
  supportedLanguages: [...supportedLanguages],
  fallbackLanguage: defaultLanguage,
  cookie: languageCookie,
  // A ?lng= parameter must not switch languages silently; the switch is an explicit POST.
  order: ["cookie", "header"],
});

function instanceFor(language: string): I18n {
  return instances.get(language) ?? instances.get(defaultLanguage)!;
}

/** The server side of the portal's i18n (the API of remix-i18next's `RemixI18Next`, without its costs). */
export const i18nServer = {
  /** The visitor's language: the language cookie, then Accept-Language, then zh-CN. */
  getLocale(request: Request): Promise<string> {
    return perRequest(request, "locale", () =>
      detector.detect(request).then((found) => found ?? defaultLanguage),
    );
  },

  /** A translation function fixed to one language and namespace(s); the same function every time. */
  async getFixedT(
    requestOrLocale: Request | string,
    namespaces?: string | readonly string[],
    options: { keyPrefix?: string } = {},
  ): Promise<TFunction> {
    const requested =
      typeof requestOrLocale === "string" ? requestOrLocale : await this.getLocale(requestOrLocale);
    const instance = instanceFor(requested);
    const language = instance.language;
    const ns =
      namespaces === undefined ? undefined : typeof namespaces === "string" ? namespaces : [...namespaces];
    const key = `${language}\u0000${Array.isArray(ns) ? ns.join(",") : (ns ?? "")}\u0000${options.keyPrefix ?? ""}`;
    let t = fixedTs.get(key);
    if (!t) {
      t = instance.getFixedT(language, ns, options.keyPrefix) as TFunction;
      fixedTs.set(key, t);
    }
    return t;
  },

  /** The namespaces the rendered routes declare in `handle.i18n` (all are loaded anyway). */
  getRouteNamespaces(context: EntryContext): string[] {
    const namespaces = Object.values(context.routeModules).flatMap((route) => {
      const i18n: unknown = (route?.handle as { i18n?: unknown } | undefined)?.i18n;
      if (typeof i18n === "string") return [i18n];
      if (Array.isArray(i18n)) return i18n.filter((value): value is string => typeof value === "string");
      return [];
    });
    return [...new Set(namespaces)];
  },

  /** The shared, initialized instance of a language, for the renderer's I18nextProvider. */
  instance(language: string): I18n {
    return instanceFor(language);
  },
};
