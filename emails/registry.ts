import { render } from "@react-email/render";
import type { z } from "zod";
import type { EmailTemplate } from "./define";
import { emailTranslator, type EmailLanguage } from "./i18n";
import { activityCancelled } from "./templates/activity-cancelled";
import { activityChanged } from "./templates/activity-changed";
import { activityReminder } from "./templates/activity-reminder";
import { activitySignupConfirmed } from "./templates/activity-signup-confirmed";
import { activityWaitlistPromoted } from "./templates/activity-waitlist-promoted";
import { activityWaitlisted } from "./templates/activity-waitlisted";
import { activityWithdrawal } from "./templates/activity-withdrawal";
import { emailVerification } from "./templates/email-verification";
import { hourCorrectionDecided } from "./templates/hour-correction-decided";
import { hourRecordDecided } from "./templates/hour-record-decided";
import { newSignIn } from "./templates/new-sign-in";
import { organizationStatus } from "./templates/organization-status";
import { passwordReset } from "./templates/password-reset";
import { openNeedsDigest } from "./templates/open-needs-digest";
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
  "weekly-digest": weeklyDigest,
  "referral-received": referralReceived,
  "referral-reminder": referralReminder,
  "referral-answered": referralAnswered,
  "referral-closed": referralClosed,
  "open-needs-digest": openNeedsDigest,
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
  const element = template.element({ t, language, appUrl }, parsed.data);
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: template.subject(t, parsed.data), preview: template.preview(t, parsed.data), html, text };
}

export class EmailRenderError extends Error {
  override name = "EmailRenderError";
}
