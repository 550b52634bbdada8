import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { getOffice, updateOffice } from "~/domains/accounts/offices.server";
import { ADDRESS_MAX_LENGTH, CONTACT_NAME_MAX_LENGTH } from "~/domains/accounts/limits";
import { officeDetailsSchema } from "~/domains/accounts/validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requireActor } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "accounts", "validation"] };

/** The office named by the URL, within the admin's reach (another district's office is a 404). */
async function officeOf(request: Request, id: string | undefined) {
  const user = await requireActor(request);
  const scope = authorizeOrRespond(user.actor, "update:office");
  const parsed = z.uuid().safeParse(id);
  if (!parsed.success) notFound();
  const office = await getOffice(await getDb(), parsed.data, scope, user.actor);
  if (!office) notFound();
  return { user, scope, office };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { office } = await officeOf(request, params.id);
  const t = await i18nServer.getFixedT(request, "accounts");
  return { title: t("offices.editTitle", { name: office.name }), office };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, scope, office } = await officeOf(request, params.id);
  const parsed = await parseSubmission(request, officeDetailsSchema);
  if (!parsed.success) return parsed.failure;
  const result = await updateOffice(
    await getDb(),
    { ...user.actor, ipAddress: clientIp(request) },
    scope,
    office.id,
    parsed.data,
  );
  if (!result.ok) notFound();
  return redirectWithFlash(request, "/admin/offices", {
    kind: result.changed.length > 0 ? "success" : "info",
    message: result.changed.length > 0 ? "accounts:offices.saved" : "accounts:offices.unchanged",
  });
}

const loadOfficeSchema = () =>
  import("~/domains/accounts/validation").then((module) => module.officeDetailsSchema);

export default function EditOffice() {
  const { t } = useTranslation("accounts");
  const { title, office } = useLoaderData<typeof loader>();
  const form = useValidatedForm({
    schema: loadOfficeSchema,
    defaultValues: {
      personInCharge: office.personInCharge ?? "",
      contactName: office.contactName ?? "",
      contactPhone: office.contactPhone ?? "",
      address: office.address ?? "",
    },
  });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/admin/offices">{t("offices.back")}</Link>
      </p>
      <h1>{title}</h1>
      <div className="panel">
        <ValidatedForm form={form}>
          <TextField
            name="personInCharge"
            label={t("offices.personInCharge")}
            hint={t("offices.personInChargeHint")}
            required
            maxLength={CONTACT_NAME_MAX_LENGTH}
            autoComplete="off"
          />
          <TextField
            name="contactName"
            label={t("offices.contactName")}
            maxLength={CONTACT_NAME_MAX_LENGTH}
            autoComplete="off"
          />
          <TextField name="contactPhone" type="tel" label={t("offices.contactPhone")} autoComplete="off" />
          <TextField
            name="address"
            label={t("offices.address")}
            maxLength={ADDRESS_MAX_LENGTH}
            autoComplete="off"
          />
          <SubmitButton>{t("offices.save")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
