import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormError, Notice, TextField } from "~/components/forms";
import { can } from "~/domains/accounts/authorize";
import { cancelActivity, getActivityForOrganizer } from "~/domains/volunteers/activities.server";
import {
  getActivity,
  listParticipants,
  signupOf,
  volunteerStatusOf,
} from "~/domains/volunteers/activity-queries.server";
import { signUpForActivity, withdrawFromActivity } from "~/domains/volunteers/signups.server";
import { organizerOf } from "~/domains/volunteers/activity-access";
import { formatActivityPeriod, formatActivityTime } from "~/domains/volunteers/activity-time";
import { CANCEL_REASON_MAX, cancelActivitySchema } from "~/domains/volunteers/activity-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { formFailure, readFormData } from "~/utils/forms.server";
import { requireOrganizer } from "~/utils/organizer.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import { listOf } from "~/utils/list-format";
import * as clock from "~/utils/clock.server";

export const handle = { i18n: ["common", "activities", "validation"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:activity");
  const db = await getDb();
  const activity = await getActivity(db, params.id ?? "");
  if (!activity) notFound();
  const organizer = organizerOf(user.actor);
  const manages = organizer
    ? Boolean(await getActivityForOrganizer(db, activity.id, organizer.scope, organizer.actor))
    : false;
  const isVolunteer = can(user.actor, "signup:activity");
  const [signup, volunteerStatus, participants] = await Promise.all([
    isVolunteer ? signupOf(db, activity.id, user.id) : null,
    isVolunteer ? volunteerStatusOf(db, user.id) : null,
    manages ? listParticipants(db, activity.id) : [],
  ]);
  const t = await i18nServer.getFixedT(request, "activities");
  return {
    title: t("detail.title", { title: activity.title }),
    activity: {
      id: activity.id,
      title: activity.title,
      description: activity.description,
      category: activity.category,
      place: activity.place,
      officeName: activity.officeName,
      organizerName: activity.organizerName,
      startsAt: activity.startsAt.toISOString(),
      endsAt: activity.endsAt.toISOString(),
      capacity: activity.capacity,
      confirmedCount: activity.confirmedCount,
      waitlisted: activity.waitlisted,
      requiredSkills: activity.requiredSkills,
      requiredQualification: activity.requiredQualification,
      insuranceRequired: activity.insuranceRequired,
      status: activity.status,
      cancelReason: activity.cancelReason,
      started: activity.startsAt.getTime() <= clock.nowMs(),
    },
    isVolunteer,
    volunteerStatus,
    signup,
    manages,
    participants: participants.map((participant) => ({
      volunteerId: participant.volunteerId,
      name: participant.name,
      volunteerNumber: participant.volunteerNumber,
      status: participant.status,
      queuedAt: participant.queuedAt.toISOString(),
    })),
  };
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

const intentSchema = z.object({ intent: z.enum(["signup", "withdraw", "cancel"]) });

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  const db = await getDb();
  const id = params.id ?? "";

  if (intent.success && intent.data.intent === "cancel") {
    const { scope, actor } = await requireOrganizer(request);
    // Read only within the organizer's scope: another's activity is not found.
    const activity = await getActivityForOrganizer(db, id, scope, actor);
    if (!activity) notFound();
    const parsed = cancelActivitySchema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) return formFailure(formData, { reason: parsed.error.issues[0]!.message });
    const result = await cancelActivity(db, { id, actor, scope, reason: parsed.data.reason });
    if (!result.ok) {
      if (result.notFound) notFound();
      return formFailure(formData, {}, 409, result.error);
    }
    return { intent: "cancel" as const, notified: result.notified };
  }

  const user = await requirePermission(request, "signup:activity:own");
  if (!intent.success) throw new Response("Bad Request", { status: 400 });
  if (intent.data.intent === "signup") {
    const result = await signUpForActivity(db, { activityId: id, volunteerId: user.id });
    if (!result.ok) {
      if (result.notFound) notFound();
      return json(
        { intent: "signup" as const, error: result.error, missing: result.missing ?? [] },
        { status: 409 },
      );
    }
    return { intent: "signup" as const, status: result.status };
  }
  const result = await withdrawFromActivity(db, { activityId: id, volunteerId: user.id });
  if (!result.ok) {
    if (result.notFound) notFound();
    return json(
      { intent: "withdraw" as const, error: result.error, missing: [] as string[] },
      { status: 409 },
    );
  }
  return { intent: "withdraw" as const, done: true };
}

