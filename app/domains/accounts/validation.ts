/**
 * Zod schemas shared by the forms (client) and the actions (server); an action always re-validates with
 * the same schema. Every error message is an i18n key of the "validation" namespace
 * (app/locales/<language>/validation.json), never English text: the UI translates it, with
 * `t(key, validationMessageValues[key])` for the keys that interpolate a number.
 *
 * Text fields are trimmed; lengths count Unicode code points. Passwords are never trimmed.
 * Every public form carries the honeypot field `website`: a filled one fails with
 * `validation:honeypot.filled` on `website`, which the action should answer like a success.
 */
import { z } from "zod";
import { creditCodeInvalidReason, normalizeCreditCode } from "./credit-code";
import { checkPassword, PASSWORD_MAX_LENGTH, passwordLength, type PasswordProblem } from "./password-policy";

export {
  EMAIL_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  ORGANIZATION_NAME_MIN_LENGTH,
  ORGANIZATION_NAME_MAX_LENGTH,
  CONTACT_NAME_MAX_LENGTH,
  ADDRESS_MAX_LENGTH,
  TOKEN_MAX_LENGTH,
  ORGANIZATION_REASON_MAX_LENGTH,
  registrationLanguages,
  organizationKinds,
  invitableStaffRoles,
  validationMessageValues,
  validationDefaultVariables,
} from "./limits";
import {
  EMAIL_MAX_LENGTH,
  DISPLAY_NAME_MAX_LENGTH,
  ORGANIZATION_NAME_MIN_LENGTH,
  ORGANIZATION_NAME_MAX_LENGTH,
  CONTACT_NAME_MAX_LENGTH,
  ADDRESS_MAX_LENGTH,
  TOKEN_MAX_LENGTH,
  ORGANIZATION_REASON_MAX_LENGTH,
  registrationLanguages,
  organizationKinds,
  invitableStaffRoles,
} from "./limits";

const PASSWORD_PROBLEM_KEYS: Record<PasswordProblem, string> = {
  tooShort: "validation:password.tooShort",
  tooLong: "validation:password.tooLong",
  common: "validation:password.common",
  containsEmail: "validation:password.containsEmail",
};

/** The message key for a problem found by `checkPassword`, for actions that check more context. */
export function passwordProblemKey(problem: PasswordProblem): string {
  return PASSWORD_PROBLEM_KEYS[problem];
}

/** Mainland mobile number, or a landline with its area code: 010-12345678, 0571-1234567. */
const MOBILE = /^1[3-9][0-9]{9}$/;
const LANDLINE = /^0[0-9]{2,3}-[0-9]{7,8}$/;

/**
 * Folds full-width input, removes whitespace; a mobile number written with hyphens or a +86 / 86
 * prefix becomes its 11 digits. A landline keeps its single hyphen.
 */
export function normalizePhone(input: string): string {
  const compact = input.normalize("NFKC").replace(/\s+/gu, "");
  const mobile = compact.replace(/-/g, "").replace(/^\+?86/, "");
  return MOBILE.test(mobile) ? mobile : compact;
}

export function isValidPhone(phone: string): boolean {
  return MOBILE.test(phone) || LANDLINE.test(phone);
}

// ---------------------------------------------------------------------------------------------------
// Field schemas

function characterCount(value: string): number {
  return passwordLength(value);
}

/** Trimmed text of `min`–`max` characters; `${field}.tooShort` exists only for fields with min > 1. */
function boundedText(field: string, min: number, max: number) {
  const required = `validation:${field}.required`;
  const present = z.string({ error: required }).trim().min(1, { error: required });
  const longEnough =
    min > 1
      ? present.refine((value) => characterCount(value) >= min, { error: `validation:${field}.tooShort` })
      : present;
  return longEnough.refine((value) => characterCount(value) <= max, { error: `validation:${field}.tooLong` });
}

