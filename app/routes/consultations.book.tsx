import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, SelectField, TextareaField, TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { SubmissionKey } from "~/components/SubmissionKey";
import { findOpenSlots } from "~/domains/legal/availability.server";
import { bookConsultation } from "~/domains/legal/bookings.server";
import { shanghaiDay } from "~/domains/legal/beijing-time";
import { NOTE_MAX, topicCategories } from "~/domains/legal/options";
import { bookingSchema } from "~/domains/legal/validation";
import { createOnce } from "~/domains/submissions.server";
import { i18nServer } from "~/i18n.server";
import { formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";
import { clientIp } from "~/utils/session.server";
import { requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "legal", "validation"] };

/** The chosen slot, if it is still free at the staff member's office (else the page says so). */
async function chosenSlot(request: Request, officeId: string) {
  const url = new URL(request.url);
  const ruleId = url.searchParams.get("ruleId") ?? "";
  const startsAt = new Date(url.searchParams.get("startsAt") ?? "");
  if (!/^[0-9a-f-]{36}$/.test(ruleId) || Number.isNaN(startsAt.getTime())) return null;
  const day = shanghaiDay(startsAt);
  const slots = await findOpenSlots(await getDb(), {
    ruleId,
    officeId,
    from: day,
    to: day,
    now: clock.now(),
  });
  return slots.find((slot) => slot.startsAt.getTime() === startsAt.getTime()) ?? null;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "book:consultation:office");
  const slot = await chosenSlot(request, user.actor.organizationId!);
  const t = await i18nServer.getFixedT(request, "legal");
  return {
    title: t("book.title"),
    submissionKey: newSubmissionKey(),
    slot: slot
      ? {
          ruleId: slot.ruleId,
          startsAt: slot.startsAt.toISOString(),
          endsAt: slot.endsAt.toISOString(),
          lawyerName: slot.lawyerName,
          servicePointName: slot.servicePointName,
          officeName: slot.officeName,
        }
      : null,
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "book:consultation:office");
  const parsed = await parseSubmission(request, bookingSchema);
  if (!parsed.success) return parsed.failure;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  // One booking per rendered form, however often it is sent (double click, retry, replay); the
  // exclusion constraints still guard the seat against every other form.
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: "consultation-booking" },
    (db) =>
      bookConsultation(db, { actor: { ...user.actor, ipAddress: clientIp(request) }, booking: parsed.data }),
    (created) => (created.ok ? created.id : null),
  );
  const booked = (id: string) =>
    redirectWithFlash(request, `/consultations/${id}`, { kind: "success", message: "legal:detail.booked" });
  if (once.replayed) return booked(once.entityId);
  const result = once.result;
  if (result.ok) return booked(result.id);
  if (result.reason === "notFound") throw new Response("Not Found", { status: 404 });
  if (result.reason === "taken") {
    // "This time was just taken", with the next free slots of the service point.
    const failure = submissionFailure(parsed.values, {}, { status: 409, formError: result.error });
    return json(
      {
        ...failure.data,
        alternatives: result.alternatives.map((slot): Alternative => ({
          ruleId: slot.ruleId,
          startsAt: slot.startsAt.toISOString(),
          lawyerName: slot.lawyerName,
          servicePointName: slot.servicePointName,
        })),
      },
      { status: 409 },
    );
  }
  return result.field
    ? submissionFailure(parsed.values, { [result.field]: result.error })
    : submissionFailure(parsed.values, {}, { status: 409, formError: result.error });
}

interface Alternative {
  ruleId: string;
  startsAt: string;
  lawyerName: string;
  servicePointName: string;
}

const loadBookingSchema = () => import("~/domains/legal/validation").then((module) => module.bookingSchema);

export default function BookConsultation() {
  const { t, i18n } = useTranslation("legal");
  const { slot, title, submissionKey } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const alternatives: Alternative[] =
    state && "alternatives" in state && Array.isArray(state.alternatives) ? state.alternatives : [];
  const form = useValidatedForm({ schema: loadBookingSchema });
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/consultations">{t("book.back")}</Link>
      </p>
      <h1>{title}</h1>
      {!slot ? (
        <p role="alert">{t("errors.slotUnavailable")}</p>
      ) : (
        <>
          <dl className="facts">
            <dt>{t("fields.time")}</dt>
            <dd>
              {formatDateTime(slot.startsAt, i18n.language)} – {formatDateTime(slot.endsAt, i18n.language)}{" "}
              {t("beijingTime")}
            </dd>
            <dt>{t("fields.lawyer")}</dt>
            <dd>{slot.lawyerName}</dd>
            <dt>{t("fields.servicePoint")}</dt>
            <dd>
              {slot.servicePointName} · {slot.officeName}
            </dd>
          </dl>
          {alternatives.length > 0 ? (
            <div className="panel">
              <p>{t("book.alternatives")}</p>
              <ul className="list">
                {alternatives.map((alternative) => (
                  <li key={`${alternative.ruleId}-${alternative.startsAt}`}>
                    <Link
                      to={`/consultations/book?ruleId=${alternative.ruleId}&startsAt=${encodeURIComponent(alternative.startsAt)}`}
                      reloadDocument
                    >
                      {formatDateTime(alternative.startsAt, i18n.language)} · {alternative.lawyerName} ·{" "}
                      {alternative.servicePointName}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <div className="panel">
            <ValidatedForm form={form}>
              <SubmissionKey value={submissionKey} />
              <input type="hidden" name="ruleId" value={slot.ruleId} />
              <input type="hidden" name="startsAt" value={slot.startsAt} />
              <TextField
                name="caseCode"
                label={t("fields.caseCode")}
                hint={t("book.caseCodeHint")}
                autoComplete="off"
              />
              <CheckboxField name="walkIn" label={t("book.walkIn")} />
              <SelectField
                name="topic"
                label={t("fields.topic")}
                options={topicCategories.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
              />
              <TextareaField
                name="note"
                label={t("fields.note")}
                hint={t("book.noteHint")}
                maxLength={NOTE_MAX}
              />
              <SubmitButton>{t("book.submit")}</SubmitButton>
            </ValidatedForm>
          </div>
        </>
      )}
    </section>
  );
}
