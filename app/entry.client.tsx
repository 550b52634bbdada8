import { RemixBrowser } from "@remix-run/react";
import i18next, { type BackendModule } from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { getInitialNamespaces } from "remix-i18next/client";
import { defaultLanguage, i18nConfig, isSupportedLanguage, loadLocale } from "./i18n";

/** Loads locale files as lazy chunks: a page downloads only the language it shows. */
const lazyLocales: BackendModule = {
  type: "backend",
  init() {},
  read(language, namespace, callback) {
    loadLocale(language, namespace).then(
      (data) => callback(null, data),
      (error: Error) => callback(error, false),
    );
  },
};

async function hydrate() {
  const htmlLang = document.documentElement.lang;
  await i18next
    .use(initReactI18next)
    .use(lazyLocales)
    .init({
      ...i18nConfig,
      lng: isSupportedLanguage(htmlLang) ? htmlLang : defaultLanguage,
      ns: getInitialNamespaces(),
    });

  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18next}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
}

void hydrate();
