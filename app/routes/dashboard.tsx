import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { i18nServer } from "~/i18n.server";
import { requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "accounts"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:dashboard:own");
  const t = await i18nServer.getFixedT(request, "accounts");
  // Only what the page shows: no ids beyond the user's own, nothing about anyone else.
  return {
    title: t("dashboard.title"),
    displayName: user.displayName,
    role: user.role,
    organizationName: user.organizationName,
    organizationStatus: user.organizationStatus,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Dashboard() {
  const { t } = useTranslation("accounts");
  const data = useLoaderData<typeof loader>();
  return (
    <section className="container page">
      <h1>{t("dashboard.welcome", { name: data.displayName })}</h1>
      <p>{t("dashboard.role", { role: t(`roles.${data.role}`) })}</p>
      {data.organizationName ? <p>{t("dashboard.organization", { name: data.organizationName })}</p> : null}
      {data.organizationStatus === "pending" ? <Notice>{t("dashboard.pendingOrganization")}</Notice> : null}
      {data.organizationStatus === "suspended" ? (
        <Notice kind="error">{t("dashboard.suspendedOrganization")}</Notice>
      ) : null}
      {data.organizationStatus === "rejected" ? (
        <Notice kind="error">{t("dashboard.rejectedOrganization")}</Notice>
      ) : null}
      <p className="field__hint">{t("dashboard.nextSteps")}</p>
    </section>
  );
}
