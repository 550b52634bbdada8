import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormError, Notice, TextField } from "~/components/forms";
import { formatActivityPeriod, formatActivityTime } from "~/domains/volunteers/activity-time";
import { hoursOf } from "~/domains/volunteers/format";
import { checkIn, checkOut, listCheckinActivities } from "~/domains/volunteers/checkin.server";
import { getVolunteerProfile } from "~/domains/volunteers/hour-records.server";
import { checkinSchema } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, parseForm } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "hours", "validation"] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "create:hour-record:own");
  const db = await getDb();
  const profile = await getVolunteerProfile(db, user.id);
  const approved = profile?.status === "approved";
  const rows = approved ? await listCheckinActivities(db, user.id, clock.now()) : [];
  const t = await i18nServer.getFixedT(request, "hours");
  return {
    title: t("checkin.title"),
    approved,
    activities: rows.map((row) => ({
      id: row.id,
      title: row.title,
      place: row.place,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      recordStatus: row.recordStatus,
      checkInAt: row.checkInAt?.toISOString() ?? null,
      minutes: row.minutes,
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, "create:hour-record:own");
  const parsed = await parseForm(request, checkinSchema);
  if (!parsed.success) return parsed.failure;
  const { intent, activityId, checkinCode } = parsed.data;
  const input = { volunteerId: user.id, activityId, code: checkinCode, now: clock.now() };
  const db = await getDb();
  const result = intent === "checkin" ? await checkIn(db, input) : await checkOut(db, input);
  if (!result.ok) {
    return result.field === "form"
      ? formFailure(parsed.formData, {}, 400, result.error)
      : formFailure(
          parsed.formData,
          { [result.field]: result.error },
          result.error === "validation:checkin.tooManyAttempts" ? 429 : 400,
        );
  }
  return redirect(`/hours/checkin?done=${intent}`);
}

export default function CheckinPage() {
  const { t, i18n } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  const state = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("done");
  const chosen = state?.values.activityId;
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/hours">{t("history.back")}</Link>
      </p>
      <h1>{loaded.title}</h1>
      <p>{t("checkin.lead")}</p>
      {done === "checkin" ? <Notice kind="success">{t("checkin.checkedIn")}</Notice> : null}
      {done === "checkout" ? <Notice kind="success">{t("checkin.checkedOut")}</Notice> : null}
      {!loaded.approved ? (
        <Notice>{t("notApproved")}</Notice>
      ) : loaded.activities.length === 0 ? (
        <p className="empty-state">{t("checkin.none")}</p>
      ) : (
        <div className="panel">
          <FormError state={state} />
          <Form method="post" className="form" noValidate autoComplete="off">
            <fieldset className={`field${state?.errors.activityId ? " field--invalid" : ""}`}>
              <legend>{t("checkin.activity")}</legend>
              {loaded.activities.map((activity, index) => {
                const status = activity.recordStatus;
                return (
                  <label key={activity.id} className="checkbox">
                    <input
                      type="radio"
                      name="activityId"
                      value={activity.id}
                      defaultChecked={chosen ? chosen === activity.id : index === 0}
                      aria-describedby={state?.errors.activityId ? "field-activityId-error" : undefined}
                    />
                    <span>
                      <strong>{activity.title}</strong> ·{" "}
                      {formatActivityPeriod(activity.startsAt, activity.endsAt, i18n.language)} ·{" "}
                      {activity.place}
                      <br />
                      <small>
                        {status === null
                          ? t("checkin.state.none")
                          : status === "open"
                            ? t("checkin.state.open", {
                                time: formatActivityTime(activity.checkInAt!, i18n.language),
                              })
                            : t("checkin.state.closed", {
                                hours:
                                  activity.minutes === null ? "—" : hoursOf(activity.minutes, i18n.language),
                                status: t(`statuses.${status}`),
                              })}
                      </small>
                    </span>
                  </label>
                );
              })}
              {state?.errors.activityId ? (
                <p className="field__error" id="field-activityId-error" role="alert">
                  {t(state.errors.activityId)}
                </p>
              ) : null}
            </fieldset>
            <TextField
              name="checkinCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              required
              maxLength={12}
              label={t("checkin.code")}
              hint={t("checkin.codeHint")}
              state={state}
            />
            <div className="actions">
              <button type="submit" name="intent" value="checkin" className="button button--primary">
                {t("checkin.checkIn")}
              </button>{" "}
              <button type="submit" name="intent" value="checkout" className="button">
                {t("checkin.checkOut")}
              </button>
            </div>
          </Form>
        </div>
      )}
    </section>
  );
}
