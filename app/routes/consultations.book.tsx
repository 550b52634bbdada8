import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, TextField } from "~/components/forms";
import { SelectField, TextAreaField } from "~/components/legal/fields";
import { findOpenSlots } from "~/domains/legal/availability.server";
import { bookConsultation } from "~/domains/legal/bookings.server";
import { shanghaiDay } from "~/domains/legal/beijing-time";
import { bookingSchema, NOTE_MAX, topicCategories } from "~/domains/legal/validation";
import { i18nServer } from "~/i18n.server";
import { formatDateTime } from "~/utils/dates";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
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
  const parsed = await parseForm(request, bookingSchema);
  if (!parsed.success) return parsed.failure;
  const result = await bookConsultation(await getDb(), {
    actor: { ...user.actor, ipAddress: clientIp(request) },
    booking: parsed.data,
  });
  if (result.ok) return redirect(`/consultations/${result.id}?booked=1`);
  if (result.reason === "notFound") throw new Response("Not Found", { status: 404 });
  if (result.reason === "taken")
    return json(
      {
        errors: {},
        values: Object.fromEntries([...parsed.formData].map(([k, v]) => [k, String(v)])),
        formError: result.error,
        alternatives: result.alternatives.map((slot) => ({
          ruleId: slot.ruleId,
          startsAt: slot.startsAt.toISOString(),
          lawyerName: slot.lawyerName,
          servicePointName: slot.servicePointName,
        })),
      },
      { status: 409 },
    );
  return result.field
    ? formFailure(parsed.formData, { [result.field]: result.error })
    : formFailure(parsed.formData, {}, 409, result.error);
}

export default function BookConsultation() {
  const { t, i18n } = useTranslation("legal");
  const { slot, title } = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const alternatives = state && "alternatives" in state ? state.alternatives : [];
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
          <FormError state={state} />
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
          <Form method="post" className="panel" noValidate>
            <input type="hidden" name="ruleId" value={slot.ruleId} />
            <input type="hidden" name="startsAt" value={slot.startsAt} />
            <TextField
              name="caseCode"
              label={t("fields.caseCode")}
              hint={t("book.caseCodeHint")}
              state={state}
              autoComplete="off"
            />
            <label className="checkbox">
              <input type="checkbox" name="walkIn" defaultChecked={state?.values?.walkIn === "on"} />{" "}
              {t("book.walkIn")}
            </label>
            <SelectField
              name="topic"
              label={t("fields.topic")}
              state={state}
              options={topicCategories.map((topic) => ({ value: topic, label: t(`topics.${topic}`) }))}
            />
            <TextAreaField
              name="note"
              label={t("fields.note")}
              hint={t("book.noteHint")}
              state={state}
              maxLength={NOTE_MAX}
            />
            <button type="submit" className="button">
              {t("book.submit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
