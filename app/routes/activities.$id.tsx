import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data as json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Notice } from "~/components/Notice";
import { ActivityDetails } from "~/components/volunteers/ActivityDetails";
import { ActivityParticipants } from "~/components/volunteers/ActivityParticipants";
import {
  ActivitySignupPanel,
  type SignupRefusal,
  SignupRefusalNotice,
} from "~/components/volunteers/ActivitySignupPanel";
import { can } from "~/domains/accounts/authorize";
import { createOnce } from "~/domains/submissions.server";
import { cancelActivity, getActivityForOrganizer } from "~/domains/volunteers/activities.server";
import {
  getActivity,
  listParticipants,
  signupOf,
  volunteerStatusOf,
} from "~/domains/volunteers/activity-queries.server";
import { signUpForActivity, withdrawFromActivity } from "~/domains/volunteers/signups.server";
import { organizerOf } from "~/domains/volunteers/activity-access";
import { cancelActivitySchema } from "~/domains/volunteers/activity-validation";
import { i18nServer } from "~/i18n.server";
import { getDb } from "~/utils/db.server";
import { redirectWithFlash } from "~/utils/flash.server";
import { readFormData, submissionFailure, validateSubmission } from "~/utils/forms.server";
import { requireOrganizer } from "~/utils/organizer.server";
import { notFound, requirePermission } from "~/utils/permissions.server";
import * as clock from "~/utils/clock.server";
import { uuidParam } from "~/utils/params.server";
import { newSubmissionKey, submissionKeyOf } from "~/utils/submission-key.server";

export const handle = { i18n: ["common", "activities", "validation"] };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = uuidParam(params);
  const user = await requirePermission(request, "read:activity");
  const db = await getDb();
  const activity = await getActivity(db, id);
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
    // The sign-up button's idempotency key: a double click or a replay signs up once.
    submissionKey: newSubmissionKey(),
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

/** A refused sign-up or withdrawal: shown above the page (with the missing skills), 409. */
function refusal(error: string, missing: string[] = [], status = 409) {
  return json<SignupRefusal>({ error, missing }, { status });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const intent = intentSchema.safeParse(Object.fromEntries(formData));
  const db = await getDb();
  const id = uuidParam(params);
  const page = `/activities/${id}`;

  if (intent.success && intent.data.intent === "cancel") {
    const { scope, actor } = await requireOrganizer(request);
    // Read only within the organizer's scope: another's activity is not found.
    const activity = await getActivityForOrganizer(db, id, scope, actor);
    if (!activity) notFound();
    const parsed = await validateSubmission(formData, cancelActivitySchema, "cancel");
    if (!parsed.success) return parsed.failure;
    const result = await cancelActivity(db, { id, actor, scope, reason: parsed.data.reason });
    if (!result.ok) {
      if (result.notFound) notFound();
      return submissionFailure(parsed.values, {}, { status: 409, formError: result.error, form: "cancel" });
    }
    return redirectWithFlash(request, page, {
      kind: "success",
      message: "activities:detail.cancelled",
      values: { notified: result.notified, count: result.notified },
    });
  }

  const user = await requirePermission(request, "signup:activity:own");
  if (!intent.success) throw new Response("Bad Request", { status: 400 });
  if (intent.data.intent === "signup") {
    const key = submissionKeyOf(formData);
    if (!key) return refusal("validation:form.invalid", [], 400);
    const once = await createOnce(
      db,
      { userId: user.id, key, entity: "activity-signup" },
      (tx) => signUpForActivity(tx, { activityId: id, volunteerId: user.id }),
      // The sign-up is the volunteer's for this activity: the activity names it.
      (result) => (result.ok ? id : null),
    );
    if (once.replayed) {
      const signup = await signupOf(db, id, user.id);
      const status = signup?.status === "waitlisted" ? "waitlisted" : "confirmed";
      return redirectWithFlash(request, page, {
        kind: "success",
        message: `activities:detail.signedUp.${status}`,
      });
    }
    const result = once.result;
    if (!result.ok) {
      if (result.notFound) notFound();
      return refusal(result.error, result.missing ?? []);
    }
    return redirectWithFlash(request, page, {
      kind: "success",
      message: `activities:detail.signedUp.${result.status}`,
    });
  }
  const result = await withdrawFromActivity(db, { activityId: id, volunteerId: user.id });
  if (!result.ok) {
    if (result.notFound) notFound();
    return refusal(result.error);
  }
  return redirectWithFlash(request, page, { kind: "success", message: "activities:detail.withdrawn" });
}

export default function ActivityDetail() {
  const { t } = useTranslation("activities");
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { activity } = data;
  const refused = result && "error" in result ? result : undefined;
  return (
    <section className="container page">
      <p>
        <Link to="/activities">{t("detail.back")}</Link>
      </p>
      <h1>{activity.title}</h1>
      {activity.status === "cancelled" ? (
        <Notice kind="error">{t("detail.cancelledNotice", { reason: activity.cancelReason ?? "" })}</Notice>
      ) : null}
      {refused ? <SignupRefusalNotice refusal={refused} /> : null}
      <ActivityDetails activity={activity} />
      {data.isVolunteer ? (
        <ActivitySignupPanel
          activity={activity}
          signup={data.signup}
          volunteerStatus={data.volunteerStatus}
          submissionKey={data.submissionKey}
        />
      ) : null}
      {data.manages ? <ActivityParticipants activity={activity} participants={data.participants} /> : null}
    </section>
  );
}
