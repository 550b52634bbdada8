import type { MetaFunction } from "@remix-run/node";
import { ErrorPage } from "~/components/ErrorPage";
import type { loader as rootLoader } from "~/root";

// Every unknown URL lands here so the 404 page keeps the site's header, footer and language.
export function loader() {
  throw new Response("Not Found", { status: 404 });
}

export const meta: MetaFunction<typeof loader, { root: typeof rootLoader }> = ({ matches }) => {
  const appName = matches.find((match) => match.id === "root")?.data?.appName;
  return [{ title: appName ? `404 · ${appName}` : "404" }];
};

export default function NotFound() {
  return <ErrorPage status={404} />;
}

export function ErrorBoundary() {
  return <ErrorPage status={404} />;
}
