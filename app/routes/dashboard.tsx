import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Notice } from "~/components/forms";
import { volunteerProfileStatus } from "~/domains/volunteers/registration.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { requirePermission } from "~/utils/permissions.server";

export const handle = { i18n: ["common", "accounts", "volunteers"] };

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
    // A volunteer's next step until the registration is approved (the full dashboard comes later).
    volunteerStatus: user.permissions.includes("register:volunteer-profile:own")
      ? ((await volunteerProfileStatus(await getDb(), user.id)) ?? ("none" as const))
      : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export default function Dashboard() {
  const { t } = useTranslation("accounts");
  const { t: tv } = useTranslation("volunteers");
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
      {data.volunteerStatus === "none" ? (
        <div className="panel">
          <p>{tv("dashboard.noProfile")}</p>
          <Link to="/volunteer/profile" className="button button--primary">
            {tv("dashboard.callToAction")}
          </Link>
        </div>
      ) : null}
      {data.volunteerStatus === "pending" || data.volunteerStatus === "rejected" ? (
        <Notice kind={data.volunteerStatus === "rejected" ? "error" : "info"}>
          {tv(`dashboard.${data.volunteerStatus}`)}{" "}
          <Link to="/volunteer/profile">{tv("dashboard.view")}</Link>
        </Notice>
      ) : null}
      <p className="field__hint">{t("dashboard.nextSteps")}</p>
    </section>
  );
}
