import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/forms";
import { invitableOrganizations, inviteStaff } from "~/domains/accounts/invitations.server";
import { invitableStaffRoles } from "~/domains/accounts/limits";
import { staffInvitationSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { linkContext } from "~/utils/request.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

async function requireInviter(request: Request) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "invite:staff");
  return { user, districtId: scope === "any" ? null : user.districtId };
}

export async function loader({ request }: LoaderFunctionArgs) {
  const { districtId } = await requireInviter(request);
  const t = await i18nServer.getFixedT(request, "accounts");
  const organizations = await invitableOrganizations(await getDb(), districtId);
  return {
    title: t("staff.title"),
    organizations: organizations.map(({ id, name, kind }) => ({ id, name, kind })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const { user, districtId } = await requireInviter(request);
  const parsed = await parseForm(request, staffInvitationSchema);
  if (!parsed.success) return parsed.failure;
  const language = parsed.formData.get("language") === "en" ? "en" : "zh-CN";
  const t = await i18nServer.getFixedT(language, "accounts");
  const result = await inviteStaff(
    await getDb(),
    { id: user.id, displayName: user.displayName, districtId, ipAddress: clientIp(request) },
    { ...parsed.data, language, roleLabel: t(`roles.${parsed.data.role}`) },
    linkContext(request),
  );
  if (!result.ok) return formFailure(parsed.formData, { [result.field]: result.error }, 400);
  return { invited: parsed.data.email };
}

export default function AdminStaff() {
  const { t } = useTranslation("accounts");
  const { t: tc } = useTranslation("common");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const state = result && "errors" in result ? result : undefined;
  const organizationError = state?.errors.organizationId;
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("staff.lead")}</p>
      {result && "invited" in result ? (
        <Notice kind="success">{t("staff.invited", { email: result.invited })}</Notice>
      ) : null}
      <div className="panel">
        <FormError state={state} />
        <Form method="post" className="form" noValidate>
          <TextField
            name="displayName"
            required
            maxLength={50}
            label={t("fields.displayName")}
            state={state}
          />
          <TextField name="email" type="email" required label={t("fields.email")} state={state} />
          <div className="field">
            <label htmlFor="field-role">{t("staff.role")}</label>
            <select id="field-role" name="role" defaultValue={state?.values.role ?? "office_staff"}>
              {invitableStaffRoles.map((role) => (
                <option key={role} value={role}>
                  {t(`roles.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={`field${organizationError ? " field--invalid" : ""}`}>
            <label htmlFor="field-organizationId">{t("staff.organization")}</label>
            <select
              id="field-organizationId"
              name="organizationId"
              defaultValue={state?.values.organizationId ?? ""}
              aria-invalid={organizationError ? true : undefined}
              aria-describedby={organizationError ? "field-organizationId-error" : undefined}
            >
              <option value="">{t("staff.chooseOrganization")}</option>
              {data.organizations.map((organization) => (
                <option key={organization.id} value={organization.id}>
                  {organization.name}
                </option>
              ))}
            </select>
            {organizationError ? (
              <p className="field__error" id="field-organizationId-error" role="alert">
                {t(organizationError)}
              </p>
            ) : null}
          </div>
          <div className="field">
            <label htmlFor="field-language">{t("fields.language")}</label>
            <select id="field-language" name="language" defaultValue={state?.values.language ?? "zh-CN"}>
              <option value="zh-CN">{tc("language.zh-CN")}</option>
              <option value="en">{tc("language.en")}</option>
            </select>
          </div>
          <button type="submit" className="button button--primary">
            {t("staff.invite")}
          </button>
        </Form>
      </div>
    </section>
  );
}