const email = z
  .string({ error: "validation:email.required" })
  .trim()
  .toLowerCase()
  .min(1, { error: "validation:email.required" })
  .max(EMAIL_MAX_LENGTH, { error: "validation:email.tooLong" })
  .regex(z.regexes.email, { error: "validation:email.invalid" });

/** What a sign-in form accepts: anything non-empty that could be a password; no policy. */
const enteredPassword = z
  .string({ error: "validation:password.required" })
  .min(1, { error: "validation:password.required" })
  .refine((value) => passwordLength(value) <= PASSWORD_MAX_LENGTH, { error: "validation:password.tooLong" });

/** A password being chosen: length and commonness here; the email check needs the whole form. */
const newPassword = z
  .string({ error: "validation:password.required" })
  .min(1, { error: "validation:password.required" })
  .superRefine((value, ctx) => {
    const result = checkPassword(value);
    if (!result.ok) ctx.addIssue({ code: "custom", message: passwordProblemKey(result.reason) });
  });

const passwordConfirm = z.string({ error: "validation:password.confirmRequired" });

const honeypot = z
  .string({ error: "validation:honeypot.filled" })
  .max(0, { error: "validation:honeypot.filled" })
  .optional();

/** An HTML checkbox: "on" when ticked (no JavaScript), a boolean from react-hook-form, absent otherwise. */
const checkbox = z
  .unknown()
  .optional()
  .transform((value) => value === "on" || value === "true" || value === true);

function uuid(field: string) {
  return z
    .string({ error: `validation:${field}.required` })
    .trim()
    .min(1, { error: `validation:${field}.required` })
    .pipe(z.uuid({ error: `validation:${field}.invalid` }));
}

const displayName = boundedText("displayName", 1, DISPLAY_NAME_MAX_LENGTH);

const creditCode = z
  .string({ error: "validation:creditCode.required" })
  .overwrite(normalizeCreditCode)
  .min(1, { error: "validation:creditCode.required" })
  .superRefine((value, ctx) => {
    const reason = creditCodeInvalidReason(value);
    if (reason) ctx.addIssue({ code: "custom", message: `validation:creditCode.${reason}` });
  });

const contactPhone = z
  .string({ error: "validation:contactPhone.required" })
  .overwrite(normalizePhone)
  .min(1, { error: "validation:contactPhone.required" })
  .refine(isValidPhone, { error: "validation:contactPhone.invalid" });

const sixDigitCode = z
  .string({ error: "validation:verificationCode.invalid" })
  .overwrite((value) => value.normalize("NFKC").replace(/\s+/gu, ""))
  .regex(/^[0-9]{6}$/, { error: "validation:verificationCode.invalid" });

const TOTP_CODE = /^[0-9]{6}$/;
const RECOVERY_CODE = /^[a-z0-9]{5}-[a-z0-9]{5}$/;

/** True when an accepted `totpCodeSchema` code is a recovery code rather than a 6-digit TOTP code. */
export function isRecoveryCode(code: string): boolean {
  return RECOVERY_CODE.test(code);
}

const totpOrRecoveryCode = z
  .string({ error: "validation:totpCode.invalid" })
  .overwrite((value) => value.normalize("NFKC").replace(/\s+/gu, "").toLowerCase())
  .refine((value) => TOTP_CODE.test(value) || RECOVERY_CODE.test(value), {
    error: "validation:totpCode.invalid",
  });

// ---------------------------------------------------------------------------------------------------
// Cross-field rules. `when` lets them run even while other fields (a missing checkbox, say) are invalid,
// so the user sees every problem at once; they only need their own fields to be strings.
// Zod skips them altogether once any field has an aborting issue, which is why no field schema above
// uses `abort: true` (a field may report several issues; `fieldErrors` keeps the first, and the checks
// are ordered so the first is the most useful).

function stringsPresent(value: unknown, ...fields: string[]): boolean {
  if (value === null || typeof value !== "object") return false;
  return fields.every((field) => typeof (value as Record<string, unknown>)[field] === "string");
}

