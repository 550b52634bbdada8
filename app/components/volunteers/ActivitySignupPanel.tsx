import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { SubmitButton } from "~/components/form/ValidatedForm";
import { Notice } from "~/components/Notice";
import { SubmissionKey } from "~/components/SubmissionKey";
import { listOf } from "~/utils/list-format";
import { type ActivityView, placesLeftOf } from "./ActivityDetails";

/** A sign-up the domain refused (full rules, state changed): its message key and what is missing. */
export interface SignupRefusal {
  error: string;
  missing: string[];
}

/** The refusal above the page; `missing` fills the skills or the qualification named by the message. */
export function SignupRefusalNotice({ refusal }: { refusal: SignupRefusal }) {
  const { t, i18n } = useTranslation(["activities", "validation"]);
  return (
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
  );
}

/**
 * The volunteer's own part: their sign-up or place on the waitlist, and the one button that changes
 * it. Signing up carries the page's idempotency key, so a double click signs up once.
 */
export function ActivitySignupPanel({
  activity,
  signup,
  volunteerStatus,
  submissionKey,
}: {
  activity: ActivityView;
  signup: { status: string; position?: number | null } | null;
  volunteerStatus: string | null;
  submissionKey: string;
}) {
  const { t } = useTranslation("activities");
  const open = activity.status === "scheduled" && !activity.started;
  const signedUp = signup?.status === "confirmed" || signup?.status === "waitlisted";
  return (
    <section className="section panel" aria-labelledby="signup-title">
      <h2 id="signup-title">{t("detail.signupTitle")}</h2>
      {signup?.status === "confirmed" ? <p>{t("mine.confirmedLong")}</p> : null}
      {signup?.status === "waitlisted" ? (
        <p>{t("mine.waitlistedLong", { position: signup.position })}</p>
      ) : null}
      {volunteerStatus !== "approved" ? (
        <p>{t("detail.needsApproval")}</p>
      ) : !open ? (
        <p>{t(activity.status === "cancelled" ? "errors.cancelled" : "errors.alreadyStarted")}</p>
      ) : signedUp ? (
        <Form method="post">
          <SubmitButton name="intent" value="withdraw" className="button">
            {signup?.status === "waitlisted" ? t("detail.leaveWaitlist") : t("detail.withdraw")}
          </SubmitButton>
        </Form>
      ) : (
        <Form method="post">
          <SubmissionKey value={submissionKey} />
          <SubmitButton name="intent" value="signup">
            {placesLeftOf(activity) > 0 ? t("detail.signup") : t("detail.joinWaitlist")}
          </SubmitButton>
        </Form>
      )}
    </section>
  );
}
