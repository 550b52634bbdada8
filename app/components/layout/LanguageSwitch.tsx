import { Form, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n";

/** A plain form post: switching language works without JavaScript and never happens by GET. */
export function LanguageSwitch({ current }: { current: string }) {
  const { t } = useTranslation();
  const location = useLocation();
  return (
    <Form
      method="post"
      action="/set-language"
      className="language-switch"
      aria-label={t("language.switchTo")}
    >
      <input type="hidden" name="redirectTo" value={location.pathname + location.search + location.hash} />
      {supportedLanguages.map((language) => (
        <button
          key={language}
          type="submit"
          name="lng"
          value={language}
          lang={language}
          aria-pressed={language === current}
          className="language-switch__option"
        >
          {t(`language.${language}`)}
        </button>
      ))}
    </Form>
  );
}
