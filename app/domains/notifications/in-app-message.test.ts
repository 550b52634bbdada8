import { createInstance } from "i18next";
import { describe, expect, it } from "vitest";
import en from "~/locales/en/notifications.json";
import zhCN from "~/locales/zh-CN/notifications.json";
import { inAppMessage, type TranslateNotifications } from "./in-app-message";

const instance = createInstance();
await instance.init({
  resources: { "zh-CN": { notifications: zhCN }, en: { notifications: en } },
  lng: "zh-CN",
  fallbackLng: false,
  ns: ["notifications"],
  defaultNS: "notifications",
  interpolation: { escapeValue: false },
});

function translator(language: "zh-CN" | "en"): TranslateNotifications {
  const t = instance.getFixedT(language, "notifications");
  return (key, options) => String(t(key, options));
}

describe("in-app notification text", () => {
  it("reads an organization decision in the reader's language, with the reason", () => {
    const data = { organizationName: "恒达制造有限公司", status: "rejected", reason: "营业执照不清晰" };
    expect(inAppMessage(translator("zh-CN"), "organization-status", data)).toEqual({
      title: "机构审核结果",
      body: "恒达制造有限公司 的状态已更新为：未通过审核。 说明：营业执照不清晰",
    });
    expect(inAppMessage(translator("en"), "organization-status", { ...data, reason: null })).toEqual({
      title: "Organization review result",
      body: "The status of 恒达制造有限公司 is now: not approved.",
    });
  });

  it("reads both kinds of registration receipts", () => {
    expect(inAppMessage(translator("en"), "registration-received", { registration: "volunteer" }).body).toBe(
      "We received your volunteer registration; it is waiting for review.",
    );
    expect(
      inAppMessage(translator("zh-CN"), "registration-received", {
        registration: "organization",
        organizationName: "明法律师事务所",
      }).body,
    ).toBe("我们已收到 明法律师事务所 的机构注册申请，正在等待审核。");
  });

  it("reads volunteer registration notices with the number or the reason", () => {
    expect(
      inAppMessage(translator("zh-CN"), "volunteer-registration-decided", {
        decision: "approved",
        volunteerNumber: "V2026000123",
        reason: null,
      }),
    ).toEqual({ title: "志愿者审核结果", body: "您的志愿者注册已通过审核，志愿者编号 V2026000123。" });
    expect(
      inAppMessage(translator("en"), "volunteer-registration-decided", {
        decision: "rejected",
        reason: "照片不清晰",
      }).body,
    ).toBe("Your volunteer registration was not approved. Reason: 照片不清晰");
    expect(
      inAppMessage(translator("en"), "volunteer-vetting-requested", { volunteerName: "王晓燕" }).body,
    ).toBe("王晓燕's volunteer registration is waiting for review.");
    expect(
      inAppMessage(translator("en"), "volunteer-registration-decided", { decision: "deleted" }).body,
    ).toBeNull();
  });

  it("never fails on unknown kinds or damaged data", () => {
    expect(inAppMessage(translator("zh-CN"), "something-new", { x: 1 })).toEqual({
      title: "平台消息",
      body: null,
    });
    expect(inAppMessage(translator("en"), "organization-status", "not an object")).toEqual({
      title: "Organization review result",
      body: null,
    });
    expect(
      inAppMessage(translator("en"), "organization-status", { organizationName: "X", status: "deleted" })
        .body,
    ).toBeNull();
    expect(inAppMessage(translator("en"), "registration-received", null).body).toBeNull();
  });
});
