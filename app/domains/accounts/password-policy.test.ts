import { describe, expect, it } from "vitest";
import { commonPasswords } from "./common-passwords";
import { checkPassword, passwordLength } from "./password-policy";

const GOOD = "correct horse battery staple";

describe("commonPasswords", () => {
  it("has at least 1,000 entries, all lower case and at least 8 code points long", () => {
    expect(commonPasswords.size).toBeGreaterThanOrEqual(1000);
    for (const password of commonPasswords) {
      expect(password, password).toBe(password.toLowerCase());
      expect(passwordLength(password), password).toBeGreaterThanOrEqual(8);
    }
  });

  it.each([
    "12345678",
    "123456789",
    "1234567890",
    "88888888",
    "11111111",
    "woaini1314",
    "5201314520",
    "qq123456",
    "a123456789",
    "abc123456",
    "password",
    "iloveyou",
    "1qaz2wsx",
    "qwertyuiop",
    "zxcvbnm123",
    "147258369",
    "987654321",
    "123123123",
    "aa123456",
    "1q2w3e4r",
    "dearbook",
    "password2024",
    "woaini2025",
    "admin2020",
    "999999999999",
    "01234567",
    "98765432",
    "abcdefgh",
    "19900101",
    "qwerty123",
  ])("contains %s", (password) => {
    expect(commonPasswords.has(password)).toBe(true);
  });

  it("does not contain an ordinary passphrase", () => {
    expect(commonPasswords.has(GOOD)).toBe(false);
  });
});

describe("passwordLength", () => {
  it("counts code points, not UTF-16 units", () => {
    expect(passwordLength("密码")).toBe(2);
    expect(passwordLength("😀😀")).toBe(2); // 4 UTF-16 units
    expect("😀😀".length).toBe(4);
  });
});

describe("checkPassword", () => {
  it("accepts 8 characters and 64 characters", () => {
    expect(checkPassword("tr0ub4d!")).toEqual({ ok: true });
    expect(checkPassword("x".repeat(63) + "y")).toEqual({ ok: true });
    expect(checkPassword(GOOD)).toEqual({ ok: true });
  });

  it("refuses 7 characters as tooShort and 65 as tooLong", () => {
    expect(checkPassword("tr0ub4d")).toEqual({ ok: false, reason: "tooShort" });
    expect(checkPassword("")).toEqual({ ok: false, reason: "tooShort" });
    expect(checkPassword("x".repeat(64) + "y")).toEqual({ ok: false, reason: "tooLong" });
  });

  it("counts emoji and Chinese characters as one character each", () => {
    // 7 emoji = 14 UTF-16 units, still too short.
    expect(checkPassword("🐼".repeat(7))).toEqual({ ok: false, reason: "tooShort" });
    expect(checkPassword("🐼".repeat(8))).toEqual({ ok: true });
    // 40 emoji = 80 UTF-16 units, but 40 characters: accepted.
    expect(checkPassword("🐼".repeat(40))).toEqual({ ok: true });
    expect(checkPassword("🐼".repeat(65))).toEqual({ ok: false, reason: "tooLong" });
    expect(checkPassword("社区矫正帮扶平台")).toEqual({ ok: true });
  });

  it("has no composition rules: all lower-case letters or all digits are fine if not common", () => {
    expect(checkPassword("plumtreelantern")).toEqual({ ok: true });
    expect(checkPassword("80417362951")).toEqual({ ok: true });
  });

  it("refuses common passwords case-insensitively", () => {
    expect(checkPassword("password")).toEqual({ ok: false, reason: "common" });
    expect(checkPassword("PassWord")).toEqual({ ok: false, reason: "common" });
    expect(checkPassword("WOAINI1314")).toEqual({ ok: false, reason: "common" });
    expect(checkPassword("Qq123456")).toEqual({ ok: false, reason: "common" });
  });

  it("does not trim: surrounding spaces make a different password", () => {
    expect(checkPassword(" password ")).toEqual({ ok: true });
  });

  it("refuses a password containing the email's local part (≥ 4 characters), case-insensitively", () => {
    const email = "Zhang.Wei@example.com";
    expect(checkPassword("zhang.wei-2025!", { email })).toEqual({ ok: false, reason: "containsEmail" });
    expect(checkPassword("MyZHANG.WEIpass", { email })).toEqual({ ok: false, reason: "containsEmail" });
    expect(checkPassword("zhangwei-2025!", { email })).toEqual({ ok: true });
  });

  it("ignores local parts shorter than 4 characters and missing or malformed emails", () => {
    expect(checkPassword("xyz-plumtree", { email: "xyz@example.com" })).toEqual({ ok: true });
    expect(checkPassword("abcd-plumtree", { email: "abcd@example.com" })).toEqual({
      ok: false,
      reason: "containsEmail",
    });
    expect(checkPassword("abcd-plumtree", { email: "abcd" })).toEqual({ ok: true });
    expect(checkPassword("abcd-plumtree", { email: "" })).toEqual({ ok: true });
    expect(checkPassword("abcd-plumtree", {})).toEqual({ ok: true });
  });

  it("reports length before commonness, and commonness before the email", () => {
    expect(checkPassword("pass", { email: "pass@example.com" })).toEqual({ ok: false, reason: "tooShort" });
    expect(checkPassword("password", { email: "password@example.com" })).toEqual({
      ok: false,
      reason: "common",
    });
  });
});
