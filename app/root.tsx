import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useChangeLanguage } from "remix-i18next/react";
import { ErrorPage } from "./components/ErrorPage";
import { FlashMessage } from "./components/form/FlashMessage";
import { anonymousNavigation, signedInNavigation } from "./components/layout/navigation";
import { SiteFooter } from "./components/layout/SiteFooter";
import { SiteHeader } from "./components/layout/SiteHeader";
import { defaultLanguage } from "./i18n";
import { i18nServer } from "./i18n.server";
import { isDevMailboxEnabled } from "./domains/notifications/mailbox.server";
import { getEnv } from "./utils/env.server";
import { readFlash } from "./utils/flash.server";
import { actorOfUser } from "./utils/permissions.server";
import { getCurrentSession } from "./utils/session.server";
import { useNonce } from "./utils/nonce";
import stylesheet from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
  { rel: "stylesheet", href: stylesheet },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = await i18nServer.getLocale(request);
  const t = await i18nServer.getFixedT(locale);
  const current = await getCurrentSession(request);
  const user = current?.session.twoFactorVerified ? current.user : null;
  // A message left by the previous request's redirect (redirectWithFlash): shown once, then cleared.
  const { flash, headers } = readFlash(request);
  return data(
    {
      locale,
      flash,
      appName: t("app.name"),
      // Only the name the header shows; nothing else about the user goes to every page.
      user: user ? { displayName: user.displayName } : null,
      // The bell: counted on the partial index of unread rows in the session's own statement.
      unreadNotifications: user ? current!.unreadNotifications : 0,
      devMailbox: isDevMailboxEnabled(getEnv()),
      navigation: user ? signedInNavigation(await actorOfUser(user)) : anonymousNavigation(),
    },
    { headers },
  );
}

export const handle = { i18n: ["common", "accounts"] };

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const locale = data?.locale ?? defaultLanguage;
  const nonce = useNonce();
  const { t } = useTranslation();
  return (
    <html lang={locale}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f4c81" />
        <Meta />
        <Links />
      </head>
      <body>
        <a href="#main" className="skip-link">
          {t("a11y.skipToContent")}
        </a>
        <SiteHeader
          locale={locale}
          user={data?.user ?? null}
          unreadNotifications={data?.unreadNotifications ?? 0}
          navigation={data?.navigation ?? anonymousNavigation()}
        />
        <main id="main" tabIndex={-1}>
          <FlashMessage flash={data?.flash ?? null} />
          {children}
        </main>
        <SiteFooter devMailbox={data?.devMailbox ?? false} />
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale } = useLoaderData<typeof loader>();
  useChangeLanguage(locale);
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  if (!isRouteErrorResponse(error)) console.error(error);
  return <ErrorPage status={status} />;
}