function mustMatch<T extends Record<string, unknown>>(
  field: keyof T & string,
  confirmField: keyof T & string,
) {
  return z.refine<T>((value) => value[field] === value[confirmField], {
    path: [confirmField],
    error: "validation:password.mismatch",
    when: (payload) => stringsPresent(payload.value, field, confirmField),
  });
}

function mustNotContainEmail<T extends { email: string; password: string }>() {
  return z.refine<T>(
    (value) => {
      const result = checkPassword(value.password, { email: value.email });
      return result.ok || result.reason !== "containsEmail";
    },
    {
      path: ["password"],
      error: "validation:password.containsEmail",
      when: (payload) => stringsPresent(payload.value, "password", "email"),
    },
  );
}

// ---------------------------------------------------------------------------------------------------
// Form schemas

export const loginSchema = z.object({
  email,
  password: enteredPassword,
  website: honeypot,
});

const accountFields = {
  displayName,
  email,
  password: newPassword,
  passwordConfirm,
};

export const volunteerRegistrationSchema = z
  .object({
    ...accountFields,
    language: z.enum(registrationLanguages, { error: "validation:language.invalid" }),
    acceptTerms: checkbox.refine((accepted) => accepted, { error: "validation:acceptTerms.required" }),
    website: honeypot,
  })
  .check(mustNotContainEmail(), mustMatch("password", "passwordConfirm"));

/** An optional text field: blank means none; otherwise trimmed and at most `max` characters. */
function optionalText(field: string, max: number) {
  return z
    .string()
    .trim()
    .refine((value) => characterCount(value) <= max, { error: `validation:${field}.tooLong` })
    .transform((value) => (value === "" ? undefined : value))
    .optional();
}

/** A judicial office's details (/admin/offices): its person in charge is named on its certificates. */
export const officeDetailsSchema = z.object({
  personInCharge: boundedText("personInCharge", 1, CONTACT_NAME_MAX_LENGTH),
  contactName: optionalText("contactName", CONTACT_NAME_MAX_LENGTH),
  contactPhone: z
    .string()
    .overwrite(normalizePhone)
    .refine((value) => value === "" || isValidPhone(value), { error: "validation:contactPhone.invalid" })
    .transform((value) => (value === "" ? undefined : value))
    .optional(),
  address: optionalText("address", ADDRESS_MAX_LENGTH),
});
export type OfficeDetails = z.infer<typeof officeDetailsSchema>;

export const organizationRegistrationSchema = z
  .object({
    kind: z.enum(organizationKinds, { error: "validation:organizationKind.invalid" }),
    organizationName: boundedText(
      "organizationName",
      ORGANIZATION_NAME_MIN_LENGTH,
      ORGANIZATION_NAME_MAX_LENGTH,
    ),
    creditCode,
    districtId: uuid("district"),
    contactName: boundedText("contactName", 1, CONTACT_NAME_MAX_LENGTH),
    contactPhone,
    address: boundedText("address", 1, ADDRESS_MAX_LENGTH),
    /** The non-discrimination pledge (《社区矫正法》第四条); required of enterprises only. */
    pledge: checkbox,
    ...accountFields,
    website: honeypot,
  })
  .check(
    z.refine((value) => value.kind !== "enterprise" || value.pledge, {
      path: ["pledge"],
      error: "validation:pledge.required",
      when: (payload) => {
        const value = payload.value as { kind?: unknown };
        return value.kind === "enterprise";
      },
    }),
    mustNotContainEmail(),
    mustMatch("password", "passwordConfirm"),
  );

/** The signed-in user's own profile (account page). */
export const profileSchema = z.object({
  displayName,
  language: z.enum(registrationLanguages, { error: "validation:language.invalid" }),
});

export const passwordResetRequestSchema = z.object({
  email,
  website: honeypot,
});

export const passwordResetSchema = z
  .object({
    token: z
      .string({ error: "validation:token.invalid" })
      .trim()
      .min(1, { error: "validation:token.invalid" })
      .max(TOKEN_MAX_LENGTH, { error: "validation:token.invalid" }),
    password: newPassword,
    passwordConfirm,
  })
  .check(mustMatch("password", "passwordConfirm"));

