/**
 * Limits and option lists of the account forms, without zod or the password list, so pages and
 * i18n setup in the browser can use them at no cost. The schemas in validation.ts enforce them.
 */
export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 64;
export const EMAIL_MAX_LENGTH = 254;
export const DISPLAY_NAME_MAX_LENGTH = 50;
export const ORGANIZATION_NAME_MIN_LENGTH = 2;
export const ORGANIZATION_NAME_MAX_LENGTH = 100;
export const CONTACT_NAME_MAX_LENGTH = 50;
export const ADDRESS_MAX_LENGTH = 200;
export const TOKEN_MAX_LENGTH = 512;
/** The reason given when an organization is rejected or suspended. */
export const ORGANIZATION_REASON_MAX_LENGTH = 500;

/** Must equal `supportedLanguages` in ~/i18n (a test checks); not imported, so scripts can use this file. */
export const registrationLanguages = ["zh-CN", "en"] as const;
export const organizationKinds = ["enterprise", "law_firm", "social_org"] as const;
export const invitableStaffRoles = ["office_staff", "bureau_admin"] as const;

/**
 * Interpolation values of the keys whose message contains `{{…}}`. Variable names are unique across the
 * namespace, so the UI can either call `t(key, validationMessageValues[key])` or register
 * {@link validationDefaultVariables} once as i18next's `interpolation.defaultVariables` and call `t(key)`.
 */
export const validationMessageValues: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  "validation:email.tooLong": { emailMax: EMAIL_MAX_LENGTH },
  "validation:password.tooShort": { passwordMin: PASSWORD_MIN_LENGTH },
  "validation:password.tooLong": { passwordMax: PASSWORD_MAX_LENGTH },
  "validation:displayName.tooLong": { displayNameMax: DISPLAY_NAME_MAX_LENGTH },
  "validation:organizationName.tooShort": { organizationNameMin: ORGANIZATION_NAME_MIN_LENGTH },
  "validation:organizationName.tooLong": { organizationNameMax: ORGANIZATION_NAME_MAX_LENGTH },
  "validation:contactName.tooLong": { contactNameMax: CONTACT_NAME_MAX_LENGTH },
  "validation:personInCharge.tooLong": { contactNameMax: CONTACT_NAME_MAX_LENGTH },
  "validation:address.tooLong": { addressMax: ADDRESS_MAX_LENGTH },
};

/** All values of {@link validationMessageValues} in one object, for `interpolation.defaultVariables`. */
export const validationDefaultVariables: Readonly<Record<string, number>> = Object.assign(
  {},
  ...Object.values(validationMessageValues),
);
