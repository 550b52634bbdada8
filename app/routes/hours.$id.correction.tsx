import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { SubmissionKey } from "~/components/SubmissionKey";
import { createOnce } from "~/domains/submissions.server";
import { DurationField } from "~/components/form/DurationField";
import { TextareaField } from "~/components/form/fields";
import { hoursOf } from "~/domains/volunteers/format";
import {
  correctionScopeTarget,
  getRecordForCorrection,
  requestCorrection,
} from "~/domains/volunteers/hour-corrections.server";
import { DESCRIPTION_MAX, REASON_MAX, splitMinutes } from "~/domains/volunteers/hours-limits";
import { correctionRequestSchema } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { authorizeOrRespond, notFound, requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { uuidParam } from "~/utils/params.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "hours", "validation"] };

/**
 * A volunteer (own record) or the activity's organizing organization asks to change an approved
 * record. The record is locked; staff decide the request at /staff/hours/corrections.
 */
async function authorize(request: Request, id: string | undefined) {
  // An organization holds this grant only while verified (a pending or suspended one may not ask).
  const user = await requirePermission(request, "request:hour-correction");
  const db = await getDb();
  const record = await getRecordForCorrection(db, id ?? "");
  if (!record) notFound();
  authorizeOrRespond(user.actor, "request:hour-correction", correctionScopeTarget(record));
  return { user, record, db };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, record } = await authorize(request, uuidParam(params));
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("correction.title"),
    submissionKey: newSubmissionKey(),
    isVolunteer: user.id === record.volunteerId,
    record: {
      id: record.id,
      serviceDate: record.serviceDate,
      title: record.activityTitle ?? record.description,
      description: record.description,
      minutes: record.minutes,
      status: record.status,
      correctionPending: record.correctionPending,
    },
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, record, db } = await authorize(request, uuidParam(params));
  const parsed = await parseSubmission(request, correctionRequestSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One request per rendered form: a double click or a replay answers the success again instead of
  // "a correction is already pending".
  const once = await createOnce(
    db,
    { userId: user.id, key, entity: "hour-correction" },
    (tx) =>
      requestCorrection(tx, {
        requesterId: user.id,
        recordId: record.id,
        request: parsed.data,
        ipAddress: clientIp(request),
      }),
    (created) => (created.ok ? created.correctionId : null),
  );
  const result = once.replayed ? ({ ok: true } as const) : once.result;
  if (!result.ok) {
    return result.field === "form"
      ? submissionFailure(parsed.values, {}, { formError: result.error })
      : submissionFailure(parsed.values, { [result.field]: result.error });
  }
  return user.id === record.volunteerId
    ? redirectWithFlash(request, "/hours", { kind: "success", message: "hours:correction.done" })
    : redirectWithFlash(request, `/hours/${record.id}/correction`, {
        kind: "success",
        message: "hours:correction.done",
      });
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadCorrectionRequestSchema = () =>
  import("~/domains/volunteers/hours-validation").then((module) => module.correctionRequestSchema);

export default function RequestCorrection() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const form = useValidatedForm({ schema: loadCorrectionRequestSchema });
  const { record } = loaded;
  const open = record.status === "approved" && !record.correctionPending;
  return (
    <section className="container page page--narrow">
      {loaded.isVolunteer ? (
        <p>
          <Link to="/hours">{t("history.back")}</Link>
        </p>
      ) : null}
      <h1>{loaded.title}</h1>
      <p>{t("correction.lead")}</p>
      <dl className="facts">
        <dt>{t("fields.serviceDate")}</dt>
        <dd>{record.serviceDate}</dd>
        <dt>{t("fields.activity")}</dt>
        <dd>{record.title}</dd>
        <dt>{t("fields.hours")}</dt>
        <dd>{record.minutes === null ? "—" : hoursOf(record.minutes, i18n.language)}</dd>
        <dt>{t("fields.status")}</dt>
        <dd>{t(`statuses.${record.status}`)}</dd>
      </dl>
      {record.correctionPending ? (
        <Notice>{t("history.correctionPending")}</Notice>
      ) : record.status !== "approved" ? (
        <Notice>{t("correction.onlyApproved")}</Notice>
      ) : null}
      {open ? (
        <div className="panel">
          <ValidatedForm form={form}>
            <SubmissionKey value={loaded.submissionKey} />
            <DurationField
              legend={t("correction.proposedDuration")}
              hoursLabel={t("fields.hoursPart")}
              minutesLabel={t("fields.minutesPart")}
              defaults={record.minutes === null ? undefined : splitMinutes(record.minutes)}
            />
            <TextareaField
              name="description"
              label={t("correction.proposedDescription")}
              maxLength={DESCRIPTION_MAX}
              defaultValue={record.description}
              required
            />
            <TextareaField
              name="reason"
              label={t("correction.reason")}
              hint={t("correction.reasonHint")}
              maxLength={REASON_MAX}
              required
            />
            <SubmitButton>{t("correction.submit")}</SubmitButton>
          </ValidatedForm>
        </div>
      ) : null}
    </section>
  );
}
