import { describe, expect, it } from "vitest";
import { i18nServer } from "~/i18n.server";

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
});
