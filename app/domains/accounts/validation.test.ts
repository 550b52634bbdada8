import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { createInstance } from "i18next";
import { afterAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { supportedLanguages } from "~/i18n";
import en from "~/locales/en/validation.json";
import zhCN from "~/locales/zh-CN/validation.json";
import {
  changePasswordSchema,
  emailVerificationCodeSchema,
  fieldErrors,
  isRecoveryCode,
  isValidPhone,
  loginSchema,
  normalizePhone,
  officeDetailsSchema,
  organizationRegistrationSchema,
  passwordProblemKey,
  passwordResetRequestSchema,
  passwordResetSchema,
  registrationLanguages,
  staffInvitationSchema,
  totpCodeSchema,
  validationDefaultVariables,
  validationMessageValues,
  profileSchema,
  volunteerRegistrationSchema,
} from "./validation";

const UUID = "6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6";
const GOOD_PASSWORD = "plum tree lantern";

/** Every message any schema produced in this file; checked against the locale files at the end. */
const emitted = new Set<string>();

function errorsOf(schema: z.ZodType, input: unknown): Record<string, string> {
  const result = schema.safeParse(input);
  if (result.success) return {};
  const errors = fieldErrors(result.error);
  for (const message of Object.values(errors)) emitted.add(message);
  for (const issue of result.error.issues) emitted.add(issue.message);
  return errors;
}

function flatten(value: unknown, prefix = ""): string[] {
  if (value === null || typeof value !== "object") return [prefix];
  return Object.entries(value as Record<string, unknown>).flatMap(([key, child]) =>
    flatten(child, prefix ? `${prefix}.${key}` : key),
  );
}

const volunteer = {
  displayName: "  李明  ",
  email: "  Li.Ming@Example.COM ",
  password: GOOD_PASSWORD,
  passwordConfirm: GOOD_PASSWORD,
  language: "zh-CN",
  acceptTerms: "on",
  website: "",
};

const organization = {
  kind: "enterprise",
  organizationName: "杭州西湖帮扶科技有限公司",
  creditCode: "9131 0115 ma1k 3yj8 1l",
  districtId: UUID,
  contactName: "王芳",
  contactPhone: "138 0013 8000",
  address: "浙江省杭州市西湖区文三路 100 号",
  pledge: "on",
  displayName: "王芳",
  email: "hr@example.com",
  password: GOOD_PASSWORD,
  passwordConfirm: GOOD_PASSWORD,
  website: "",
};

describe("loginSchema", () => {
  it("trims and lower-cases the email, keeps the password as typed", () => {
    expect(loginSchema.parse({ email: " A@B.CN ", password: " x ", website: "" })).toEqual({
      email: "a@b.cn",
      password: " x ",
      website: "",
    });
  });

  it("applies no password policy at sign-in", () => {
    expect(errorsOf(loginSchema, { email: "a@b.cn", password: "123" })).toEqual({});
  });

  it("requires email and password", () => {
    expect(errorsOf(loginSchema, { email: "  ", password: "" })).toEqual({
      email: "validation:email.required",
      password: "validation:password.required",
    });
    expect(errorsOf(loginSchema, {})).toEqual({
      email: "validation:email.required",
      password: "validation:password.required",
    });
  });

  it("rejects malformed emails", () => {
    for (const email of [
      "li",
      "li@",
      "@example.com",
      "li@example",
      "li ming@example.com",
      "li..ming@example.com",
    ]) {
      expect(errorsOf(loginSchema, { email, password: "x" }), email).toEqual({
        email: "validation:email.invalid",
      });
    }
  });

  it("limits the email to 254 characters", () => {
    const local = "a".repeat(64);
    const at254 = `${local}@${"b".repeat(63)}.${"c".repeat(63)}.${"d".repeat(58)}.cn`;
    expect(at254).toHaveLength(254);
    expect(errorsOf(loginSchema, { email: at254, password: "x" })).toEqual({});
    expect(errorsOf(loginSchema, { email: `a${at254}`, password: "x" })).toEqual({
      email: "validation:email.tooLong",
    });
  });

  it("limits the password to 64 code points, not UTF-16 units", () => {
    expect(errorsOf(loginSchema, { email: "a@b.cn", password: "🐼".repeat(64) })).toEqual({});
    expect(errorsOf(loginSchema, { email: "a@b.cn", password: "x".repeat(65) })).toEqual({
      password: "validation:password.tooLong",
    });
  });

  it("rejects a filled honeypot", () => {
    expect(errorsOf(loginSchema, { email: "a@b.cn", password: "x", website: "http://spam" })).toEqual({
      website: "validation:honeypot.filled",
    });
  });
});

describe("volunteerRegistrationSchema", () => {
  it("accepts and normalizes a good registration", () => {
    expect(volunteerRegistrationSchema.parse(volunteer)).toEqual({
      displayName: "李明",
      email: "li.ming@example.com",
      password: GOOD_PASSWORD,
      passwordConfirm: GOOD_PASSWORD,
      language: "zh-CN",
      acceptTerms: true,
      website: "",
    });
    expect(
      volunteerRegistrationSchema.parse({ ...volunteer, acceptTerms: true, website: undefined }).acceptTerms,
    ).toBe(true);
  });

  it("maps each password problem to its key", () => {
    const withPassword = (password: string) =>
      errorsOf(volunteerRegistrationSchema, { ...volunteer, password, passwordConfirm: password });
    expect(withPassword("")).toEqual({ password: "validation:password.required" });
    expect(withPassword("short")).toEqual({ password: "validation:password.tooShort" });
    expect(withPassword("x".repeat(65))).toEqual({ password: "validation:password.tooLong" });
    expect(withPassword("WoAiNi1314")).toEqual({ password: "validation:password.common" });
    expect(withPassword("li.ming-lantern")).toEqual({ password: "validation:password.containsEmail" });
  });

  it("reports a mismatched confirmation on passwordConfirm", () => {
    expect(
      errorsOf(volunteerRegistrationSchema, { ...volunteer, passwordConfirm: "plum tree lanterns" }),
    ).toEqual({
      passwordConfirm: "validation:password.mismatch",
    });
    expect(errorsOf(volunteerRegistrationSchema, { ...volunteer, passwordConfirm: undefined })).toEqual({
      passwordConfirm: "validation:password.confirmRequired",
    });
  });

  it("reports every problem at once, even with the terms checkbox missing", () => {
    expect(
      errorsOf(volunteerRegistrationSchema, {
        ...volunteer,
        displayName: " ",
        email: "nope",
        passwordConfirm: "other",
        language: "fr",
        acceptTerms: undefined,
        website: "x",
      }),
    ).toEqual({
      displayName: "validation:displayName.required",
      email: "validation:email.invalid",
      passwordConfirm: "validation:password.mismatch",
      language: "validation:language.invalid",
      acceptTerms: "validation:acceptTerms.required",
      website: "validation:honeypot.filled",
    });
  });

  it("requires the terms to be accepted", () => {
    for (const acceptTerms of [undefined, "", "off", false]) {
      expect(
        errorsOf(volunteerRegistrationSchema, { ...volunteer, acceptTerms }),
        String(acceptTerms),
      ).toEqual({
        acceptTerms: "validation:acceptTerms.required",
      });
    }
  });

  it("limits the display name to 50 characters after trimming", () => {
    expect(
      errorsOf(volunteerRegistrationSchema, { ...volunteer, displayName: ` ${"李".repeat(50)} ` }),
    ).toEqual({});
    expect(errorsOf(volunteerRegistrationSchema, { ...volunteer, displayName: "李".repeat(51) })).toEqual({
      displayName: "validation:displayName.tooLong",
    });
  });

  it("offers exactly the supported languages", () => {
    expect([...registrationLanguages].sort()).toEqual([...supportedLanguages].sort());
    expect(errorsOf(volunteerRegistrationSchema, { ...volunteer, language: "en" })).toEqual({});
  });
});

describe("organizationRegistrationSchema", () => {
  it("accepts an enterprise and normalizes the credit code and phone", () => {
    const parsed = organizationRegistrationSchema.parse(organization);
    expect(parsed).toMatchObject({
      kind: "enterprise",
      creditCode: "91310115MA1K3YJ81L",
      contactPhone: "13800138000",
      pledge: true,
      email: "hr@example.com",
    });
  });

  it("requires the non-discrimination pledge of enterprises only, on the pledge field", () => {
    expect(errorsOf(organizationRegistrationSchema, { ...organization, pledge: undefined })).toEqual({
      pledge: "validation:pledge.required",
    });
    expect(errorsOf(organizationRegistrationSchema, { ...organization, pledge: false })).toEqual({
      pledge: "validation:pledge.required",
    });
    for (const kind of ["law_firm", "social_org"]) {
      expect(
        errorsOf(organizationRegistrationSchema, { ...organization, kind, pledge: undefined }),
        kind,
      ).toEqual({});
    }
  });

  it("reports the pledge even when another field is missing", () => {
    const { contactName: _omitted, ...withoutContact } = organization;
    expect(errorsOf(organizationRegistrationSchema, { ...withoutContact, pledge: undefined })).toEqual({
      contactName: "validation:contactName.required",
      pledge: "validation:pledge.required",
    });
  });

  it("runs the cross-field rules even when every text field is invalid", () => {
    expect(
      errorsOf(organizationRegistrationSchema, {
        ...organization,
        organizationName: " ",
        creditCode: "x",
        districtId: "",
        contactPhone: "1",
        pledge: "",
        passwordConfirm: "different",
      }),
    ).toEqual({
      organizationName: "validation:organizationName.required",
      creditCode: "validation:creditCode.length",
      districtId: "validation:district.required",
      contactPhone: "validation:contactPhone.invalid",
      pledge: "validation:pledge.required",
      passwordConfirm: "validation:password.mismatch",
    });
  });

  it("rejects an unknown kind", () => {
    expect(errorsOf(organizationRegistrationSchema, { ...organization, kind: "bank" })).toEqual({
      kind: "validation:organizationKind.invalid",
    });
  });

  it("gives a reason-specific key for a bad credit code", () => {
    const withCode = (creditCode: string | undefined) =>
      errorsOf(organizationRegistrationSchema, { ...organization, creditCode });
    expect(withCode("")).toEqual({ creditCode: "validation:creditCode.required" });
    expect(withCode(undefined)).toEqual({ creditCode: "validation:creditCode.required" });
    expect(withCode("91310115MA1K3YJ81")).toEqual({ creditCode: "validation:creditCode.length" });
    expect(withCode("91310115MA1K3YJ8IL")).toEqual({ creditCode: "validation:creditCode.characters" });
    expect(withCode("91310115MA1K3YJ81M")).toEqual({ creditCode: "validation:creditCode.checksum" });
    expect(withCode("９１３１０１１５ＭＡ１Ｋ３ＹＪ８１Ｌ")).toEqual({});
  });

  it("checks the organization name length (2–100, trimmed)", () => {
    const withName = (organizationName: string) =>
      errorsOf(organizationRegistrationSchema, { ...organization, organizationName });
    expect(withName("  ")).toEqual({ organizationName: "validation:organizationName.required" });
    expect(withName(" 甲 ")).toEqual({ organizationName: "validation:organizationName.tooShort" });
    expect(withName("甲乙")).toEqual({});
    expect(withName("甲".repeat(100))).toEqual({});
    expect(withName("甲".repeat(101))).toEqual({ organizationName: "validation:organizationName.tooLong" });
  });

  it("requires a district uuid", () => {
    expect(errorsOf(organizationRegistrationSchema, { ...organization, districtId: "" })).toEqual({
      districtId: "validation:district.required",
    });
    expect(errorsOf(organizationRegistrationSchema, { ...organization, districtId: "xihu" })).toEqual({
      districtId: "validation:district.invalid",
    });
  });

  it("checks contact name, address and phone", () => {
    expect(
      errorsOf(organizationRegistrationSchema, {
        ...organization,
        contactName: "王".repeat(51),
        address: "",
        contactPhone: "",
      }),
    ).toEqual({
      contactName: "validation:contactName.tooLong",
      address: "validation:address.required",
      contactPhone: "validation:contactPhone.required",
    });
    expect(errorsOf(organizationRegistrationSchema, { ...organization, address: "路".repeat(201) })).toEqual({
      address: "validation:address.tooLong",
    });
    expect(errorsOf(organizationRegistrationSchema, { ...organization, contactPhone: "12345" })).toEqual({
      contactPhone: "validation:contactPhone.invalid",
    });
  });

  it("checks the admin user's password against the admin email", () => {
    expect(
      errorsOf(organizationRegistrationSchema, {
        ...organization,
        email: "wangfang@example.com",
        password: "WangFang-lantern",
        passwordConfirm: "WangFang-lantern",
      }),
    ).toEqual({ password: "validation:password.containsEmail" });
    expect(errorsOf(organizationRegistrationSchema, { ...organization, passwordConfirm: "x" })).toEqual({
      passwordConfirm: "validation:password.mismatch",
    });
  });
});

describe("profileSchema", () => {
  it("accepts a trimmed name and a supported language", () => {
    expect(profileSchema.parse({ displayName: " 李明 ", language: "en" })).toEqual({
      displayName: "李明",
      language: "en",
    });
    expect(errorsOf(profileSchema, { displayName: "", language: "de" })).toEqual({
      displayName: "validation:displayName.required",
      language: "validation:language.invalid",
    });
  });
});

describe("phone numbers", () => {
  it.each([
    ["13800138000", "13800138000"],
    ["138 0013 8000", "13800138000"],
    ["138-0013-8000", "13800138000"],
    ["+86 138 0013 8000", "13800138000"],
    ["８６１３８００１３８０００", "13800138000"],
    ["010-12345678", "010-12345678"],
    [" 0571-1234567 ", "0571-1234567"],
    ["0571-12345678", "0571-12345678"],
  ])("accepts %s as %s", (input, normalized) => {
    expect(normalizePhone(input)).toBe(normalized);
    expect(isValidPhone(normalizePhone(input))).toBe(true);
  });

  it.each([
    "12800138000",
    "1380013800",
    "138001380000",
    "01012345678",
    "010-123456",
    "10-12345678",
    "571-1234567",
  ])("rejects %s", (input) => {
    expect(isValidPhone(normalizePhone(input))).toBe(false);
  });
});

describe("password reset", () => {
  it("requests a reset with a valid email and an empty honeypot", () => {
    expect(passwordResetRequestSchema.parse({ email: " X@Y.CN " })).toEqual({ email: "x@y.cn" });
    expect(errorsOf(passwordResetRequestSchema, { email: "x@y.cn", website: "z" })).toEqual({
      website: "validation:honeypot.filled",
    });
    expect(errorsOf(passwordResetRequestSchema, { email: "xy" })).toEqual({
      email: "validation:email.invalid",
    });
  });

  it("resets with a token and a confirmed, acceptable password", () => {
    const good = { token: "abc", password: GOOD_PASSWORD, passwordConfirm: GOOD_PASSWORD };
    expect(errorsOf(passwordResetSchema, good)).toEqual({});
    expect(errorsOf(passwordResetSchema, { ...good, token: " " })).toEqual({
      token: "validation:token.invalid",
    });
    expect(errorsOf(passwordResetSchema, { ...good, token: "t".repeat(513) })).toEqual({
      token: "validation:token.invalid",
    });
    expect(
      errorsOf(passwordResetSchema, { ...good, password: "password1", passwordConfirm: "password1" }),
    ).toEqual({
      password: "validation:password.common",
    });
    expect(errorsOf(passwordResetSchema, { ...good, passwordConfirm: "plum tree" })).toEqual({
      passwordConfirm: "validation:password.mismatch",
    });
  });
});

describe("changePasswordSchema", () => {
  const good = {
    currentPassword: "old secret",
    newPassword: GOOD_PASSWORD,
    newPasswordConfirm: GOOD_PASSWORD,
  };

  it("accepts a new, confirmed password", () => {
    expect(errorsOf(changePasswordSchema, good)).toEqual({});
  });

  it("requires the current password and a different new one", () => {
    expect(errorsOf(changePasswordSchema, { ...good, currentPassword: "" })).toEqual({
      currentPassword: "validation:currentPassword.required",
    });
    expect(errorsOf(changePasswordSchema, { ...good, currentPassword: GOOD_PASSWORD })).toEqual({
      newPassword: "validation:password.sameAsCurrent",
    });
  });

  it("applies the policy to the new password and checks the confirmation", () => {
    expect(
      errorsOf(changePasswordSchema, { ...good, newPassword: "1q2w3e4r", newPasswordConfirm: "1q2w3e4r" }),
    ).toEqual({ newPassword: "validation:password.common" });
    expect(errorsOf(changePasswordSchema, { ...good, newPasswordConfirm: "nope" })).toEqual({
      newPasswordConfirm: "validation:password.mismatch",
    });
  });
});

describe("codes", () => {
  it("accepts a 6-digit email code, tolerating spaces and full-width digits", () => {
    expect(emailVerificationCodeSchema.parse({ code: " 123 456 " })).toEqual({ code: "123456" });
    expect(emailVerificationCodeSchema.parse({ code: "０１２３４５" })).toEqual({ code: "012345" });
    for (const code of ["12345", "1234567", "12345a", "", undefined]) {
      expect(errorsOf(emailVerificationCodeSchema, { code }), String(code)).toEqual({
        code: "validation:verificationCode.invalid",
      });
    }
  });

  it("accepts a TOTP code or a recovery code", () => {
    expect(totpCodeSchema.parse({ code: "123 456" })).toEqual({ code: "123456" });
    expect(totpCodeSchema.parse({ code: " AB3DE-7FGH2 " })).toEqual({ code: "ab3de-7fgh2" });
    expect(isRecoveryCode("ab3de-7fgh2")).toBe(true);
    expect(isRecoveryCode("123456")).toBe(false);
    for (const code of ["12345", "abcde7fgh2", "abcd-efghi", "abcde-fghij-k", "ab3de_7fgh2"]) {
      expect(errorsOf(totpCodeSchema, { code }), code).toEqual({ code: "validation:totpCode.invalid" });
    }
  });
});

describe("staffInvitationSchema", () => {
  const good = { email: "Staff@SFJ.gov.cn", displayName: "赵敏", role: "office_staff", organizationId: UUID };

  it("accepts an invitation", () => {
    expect(staffInvitationSchema.parse(good)).toEqual({ ...good, email: "staff@sfj.gov.cn" });
  });

  it("rejects an unknown role and a missing organization", () => {
    expect(errorsOf(staffInvitationSchema, { ...good, role: "volunteer", organizationId: "" })).toEqual({
      role: "validation:role.invalid",
      organizationId: "validation:organization.required",
    });
    expect(errorsOf(staffInvitationSchema, { ...good, organizationId: "42" })).toEqual({
      organizationId: "validation:organization.invalid",
    });
  });
});

describe("officeDetailsSchema", () => {
  it("requires the person in charge, bounds names and checks the phone", () => {
    expect(
      officeDetailsSchema.parse({
        personInCharge: " 周建国 ",
        contactName: "",
        contactPhone: "",
        address: "",
      }),
    ).toEqual({
      personInCharge: "周建国",
    });
    expect(errorsOf(officeDetailsSchema, { personInCharge: "  ", contactPhone: "12345" })).toEqual({
      personInCharge: "validation:personInCharge.required",
      contactPhone: "validation:contactPhone.invalid",
    });
    expect(errorsOf(officeDetailsSchema, { personInCharge: "周".repeat(200) })).toEqual({
      personInCharge: "validation:personInCharge.tooLong",
    });
  });
});

describe("fieldErrors", () => {
  it("keeps the first message per dotted path", () => {
    const result = volunteerRegistrationSchema.safeParse({ ...volunteer, email: "" });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(fieldErrors(result.error)).toEqual({ email: "validation:email.required" });
  });

  it("joins nested paths with dots and uses '' for the form itself", async () => {
    const { z } = await import("zod");
    const schema = z
      .object({ contact: z.object({ phone: z.string().min(1, "a").min(2, "b") }) })
      .refine(() => false, "form");
    const result = schema.safeParse({ contact: { phone: "" } });
    expect(result.success).toBe(false);
    if (!result.success) expect(fieldErrors(result.error)).toEqual({ "contact.phone": "a", "": "form" });
  });
});

describe("message keys", () => {
  it("maps every password problem to a key", () => {
    expect(passwordProblemKey("tooShort")).toBe("validation:password.tooShort");
    expect(passwordProblemKey("containsEmail")).toBe("validation:password.containsEmail");
  });

  it("every key written in validation.ts exists in both locale files", () => {
    const source = readFileSync(path.join(import.meta.dirname, "validation.ts"), "utf8");
    const literalKeys = [...source.matchAll(/"validation:([\w.]+)"/g)].map((match) => match[1]);
    expect(literalKeys.length).toBeGreaterThan(20);
    for (const key of literalKeys) {
      expect(flatten(zhCN), key).toContain(key);
      expect(flatten(en), key).toContain(key);
    }
  });

  it("interpolation values render every {{placeholder}} in both languages", async () => {
    const i18n = createInstance();
    await i18n.init({
      resources: { "zh-CN": { validation: zhCN }, en: { validation: en } },
      lng: "zh-CN",
      interpolation: { escapeValue: false },
    });
    for (const language of ["zh-CN", "en"]) {
      for (const key of flatten(language === "en" ? en : zhCN)) {
        const fullKey = `validation:${key}`;
        const text = i18n.t(fullKey, { lng: language, ...validationMessageValues[fullKey] });
        expect(text, `${language} ${fullKey}`).not.toMatch(/\{\{|validation:/);
      }
    }
    expect(
      i18n.t("validation:password.tooShort", {
        lng: "en",
        ...validationMessageValues["validation:password.tooShort"],
      }),
    ).toBe("Use at least 8 characters. A phrase you can remember works well.");
  });

  it("renders every message with no values passed once the defaults are registered", async () => {
    const i18n = createInstance();
    await i18n.init({
      resources: { "zh-CN": { validation: zhCN }, en: { validation: en } },
      lng: "zh-CN",
      interpolation: { escapeValue: false, defaultVariables: { ...validationDefaultVariables } },
    });
    for (const language of ["zh-CN", "en"]) {
      for (const key of flatten(language === "en" ? en : zhCN)) {
        expect(i18n.t(`validation:${key}`, { lng: language }), `${language} ${key}`).not.toMatch(/\{\{/);
      }
    }
    expect(i18n.t("validation:organizationName.tooLong")).toBe("机构名称不能超过 100 个字符。");
    expect(i18n.t("validation:organizationName.tooShort", { lng: "en" })).toContain("at least 2 characters");
  });
});

/** Keys that server-side checks (a taken email, an unknown district…) write outside the schemas. */
function keysUsedOutsideSchemas(): Set<string> {
  const appDir = path.join(import.meta.dirname, "../..");
  const found = new Set<string>();
  for (const entry of readdirSync(appDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !/\.(ts|tsx)$/.test(entry.name) || /\.test\.tsx?$/.test(entry.name)) continue;
    if (entry.name === "validation.ts" && entry.parentPath === import.meta.dirname) continue;
    const source = readFileSync(path.join(entry.parentPath, entry.name), "utf8");
    for (const match of source.matchAll(/"validation:([\w.]+)"/g)) found.add(`validation:${match[1]}`);
  }
  return found;
}

afterAll(() => {
  // Every emitted message is a translated key, and every translated key was emitted by some test above
  // or is written by server-side code: no English leaks through, and no key in the locale files is dead.
  const translated = flatten(zhCN).map((key) => `validation:${key}`);
  const used = new Set([...emitted, ...keysUsedOutsideSchemas()]);
  expect(translated.filter((key) => !used.has(key))).toEqual([]);
  expect([...emitted].filter((key) => !translated.includes(key))).toEqual([]);
  for (const key of keysUsedOutsideSchemas()) expect(translated, key).toContain(key);
});
