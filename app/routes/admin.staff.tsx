import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { invitableOrganizations, inviteStaff } from "~/domains/accounts/invitations.server";
import { invitableStaffRoles } from "~/domains/accounts/limits";
import { staffInvitationSchema } from "~/domains/accounts/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { authorizeOrRespond, requireActor } from "~/utils/permissions.server";
import { linkContext } from "~/utils/request.server";
import { clientIp } from "~/utils/session.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

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
    submissionKey: newSubmissionKey(),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const { user, districtId } = await requireInviter(request);
  const parsed = await parseSubmission(request, staffInvitationSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  const language = parsed.formData.get("language") === "en" ? "en" : "zh-CN";
  const t = await i18nServer.getFixedT(language, "accounts");
  // One invitation per rendered form, however often it is sent (double click, retry, replay).
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "staff-invitation" },
    (db) =>
      inviteStaff(
        db,
        { id: user.id, displayName: user.displayName, districtId, ipAddress: clientIp(request) },
        { ...parsed.data, language, roleLabel: t(`roles.${parsed.data.role}`) },
        linkContext(request),
      ),
    (result) => (result.ok ? result.userId : null),
  );
  if (!once.replayed && !once.result.ok)
    return submissionFailure(parsed.values, { [once.result.field]: once.result.error });
  return redirectWithFlash(request, "/admin/staff", {
    kind: "success",
    message: "accounts:staff.invited",
    values: { email: parsed.data.email },
  });
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadStaffInvitationSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.staffInvitationSchema);

export default function AdminStaff() {
  const { t } = useTranslation("accounts");
  const { t: tc } = useTranslation("common");
  const data = useLoaderData<typeof loader>();
  const form = useValidatedForm({
    schema: loadStaffInvitationSchema,
    defaultValues: { role: "office_staff", language: "zh-CN" },
  });
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <p>{t("staff.lead")}</p>
      <div className="panel">
        <ValidatedForm form={form}>
          <SubmissionKey value={data.submissionKey} />
          <TextField name="displayName" required maxLength={50} label={t("fields.displayName")} />
          <TextField name="email" type="email" required label={t("fields.email")} />
          <SelectField
            name="role"
            label={t("staff.role")}
            options={invitableStaffRoles.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
          />
          <SelectField
            name="organizationId"
            label={t("staff.organization")}
            placeholder={t("staff.chooseOrganization")}
            options={data.organizations.map((organization) => ({
              value: organization.id,
              label: organization.name,
            }))}
          />
          <SelectField
            name="language"
            label={t("fields.language")}
            options={[
              { value: "zh-CN", label: tc("language.zh-CN") },
              { value: "en", label: tc("language.en") },
            ]}
          />
          <SubmitButton>{t("staff.invite")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
