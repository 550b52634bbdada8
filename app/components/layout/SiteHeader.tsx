import { Form, Link, NavLink } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "./LanguageSwitch";
import type { NavItem } from "./navigation";

export function SiteHeader({
  locale,
  user,
  unreadNotifications = 0,
  navigation,
}: {
  locale: string;
  user: { displayName: string } | null;
  unreadNotifications?: number;
  navigation: NavItem[];
}) {
  const { t } = useTranslation();
  const links = navigation.map((item) => (
    <li key={item.to}>
      {/* In-page anchors are not "current pages"; only real routes get the active state. */}
      {item.to.includes("#") ? (
        <Link to={item.to} className="site-nav__link">
          {t(item.labelKey)}
        </Link>
      ) : (
        <NavLink to={item.to} end className="site-nav__link">
          {t(item.labelKey)}
        </NavLink>
      )}
    </li>
  ));
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="site-header__brand">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span className="site-header__name">{t("app.name")}</span>
        </Link>
        <div className="site-header__tools">
          <div className="user-menu">
            {user ? (
              <>
                <Link
                  to="/notifications"
                  className="bell"
                  aria-label={
                    unreadNotifications > 0
                      ? t("bell.labelUnread", { count: unreadNotifications })
                      : t("bell.label")
                  }
                >
                  <svg className="bell__icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">
                    <path
                      fill="currentColor"
                      d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
                    />
                  </svg>
                  {unreadNotifications > 0 ? (
                    <span className="bell__count" aria-hidden="true">
                      {unreadNotifications > 99 ? "99+" : unreadNotifications}
                    </span>
                  ) : null}
                </Link>
                <span>{user.displayName}</span>
                <Form method="post" action="/logout">
                  <button type="submit">{t("accounts:nav.logout")}</button>
                </Form>
              </>
            ) : (
              <>
                <Link to="/login">{t("accounts:nav.login")}</Link>
                <Link to="/register">{t("accounts:nav.register")}</Link>
              </>
            )}
          </div>
          <LanguageSwitch current={locale} />
        </div>
      </div>
      <nav aria-label={t("a11y.mainNavigation")} className="site-nav">
        {/* Phones get a disclosure menu that needs no JavaScript; wide screens show the list. */}
        <details className="site-nav__menu">
          <summary>{t("a11y.openMenu")}</summary>
          <ul>{links}</ul>
        </details>
        <ul className="site-nav__list">{links}</ul>
      </nav>
    </header>
  );
}
