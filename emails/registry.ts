import { render } from "@react-email/render";
import type { z } from "zod";
import type { EmailAttachment, EmailTemplate } from "./define";
import { emailTranslator, type EmailLanguage } from "./i18n";
import { nominationSubmitted } from "./templates/nomination-submitted";
import { awardNominated } from "./templates/award-nominated";
import { nominationDecided } from "./templates/nomination-decided";
import { awardNoticeStarted } from "./templates/award-notice-started";
import { awardObjectionReceived } from "./templates/award-objection-received";
import { awardFinal } from "./templates/award-final";
import { awardRevoked } from "./templates/award-revoked";
import { activityCancelled } from "./templates/activity-cancelled";
import { activityChanged } from "./templates/activity-changed";
import { activityReminder } from "./templates/activity-reminder";
import { activitySignupConfirmed } from "./templates/activity-signup-confirmed";
import { activityWaitlistPromoted } from "./templates/activity-waitlist-promoted";
import { activityWaitlisted } from "./templates/activity-waitlisted";
import { activityWithdrawal } from "./templates/activity-withdrawal";
import { consultationBooked } from "./templates/consultation-booked";
import { consultationCancelled } from "./templates/consultation-cancelled";
import { consultationReminder } from "./templates/consultation-reminder";
import { consultationRescheduled } from "./templates/consultation-rescheduled";
import {
  employmentCheckinDue,
  employmentInterviewScheduled,
  employmentOfferClosingSoon,
  employmentOfferPublished,
  employmentReferralOutcome,
  employmentReferralReceived,
  employmentTrainingEnrollmentConfirmed,
} from "./templates/employment";
import { emailVerification } from "./templates/email-verification";
import { hourCorrectionDecided } from "./templates/hour-correction-decided";
import { hourRecordDecided } from "./templates/hour-record-decided";
import { newSignIn } from "./templates/new-sign-in";
import { organizationStatus } from "./templates/organization-status";
import { passwordReset } from "./templates/password-reset";
import { openNeedsDigest } from "./templates/open-needs-digest";
import { oversightDigest } from "./templates/oversight-digest";
import { referralAnswered } from "./templates/referral-answered";
import { referralClosed } from "./templates/referral-closed";
import { referralReceived } from "./templates/referral-received";
import { referralReminder } from "./templates/referral-reminder";
import { registrationReceived } from "./templates/registration-received";
import { staffInvitation } from "./templates/staff-invitation";
import { starLevelReached } from "./templates/star-level-reached";
import { volunteerRegistrationDecided } from "./templates/volunteer-registration-decided";
import { volunteerRegistrationReceived } from "./templates/volunteer-registration-received";
import { volunteerVettingRequested } from "./templates/volunteer-vetting-requested";
import { weeklyDigest } from "./templates/weekly-digest";

/** Every email the portal can send, by the name stored in the outbox. */
export const emailTemplates = {
  "email-verification": emailVerification,
  "password-reset": passwordReset,
  "staff-invitation": staffInvitation,
  "new-sign-in": newSignIn,
  "organization-status": organizationStatus,
  "registration-received": registrationReceived,
  "activity-signup-confirmed": activitySignupConfirmed,
  "activity-waitlisted": activityWaitlisted,
  "activity-waitlist-promoted": activityWaitlistPromoted,
  "activity-withdrawal": activityWithdrawal,
  "activity-changed": activityChanged,
  "activity-cancelled": activityCancelled,
  "activity-reminder": activityReminder,
  "hour-record-decided": hourRecordDecided,
  "hour-correction-decided": hourCorrectionDecided,
  "star-level-reached": starLevelReached,
  "volunteer-registration-received": volunteerRegistrationReceived,
  "volunteer-registration-decided": volunteerRegistrationDecided,
  "volunteer-vetting-requested": volunteerVettingRequested,
  "consultation-booked": consultationBooked,
  "consultation-rescheduled": consultationRescheduled,
  "consultation-cancelled": consultationCancelled,
  "consultation-reminder": consultationReminder,
  "weekly-digest": weeklyDigest,
  "nomination-submitted": nominationSubmitted,
  "award-nominated": awardNominated,
  "nomination-decided": nominationDecided,
  "award-notice-started": awardNoticeStarted,
  "award-objection-received": awardObjectionReceived,
  "award-final": awardFinal,
  "award-revoked": awardRevoked,
  "employment-offer-published": employmentOfferPublished,
  "employment-offer-closing-soon": employmentOfferClosingSoon,
  "employment-referral-received": employmentReferralReceived,
  "employment-interview-scheduled": employmentInterviewScheduled,
  "employment-referral-outcome": employmentReferralOutcome,
  "employment-checkin-due": employmentCheckinDue,
  "employment-training-enrollment-confirmed": employmentTrainingEnrollmentConfirmed,
  "referral-received": referralReceived,
  "referral-reminder": referralReminder,
  "referral-answered": referralAnswered,
  "referral-closed": referralClosed,
  "open-needs-digest": openNeedsDigest,
  "oversight-digest": oversightDigest,
} as const;

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailTemplateData<Name extends EmailTemplateName> = z.infer<
  (typeof emailTemplates)[Name]["schema"]
>;

export const emailTemplateNames = Object.keys(emailTemplates) as EmailTemplateName[];

export function isEmailTemplateName(value: string): value is EmailTemplateName {
  return Object.hasOwn(emailTemplates, value);
}

/**
 * The kinds a user is told about and may choose for in the settings: every template but the weekly
 * digest, which only reports the others.
 */
export const notificationKinds: EmailTemplateName[] = emailTemplateNames.filter(
  (name) => !emailTemplates[name].digest,
);

export function getEmailTemplate<Name extends EmailTemplateName>(
  name: Name,
): EmailTemplate<EmailTemplateData<Name>> {
  return emailTemplates[name] as unknown as EmailTemplate<EmailTemplateData<Name>>;
}

export interface RenderedEmail {
  subject: string;
  preview: string;
  html: string;
  text: string;
  attachments: EmailAttachment[];
}

/**
 * Renders a stored outbox row. Data comes back from jsonb untyped, so it is parsed again with the
 * template's schema; a failure here is permanent (retrying cannot fix it).
 */
export async function renderEmail(
  name: string,
  rawData: unknown,
  language: EmailLanguage,
  appUrl: string,
): Promise<RenderedEmail> {
  if (!isEmailTemplateName(name)) throw new EmailRenderError(`Unknown email template "${name}"`);
  const template = getEmailTemplate(name);
  const parsed = template.schema.safeParse(rawData);
  if (!parsed.success) throw new EmailRenderError(`Invalid data for "${name}": ${parsed.error.message}`);
  const t = emailTranslator(language);
  const context = { t, language, appUrl };
  const element = template.element(context, parsed.data);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return {
    subject: template.subject(t, parsed.data, language),
    preview: template.preview(t, parsed.data, language),
    html,
    text,
    attachments: template.attachments?.(context, parsed.data) ?? [],
  };
}

export class EmailRenderError extends Error {
  override name = "EmailRenderError";
}
