import { describe, expect, it } from "vitest";
import { i18nServer, translateCallKey } from "~/i18n.server";

const request = (headers: Record<string, string>) => new Request("http://localhost/", { headers });

describe("i18nServer (one instance per language, created once)", () => {
  it("translates at once after import, in both languages and any namespace", async () => {
    const zh = await i18nServer.getFixedT("zh-CN");
    const en = await i18nServer.getFixedT("en");
    expect(zh("app.name")).not.toBe("app.name");
    expect(en("app.name")).not.toBe(zh("app.name"));
    const hours = await i18nServer.getFixedT("en", "hours");
    expect(typeof hours("title", { defaultValue: "" })).toBe("string");
  });

  it("hands out the same fixed-T function and the same instance every time", async () => {
    expect(await i18nServer.getFixedT("en", "accounts")).toBe(await i18nServer.getFixedT("en", "accounts"));
    expect(await i18nServer.getFixedT("en", ["accounts", "common"])).toBe(
      await i18nServer.getFixedT("en", ["accounts", "common"]),
    );
    expect(i18nServer.instance("en")).toBe(i18nServer.instance("en"));
    expect(i18nServer.instance("en")).not.toBe(i18nServer.instance("zh-CN"));
    expect(i18nServer.instance("en").language).toBe("en");
    // An unknown language falls back to the default one.
    expect(i18nServer.instance("fr").language).toBe("zh-CN");
  });

  it("detects the language from the cookie, then Accept-Language, then zh-CN", async () => {
    expect(await i18nServer.getLocale(request({ cookie: `lng=${btoa(JSON.stringify("en"))}` }))).toBe("en");
    expect(await i18nServer.getLocale(request({ "accept-language": "en-US,en;q=0.9" }))).toBe("en");
    expect(await i18nServer.getLocale(request({ "accept-language": "fr" }))).toBe("zh-CN");
    expect(await i18nServer.getLocale(request({}))).toBe("zh-CN");
    const t = await i18nServer.getFixedT(request({ "accept-language": "en" }), "accounts");
    expect(t).toBe(await i18nServer.getFixedT("en", "accounts"));
  });

  it("keeps plain translations and still interpolates, pluralizes and defaults every call", async () => {
    const t = await i18nServer.getFixedT("en", "common");
    const zh = await i18nServer.getFixedT("zh-CN", "common");
    expect(t("pagination.next")).toBe(t("pagination.next"));
    expect(t("pagination.next")).not.toBe(zh("pagination.next"));
    // The same key with values: each call's own values.
    expect(t("pagination.status", { page: 1, pages: 3, total: 30 })).toContain("3");
    expect(t("pagination.status", { page: 2, pages: 7, total: 70 })).toContain("7");
    expect(t("pagination.status", { page: 2, pages: 7, total: 70 })).not.toBe(
      t("pagination.status", { page: 1, pages: 3, total: 30 }),
    );
    // Defaults and missing keys are not confused with a kept string.
    expect(t("no.such.key", { defaultValue: "first" })).toBe("first");
    expect(t("no.such.key", { defaultValue: "second" })).toBe("second");
    // The namespace is part of what is kept: the same key in two namespaces stays apart.
    const accounts = await i18nServer.getFixedT("en", "accounts");
    expect(accounts("pagination.next")).toBe("pagination.next");
    expect(t("pagination.next")).not.toBe("pagination.next");
  });
});

describe("translateCallKey (what a kept translation is keyed on)", () => {
  it("keys on the key and every option with its type, and refuses objects, dates and functions", () => {
    expect(translateCallKey("a", { ns: "common" })).toEqual({ key: "a\u0000ns=scommon", valued: false });
    expect(translateCallKey("a", { lng: "en", ns: ["x", "y"] })).toEqual({
      key: "a\u0000lng=sen\u0000ns=ax,y",
      valued: false,
    });
    const counted = translateCallKey("a", { count: 1 });
    expect(counted).toEqual({ key: "a\u0000count=n1", valued: true });
    // A number and the string of it are different calls (plural forms versus interpolation).
    expect(translateCallKey("a", { count: "1" })?.key).not.toBe(counted?.key);
    expect(translateCallKey("a", { count: 1, context: undefined })).toEqual(counted);
    // react-i18next passes `lngs: null` with every call: kept, and apart from a missing option.
    expect(translateCallKey("a", { lngs: null, ns: "common" })).toEqual({
      key: "a\u0000lngs=z\u0000ns=scommon",
      valued: false,
    });
    expect(translateCallKey("a", { when: new Date() })).toBeNull();
    expect(translateCallKey("a", { replace: { name: "x" } })).toBeNull();
    expect(translateCallKey("a", { ns: [1] })).toBeNull();
    expect(translateCallKey(["a", "b"], {})).toBeNull();
  });

  it("gives each call's own plural form and values when results with values are kept", async () => {
    const t = await i18nServer.getFixedT("en", "common");
    for (let round = 0; round < 2; round += 1) {
      for (let page = 1; page <= 3; page += 1) {
        expect(t("pagination.status", { page, pages: 3, total: 30 })).toContain(String(page));
      }
    }
    const awards = await i18nServer.getFixedT("en", "awards");
    for (let round = 0; round < 2; round += 1) {
      expect(awards("figure.placementsAtLeast", { count: 1 })).toBe("at least 1 placement");
      expect(awards("figure.placementsAtLeast", { count: 2 })).toBe("at least 2 placements");
    }
    // More distinct values than are kept: the cache starts over, every answer still right.
    for (let total = 0; total < 12_000; total += 1) {
      expect(t("pagination.status", { page: 1, pages: 1, total })).toContain(String(total));
    }
  });
});
