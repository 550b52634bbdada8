import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import type { Actor } from "~/domains/accounts/actor";
import { can, scopeOf } from "~/domains/accounts/authorize";
import { findOpenSlots } from "~/domains/legal/availability.server";
import {
  cancelConsultation,
  recordOutcome,
  rescheduleConsultation,
  type BookingFailure,
} from "~/domains/legal/bookings.server";
import { getConsultation, noteForFirm } from "~/domains/legal/consultations.server";
import { adviceCategories, outcomeStatuses, topicCategories } from "~/domains/legal/options";
import { cancelSchema, outcomeSchema, rescheduleSchema } from "~/domains/legal/validation";
import { i18nServer } from "~/i18n.server";
import { formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import type { FormObject } from "~/utils/form-data";
import { authorizeOrRespond, notFound, requirePermission } from "~/utils/permissions.server";
import { clientIp } from "~/utils/session.server";
import * as clock from "~/utils/clock.server";
import { uuidParam } from "~/utils/params.server";

export const handle = { i18n: ["common", "legal", "validation"] };

type Booking = NonNullable<Awaited<ReturnType<typeof getConsultation>>>;

const targetOf = (booking: Booking) => ({
  ownerUserId: booking.lawyerUserId,
  organizationId: booking.lawFirmId,
  officeId: booking.officeId,
  districtId: booking.districtId,
});

/** Who changes the booking: its office's staff or its law firm (null: nobody here). */
function changerOf(actor: Actor, booking: Booking): "staff" | "firm" | null {
  if (can(actor, "book:consultation:office", targetOf(booking))) return "staff";
  if (can(actor, "cancel:consultation:organization", targetOf(booking))) return "firm";
  return null;
}

/** The lawyer of the booking (scope own) or its firm (scope organization) records the outcome. */
function recorderOf(actor: Actor, booking: Booking): "lawyer" | "firm" | null {
  if (!can(actor, "record:consultation-outcome", targetOf(booking))) return null;
  return scopeOf(actor, "record", "consultation-outcome") === "own" ? "lawyer" : "firm";
}

async function loadBooking(request: Request, id: string) {
  const user = await requirePermission(request, "read:consultation");
  const db = await getDb();
  const booking = await getConsultation(db, id);
  if (!booking) notFound();
  authorizeOrRespond(user.actor, "read:consultation", targetOf(booking));
  return { user, db, booking };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, db, booking } = await loadBooking(request, uuidParam(params) ?? "");
  const now = clock.now();
  const changer = changerOf(user.actor, booking);
  const recorder = recorderOf(user.actor, booking);
  const isStaff = can(user.actor, "read:consultation:office", targetOf(booking));
  const live = booking.status === "booked" && booking.startsAt > now;
  const alternatives =
    changer && live
      ? await findOpenSlots(db, { lawyerId: booking.lawyerId, officeId: booking.officeId, now, limit: 12 })
      : [];
  const t = await i18nServer.getFixedT(request, "legal");
  return {
    title: t("detail.title"),
    booking: {
      id: booking.id,
      startsAt: booking.startsAt.toISOString(),
      endsAt: booking.endsAt.toISOString(),
      status: booking.status,
      topic: booking.topic,
      caseCode: booking.caseCode,
      note: isStaff ? booking.note : await noteForFirm(db, booking, now),
      cancelReason: booking.cancelReason,
      adviceCategory: booking.adviceCategory,
      followUpLegalAid: booking.followUpLegalAid,
      lawyerName: booking.lawyerName,
      place: `${booking.servicePointName} · ${booking.officeName}`,
      address: `${booking.servicePointAddress} ${booking.servicePointRoom}`.trim(),
    },
    canChange: Boolean(changer) && live,
    canRecord: Boolean(recorder) && booking.status === "booked" && booking.startsAt <= now,
    alternatives: alternatives
      .filter((slot) => slot.startsAt.getTime() !== booking.startsAt.getTime())
      .map((slot) => ({
        value: `${slot.ruleId}|${slot.startsAt.toISOString()}`,
        startsAt: slot.startsAt.toISOString(),
        servicePointName: slot.servicePointName,
      })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intents = ["cancel", "reschedule", "outcome"] as const;
type Intent = (typeof intents)[number];
const isIntent = (value: unknown): value is Intent => intents.includes(value as Intent);

/** A domain refusal, on the form that was posted (its id is the intent). */
function refusal(values: FormObject, intent: Intent, result: BookingFailure) {
  if (result.reason === "notFound") notFound();
  if (result.reason === "invalid" && result.field) {
    // The reschedule form names the new time `slot` (its rule and start).
    const field = intent === "reschedule" && result.field !== "reason" ? "slot" : result.field;
    return submissionFailure(values, { [field]: result.error }, { form: intent });
  }
  return submissionFailure(values, {}, { status: 409, formError: result.error, form: intent });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, db, booking } = await loadBooking(request, uuidParam(params) ?? "");
  const formData = await readFormData(request);
  const intent = formData.get("intent");
  if (!isIntent(intent)) return submissionFailure(formData, {}, { formError: "legal:errors.unknownIntent" });
  const actor = { ...user.actor, ipAddress: clientIp(request) };
  const done = () =>
    redirectWithFlash(request, `/consultations/${booking.id}`, {
      kind: "success",
      message: `legal:detail.done.${intent}`,
    });

  if (intent === "outcome") {
    const by = recorderOf(user.actor, booking);
    if (!by) throw new Response("Forbidden", { status: 403 });
    const parsed = await validateSubmission(formData, outcomeSchema, intent);
    if (!parsed.success) return parsed.failure;
    const result = await recordOutcome(db, { actor, by, bookingId: booking.id, outcome: parsed.data });
    return result.ok ? done() : refusal(parsed.values, intent, result);
  }

  const by = changerOf(user.actor, booking);
  if (!by) throw new Response("Forbidden", { status: 403 });
  if (intent === "cancel") {
    const parsed = await validateSubmission(formData, cancelSchema, intent);
    if (!parsed.success) return parsed.failure;
    const result = await cancelConsultation(db, {
      actor,
      by,
      bookingId: booking.id,
      reason: parsed.data.cancelReason,
    });
    return result.ok ? done() : refusal(parsed.values, intent, result);
  }
  const parsed = await validateSubmission(formData, rescheduleSchema, intent);
  if (!parsed.success) return parsed.failure;
  const result = await rescheduleConsultation(db, { actor, by, bookingId: booking.id, ...parsed.data });
  return result.ok ? done() : refusal(parsed.values, intent, result);
}

/** The schemas load with zod on the first validation, not with the page. */
const validation = () => import("~/domains/legal/validation");
const loadRescheduleSchema = () => validation().then((module) => module.rescheduleSchema);
const loadCancelSchema = () => validation().then((module) => module.cancelSchema);
const loadOutcomeSchema = () => validation().then((module) => module.outcomeSchema);

export default function ConsultationDetail() {
  const { t, i18n } = useTranslation("legal");
  const data = useLoaderData<typeof loader>();
  const { booking } = data;
  const rescheduleForm = useValidatedForm({ schema: loadRescheduleSchema, id: "reschedule" });
  const cancelForm = useValidatedForm({ schema: loadCancelSchema, id: "cancel" });
  const outcomeForm = useValidatedForm({
    schema: loadOutcomeSchema,
    id: "outcome",
    defaultValues: { topic: booking.topic },
  });
  return (
    <section className="container page page--narrow">
      <h1>{data.title}</h1>
      <dl className="facts">
        <dt>{t("fields.time")}</dt>
        <dd>
          {formatDateTime(booking.startsAt, i18n.language)} – {formatDateTime(booking.endsAt, i18n.language)}{" "}
          {t("beijingTime")}
        </dd>
        <dt>{t("fields.status")}</dt>
        <dd>{t(`status.${booking.status}`)}</dd>
        <dt>{t("fields.caseCode")}</dt>
        <dd>{booking.caseCode ?? t("walkIn")}</dd>
        <dt>{t("fields.topic")}</dt>
        <dd>{t(`topics.${booking.topic}`)}</dd>
        <dt>{t("fields.lawyer")}</dt>
        <dd>{booking.lawyerName}</dd>
        <dt>{t("fields.servicePoint")}</dt>
        <dd>
          {booking.place} · {booking.address}
        </dd>
        {booking.note ? (
          <>
            <dt>{t("fields.note")}</dt>
            <dd>{booking.note}</dd>
          </>
        ) : null}
        {booking.cancelReason ? (
          <>
            <dt>{t("fields.cancelReason")}</dt>
            <dd>{booking.cancelReason}</dd>
          </>
        ) : null}
        {booking.adviceCategory ? (
          <>
            <dt>{t("fields.adviceCategory")}</dt>
            <dd>
              {t(`advice.${booking.adviceCategory}`)}
              {booking.followUpLegalAid ? ` · ${t("detail.followUp")}` : ""}
            </dd>
          </>
        ) : null}
      </dl>

      {data.canChange ? (
        <>
          <h2>{t("detail.reschedule")}</h2>
          {data.alternatives.length === 0 ? (
            <p>{t("staff.noSlots")}</p>
          ) : (
            <div className="panel">
              <ValidatedForm form={rescheduleForm}>
                <input type="hidden" name="intent" value="reschedule" />
                <SelectField
                  name="slot"
                  label={t("detail.newTime")}
                  options={data.alternatives.map((slot) => ({
                    value: slot.value,
                    label: `${formatDateTime(slot.startsAt, i18n.language)} · ${slot.servicePointName}`,
                  }))}
                />
                <TextField name="reason" label={t("fields.reason")} required />
                <SubmitButton>{t("detail.rescheduleSubmit")}</SubmitButton>
              </ValidatedForm>
            </div>
          )}
          <h2>{t("detail.cancel")}</h2>
          <div className="panel">
            <ValidatedForm form={cancelForm}>
              <input type="hidden" name="intent" value="cancel" />
              <TextField name="cancelReason" label={t("fields.reason")} required />
              <SubmitButton className="button button--danger">{t("detail.cancelSubmit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      ) : null}

      {data.canRecord ? (
        <>
          <h2>{t("detail.outcome")}</h2>
          <div className="panel">
            <ValidatedForm form={outcomeForm}>
              <input type="hidden" name="intent" value="outcome" />
              <SelectField
                name="status"
                label={t("fields.outcome")}
                options={outcomeStatuses.map((status) => ({ value: status, label: t(`status.${status}`) }))}
              />
              <SelectField
                name="topic"
                label={t("fields.topic")}
                options={topicCategories.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
              />
              <SelectField
                name="adviceCategory"
                label={t("fields.adviceCategory")}
                placeholder={t("detail.noAdvice")}
                options={adviceCategories.map((category) => ({
                  value: category,
                  label: t(`advice.${category}`),
                }))}
              />
              <CheckboxField name="followUpLegalAid" label={t("detail.followUp")} />
              <p className="field__hint">{t("detail.noNarrative")}</p>
              <SubmitButton>{t("detail.outcomeSubmit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      ) : null}
      <p>
        <Link to="/dashboard">{t("detail.back")}</Link>
      </p>
    </section>
  );
}
