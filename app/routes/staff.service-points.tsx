import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { createServicePoint, listServicePoints } from "~/domains/legal/lawyers.server";
import { servicePointSchema } from "~/domains/legal/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";
import { requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";

export const handle = { i18n: ["common", "legal", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "manage:service-point:office");
  const points = await listServicePoints(await getDb(), { officeId: user.actor.organizationId! });
  const t = await i18nServer.getFixedT(request, "legal");
  return { title: t("points.title"), points, submissionKey: newSubmissionKey() };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "manage:service-point:office");
  const parsed = await parseSubmission(request, servicePointSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One service point per rendered form, however often it is sent.
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "service-point" },
    (db) =>
      createServicePoint(db, { actor: { ...user.actor, ipAddress: clientIp(request) }, point: parsed.data }),
    (created) => (created.ok ? created.id : null),
  );
  if (!once.replayed && !once.result.ok) throw new Response("Forbidden", { status: 403 });
  return redirectWithFlash(request, "/staff/service-points", {
    kind: "success",
    message: "legal:points.created",
  });
}

const loadPointSchema = () =>
  import("~/domains/legal/validation").then((module) => module.servicePointSchema);

export default function ServicePoints() {
  const { t } = useTranslation("legal");
  const { title, points, submissionKey } = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadPointSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/consultations">{t("book.back")}</Link>
      </p>
      <h1>{title}</h1>
      <ul className="list">
        {points.map((point) => (
          <li key={point.id}>
            <strong>{point.name}</strong> · {point.address} {point.room}
            {point.directions ? ` · ${point.directions}` : ""}
          </li>
        ))}
      </ul>
      <h2>{t("points.add")}</h2>
      <div className="panel">
        <ValidatedForm form={form}>
          <SubmissionKey value={submissionKey} />
          <TextField name="name" label={t("fields.name")} required />
          <TextField name="address" label={t("fields.address")} required />
          <TextField name="room" label={t("fields.room")} />
          <TextField name="directions" label={t("fields.directions")} />
          <SubmitButton>{t("points.submit")}</SubmitButton>
        </ValidatedForm>
      </div>
    </section>
  );
}