export default function ActivityDetail() {
  const { t, i18n } = useTranslation("activities");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { activity } = data;
  const failure = result && "errors" in result ? result : undefined;
  const refusal = result && "error" in result ? result : undefined;
  const placesLeft = Math.max(0, activity.capacity - activity.confirmedCount);
  const open = activity.status === "scheduled" && !activity.started;
  const signedUp = data.signup?.status === "confirmed" || data.signup?.status === "waitlisted";
  const confirmed = data.participants.filter((participant) => participant.status === "confirmed");
  const waitlist = data.participants.filter((participant) => participant.status === "waitlisted");
  return (
    <section className="container page">
      <p>
        <Link to="/activities">{t("detail.back")}</Link>
      </p>
      <h1>{activity.title}</h1>
      {activity.status === "cancelled" ? (
        <Notice kind="error">{t("detail.cancelledNotice", { reason: activity.cancelReason ?? "" })}</Notice>
      ) : null}
      {result && "intent" in result && result.intent === "signup" && "status" in result ? (
        <Notice kind="success">{t(`detail.signedUp.${result.status}`)}</Notice>
      ) : null}
      {result && "intent" in result && result.intent === "withdraw" && "done" in result ? (
        <Notice kind="success">{t("detail.withdrawn")}</Notice>
      ) : null}
      {result && "intent" in result && result.intent === "cancel" && "notified" in result ? (
        <Notice kind="success">{t("detail.cancelled", { notified: result.notified })}</Notice>
      ) : null}
      {refusal ? (
        <Notice kind="error">
          {t(refusal.error, {
            skills: listOf(
              refusal.missing.map((skill) => t(`skills.${skill}`)),
              i18n.language,
            ),
            qualification: listOf(
              refusal.missing.map((kind) => t(`qualifications.${kind}`)),
              i18n.language,
            ),
          })}
        </Notice>
      ) : null}

      <dl className="facts">
        <dt>{t("fields.time")}</dt>
        <dd>
          {formatActivityPeriod(activity.startsAt, activity.endsAt, i18n.language)} {t("detail.beijingTime")}
        </dd>
        <dt>{t("fields.place")}</dt>
        <dd>
          {activity.place} · {activity.officeName}
        </dd>
        <dt>{t("fields.organizer")}</dt>
        <dd>{activity.organizerName}</dd>
        <dt>{t("fields.category")}</dt>
        <dd>{t(`categories.${activity.category}`)}</dd>
        <dt>{t("fields.places")}</dt>
        <dd>
          {placesLeft > 0
            ? t("places.left", { left: placesLeft, capacity: activity.capacity })
            : t("places.full", { capacity: activity.capacity })}
          {activity.waitlisted > 0 ? ` · ${t("places.waitlist", { waitlisted: activity.waitlisted })}` : ""}
        </dd>
        {activity.requiredSkills.length > 0 ? (
          <>
            <dt>{t("fields.requiredSkills")}</dt>
            <dd>
              {listOf(
                activity.requiredSkills.map((skill) => t(`skills.${skill}`)),
                i18n.language,
              )}
            </dd>
          </>
        ) : null}
        {activity.requiredQualification ? (
          <>
            <dt>{t("fields.requiredQualification")}</dt>
            <dd>{t(`qualifications.${activity.requiredQualification}`)}</dd>
          </>
        ) : null}
        <dt>{t("fields.insuranceRequired")}</dt>
        <dd>{activity.insuranceRequired ? t("detail.yes") : t("detail.no")}</dd>
      </dl>
      <section className="section" aria-labelledby="description-title">
        <h2 id="description-title">{t("fields.description")}</h2>
        <p style={{ whiteSpace: "pre-line" }}>{activity.description}</p>
      </section>

      {data.isVolunteer ? (
        <section className="section panel" aria-labelledby="signup-title">
          <h2 id="signup-title">{t("detail.signupTitle")}</h2>
          {data.signup?.status === "confirmed" ? <p>{t("mine.confirmedLong")}</p> : null}
          {data.signup?.status === "waitlisted" ? (
            <p>{t("mine.waitlistedLong", { position: data.signup.position })}</p>
          ) : null}
          {data.volunteerStatus !== "approved" ? (
            <p>{t("detail.needsApproval")}</p>
          ) : !open ? (
            <p>{t(activity.status === "cancelled" ? "errors.cancelled" : "errors.alreadyStarted")}</p>
          ) : signedUp ? (
            <Form method="post">
              <input type="hidden" name="intent" value="withdraw" />
              <button type="submit" className="button">
                {data.signup?.status === "waitlisted" ? t("detail.leaveWaitlist") : t("detail.withdraw")}
              </button>
            </Form>
          ) : (
            <Form method="post">
              <input type="hidden" name="intent" value="signup" />
              <button type="submit" className="button button--primary">
                {placesLeft > 0 ? t("detail.signup") : t("detail.joinWaitlist")}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      {data.manages ? (
        <section className="section" aria-labelledby="participants-title">
          <h2 id="participants-title">{t("detail.participantsTitle")}</h2>
          {activity.status === "scheduled" ? (
            <p className="actions">
              {open ? (
                <Link to={`/activities/${activity.id}/edit`} className="button">
                  {t("detail.edit")}
                </Link>
              ) : null}
              {/* The organizer's screen with the rotating check-in code (it says when it opens). */}
              <Link to={`/activities/${activity.id}/checkin-code`} className="button">
                {t("detail.checkinCode")}
              </Link>
            </p>
          ) : null}
          <h3>{t("detail.confirmedTitle", { number: confirmed.length })}</h3>
          {confirmed.length === 0 ? (
            <p className="empty-state">{t("detail.noParticipants")}</p>
          ) : (
            <ParticipantTable rows={confirmed} language={i18n.language} />
          )}
          <h3>{t("detail.waitlistTitle", { number: waitlist.length })}</h3>
          {waitlist.length === 0 ? (
            <p className="empty-state">{t("detail.noWaitlist")}</p>
          ) : (
            <ParticipantTable rows={waitlist} language={i18n.language} numbered />
          )}
          {open ? (
            <Form method="post" className="panel form section" noValidate>
              <h3>{t("detail.cancelTitle")}</h3>
              <p>{t("detail.cancelLead")}</p>
              <FormError state={failure} />
              <input type="hidden" name="intent" value="cancel" />
              <TextField
                name="reason"
                required
                maxLength={CANCEL_REASON_MAX}
                label={t("fields.cancelReason")}
                state={failure}
              />
              <button type="submit" className="button">
                {t("detail.cancel")}
              </button>
            </Form>
          ) : null}
        </section>
      ) : null}
    </section>
  );
}

function ParticipantTable({
  rows,
  language,
  numbered = false,
}: {
  rows: { volunteerId: string; name: string; volunteerNumber: string | null; queuedAt: string }[];
  language: string;
  numbered?: boolean;
}) {
  const { t } = useTranslation("activities");
  return (
    <table className="table">
      <thead>
        <tr>
          {numbered ? <th scope="col">{t("detail.position")}</th> : null}
          <th scope="col">{t("detail.volunteerName")}</th>
          <th scope="col">{t("detail.volunteerNumber")}</th>
          <th scope="col">{t("detail.signedUpAt")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={row.volunteerId}>
            {numbered ? <td>{index + 1}</td> : null}
            <td>{row.name}</td>
            <td>{row.volunteerNumber ?? "—"}</td>
            <td>{formatActivityTime(row.queuedAt, language)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
