import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FieldErrorMessage } from "~/components/form/FieldParts";
import { TextField } from "~/components/form/fields";
import { useValidatedForm } from "~/components/form/useValidatedForm";
import { SubmitButton, ValidatedForm } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { SubmissionKey } from "~/components/SubmissionKey";
import { createOnce } from "~/domains/submissions.server";
import { formatActivityPeriod, formatActivityTime } from "~/domains/volunteers/activity-time";
import { hoursOf } from "~/domains/volunteers/format";
import { checkIn, checkOut, listCheckinActivities } from "~/domains/volunteers/checkin.server";
import { getVolunteerProfile } from "~/domains/volunteers/hour-records.server";
import { checkinSchema } from "~/domains/volunteers/hours-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { parseSubmission, submissionFailure } from "~/utils/forms.server";
import { requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

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
    submissionKey: newSubmissionKey(),
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
  const parsed = await parseSubmission(request, checkinSchema);
  if (!parsed.success) return parsed.failure;
  const { intent, activityId, checkinCode } = parsed.data;
  const key = submissionKeyOf(parsed.formData);
  if (!key) return submissionFailure(parsed.values, {}, { formError: "validation:form.invalid" });
  const input = { volunteerId: user.id, activityId, code: checkinCode, now: clock.now() };
  // One check-in (or check-out) per rendered form: a double click or a replay answers the success
  // again. A refused code stays counted (keepRefusal), so replays cannot lift the guessing limit.
  const once = await createOnce(
    await getDb(),
    { userId: user.id, key, entity: intent === "checkin" ? "check-in" : "check-out" },
    (db) => (intent === "checkin" ? checkIn(db, input) : checkOut(db, input)),
    (done) => (done.ok ? done.recordId : null),
    { keepRefusal: () => true },
  );
  const result = once.replayed ? ({ ok: true } as const) : once.result;
  if (!result.ok) {
    return result.field === "form"
      ? submissionFailure(parsed.values, {}, { formError: result.error })
      : submissionFailure(
          parsed.values,
          { [result.field]: result.error },
          { status: result.error === "validation:checkin.tooManyAttempts" ? 429 : 400 },
        );
  }
  return redirectWithFlash(request, "/hours/checkin", {
    kind: "success",
    message: intent === "checkin" ? "hours:checkin.checkedIn" : "hours:checkin.checkedOut",
  });
}

/** The schema loads with zod on the first validation, not with the page (first-load JS budget). */
const loadCheckinSchema = () =>
  import("~/domains/volunteers/hours-validation").then((module) => module.checkinSchema);

export default function CheckinPage() {
  const { t } = useTranslation("hours");
  const loaded = useLoaderData<typeof loader>();
  // A new form after each redirect: the used code is gone, the choice follows the new state.
  const location = useLocation();
  return (
    <section className="container page page--narrow">
      <p>
        <Link to="/hours">{t("history.back")}</Link>
      </p>
      <h1>{loaded.title}</h1>
      <p>{t("checkin.lead")}</p>
      {!loaded.approved ? (
        <Notice>{t("notApproved")}</Notice>
      ) : loaded.activities.length === 0 ? (
        <p className="empty-state">{t("checkin.none")}</p>
      ) : (
        <div className="panel">
          <CheckinForm
            key={location.key}
            activities={loaded.activities}
            submissionKey={loaded.submissionKey}
          />
        </div>
      )}
    </section>
  );
}

type CheckinActivity = ReturnType<typeof useLoaderData<typeof loader>>["activities"][number];

function CheckinForm({
  activities,
  submissionKey,
}: {
  activities: CheckinActivity[];
  submissionKey: string;
}) {
  const { t, i18n } = useTranslation("hours");
  // Preselect the activity the volunteer is checked in to (to check out), else the first.
  const open = activities.find((activity) => activity.recordStatus === "open");
  const form = useValidatedForm({
    schema: loadCheckinSchema,
    defaultValues: { activityId: (open ?? activities[0])?.id ?? "" },
  });
  const group = useFieldOf(form, "activityId");
  const chosenId = form.methods.watch("activityId") as unknown;
  const chosen = activities.find((activity) => activity.id === chosenId) ?? open ?? activities[0];
  // The main action is the one the chosen activity needs next: 签退 once checked in there.
  const checkoutNext = chosen?.recordStatus === "open";
  return (
    <ValidatedForm form={form} autoComplete="off">
      <SubmissionKey value={submissionKey} />
      <fieldset
        className={`field${group.error ? " field--invalid" : ""}`}
        id="field-activityId"
        tabIndex={-1}
      >
        <legend>{t("checkin.activity")}</legend>
        {activities.map((activity) => {
          const status = activity.recordStatus;
          return (
            <label key={activity.id} className="checkbox">
              <input
                type="radio"
                value={activity.id}
                defaultChecked={
                  group.echoed ? group.echoed === activity.id : activity.id === (open ?? activities[0])?.id
                }
                aria-describedby={group.error ? "field-activityId-error" : undefined}
                {...form.methods.register("activityId")}
              />
              <span>
                <strong>{activity.title}</strong> ·{" "}
                {formatActivityPeriod(activity.startsAt, activity.endsAt, i18n.language)} · {activity.place}
                <br />
                <small>
                  {status === null
                    ? t("checkin.state.none")
                    : status === "open"
                      ? t("checkin.state.open", {
                          time: formatActivityTime(activity.checkInAt!, i18n.language),
                        })
                      : t("checkin.state.closed", {
                          hours: activity.minutes === null ? "—" : hoursOf(activity.minutes, i18n.language),
                          status: t(`statuses.${status}`),
                        })}
                </small>
              </span>
            </label>
          );
        })}
        <FieldErrorMessage id="field-activityId" error={group.error} />
      </fieldset>
      <TextField
        name="checkinCode"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        maxLength={12}
        label={t("checkin.code")}
        hint={t("checkin.codeHint")}
      />
      <div className="actions">
        <SubmitButton
          name="intent"
          value="checkin"
          className={checkoutNext ? "button" : "button button--primary"}
        >
          {t("checkin.checkIn")}
        </SubmitButton>{" "}
        <SubmitButton
          name="intent"
          value="checkout"
          className={checkoutNext ? "button button--primary" : "button"}
        >
          {t("checkin.checkOut")}
        </SubmitButton>
      </div>
    </ValidatedForm>
  );
}

/** The error and echo of a field outside the field components (the radio list here). */
function useFieldOf(form: ReturnType<typeof useValidatedForm>, name: string) {
  const error = form.methods.formState.errors[name]?.message;
  const echoed = form.context.values[name];
  return {
    error: typeof error === "string" ? error : undefined,
    echoed: typeof echoed === "string" ? echoed : undefined,
  };
}