export const changePasswordSchema = z
  .object({
    currentPassword: z
      .string({ error: "validation:currentPassword.required" })
      .min(1, { error: "validation:currentPassword.required" })
      .refine((value) => passwordLength(value) <= PASSWORD_MAX_LENGTH, {
        error: "validation:password.tooLong",
      }),
    newPassword,
    newPasswordConfirm: passwordConfirm,
  })
  .check(
    z.refine((value) => value.newPassword !== value.currentPassword, {
      path: ["newPassword"],
      error: "validation:password.sameAsCurrent",
      when: (payload) => stringsPresent(payload.value, "currentPassword", "newPassword"),
    }),
    mustMatch("newPassword", "newPasswordConfirm"),
  );

export const emailVerificationCodeSchema = z.object({ code: sixDigitCode });

/** The verification page's code form: the address (prefilled from the link) and its 6-digit code. */
export const emailVerificationSchema = z.object({ email, code: sixDigitCode });

/** A 6-digit TOTP code or a recovery code `xxxxx-xxxxx` (lower-cased on output; see isRecoveryCode). */
export const totpCodeSchema = z.object({ code: totpOrRecoveryCode });

export const staffInvitationSchema = z.object({
  email,
  displayName,
  role: z.enum(invitableStaffRoles, { error: "validation:role.invalid" }),
  organizationId: uuid("organization"),
});

export const organizationDecisions = ["verify", "reject", "suspend", "reinstate"] as const;
/** Decisions the organization is told the reason of (in the status email): a reason is required. */
const decisionsWithReason: readonly string[] = ["reject", "suspend"];

/**
 * A staff decision on an organization (/staff/organizations, one form per row): the pressed button
 * is the decision; rejecting or suspending needs a reason, which the organization reads.
 */
export const organizationDecisionSchema = z
  .object({
    organizationId: z
      .string({ error: "validation:form.invalid" })
      .pipe(z.uuid({ error: "validation:form.invalid" })),
    decision: z.enum(organizationDecisions, { error: "validation:form.invalid" }),
    reason: z
      .string({ error: "validation:form.invalid" })
      .trim()
      .refine((value) => characterCount(value) <= ORGANIZATION_REASON_MAX_LENGTH, {
        error: "accounts:organizations.reasonTooLong",
      })
      .optional(),
  })
  .check(
    z.refine((value) => !decisionsWithReason.includes(value.decision) || Boolean(value.reason), {
      path: ["reason"],
      error: "accounts:organizations.reasonRequired",
      when: (payload) => {
        const value = payload.value as { decision?: unknown; reason?: unknown };
        return (
          typeof value.decision === "string" &&
          decisionsWithReason.includes(value.decision) &&
          (value.reason === undefined || typeof value.reason === "string")
        );
      },
    }),
  );

/** `npm run create-admin -- --email … --name …` (messages are printed in the operator's terminal). */
export const createAdminSchema = z.object({ email, displayName });

export type LoginInput = z.infer<typeof loginSchema>;
export type VolunteerRegistrationInput = z.infer<typeof volunteerRegistrationSchema>;
export type OrganizationRegistrationInput = z.infer<typeof organizationRegistrationSchema>;
export type ProfileInput = z.infer<typeof profileSchema>;
export type PasswordResetRequestInput = z.infer<typeof passwordResetRequestSchema>;
export type PasswordResetInput = z.infer<typeof passwordResetSchema>;
export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
export type EmailVerificationCodeInput = z.infer<typeof emailVerificationCodeSchema>;
export type TotpCodeInput = z.infer<typeof totpCodeSchema>;
export type StaffInvitationInput = z.infer<typeof staffInvitationSchema>;

/**
 * The first message of each field, keyed by its path joined with "." (`{ "password": "validation:…" }`);
 * an issue about the whole form has the key "".
 */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.map(String).join(".");
    if (!(key in errors)) errors[key] = issue.message;
  }
  return errors;
}
