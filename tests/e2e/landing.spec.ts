import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function expectNoSeriousAxeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}

test.describe("landing page", () => {
  test("is in Chinese by default and explains the portal to every kind of visitor", async ({ page }) => {
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page).toHaveTitle("社区矫正社会力量协同平台");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("社区矫正社会力量协同平台");
    for (const audience of ["志愿者", "企业", "律师事务所与律师", "社会组织", "司法所与司法局工作人员"]) {
      await expect(page.getByRole("heading", { level: 3, name: audience })).toBeVisible();
    }
    await expect(page.getByRole("button", { name: "中文" })).toHaveAttribute("aria-pressed", "true");
    await expectNoSeriousAxeViolations(page);
  });

  test("honours an English Accept-Language when no language was chosen", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en-US" });
    const page = await context.newPage();
    await page.goto("/");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Community Corrections Social-Forces Portal",
    );
    await expectNoSeriousAxeViolations(page);
    await context.close();
  });

  test("switches language and remembers the choice", async ({ page, context }) => {
    await page.goto("/");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Community Corrections Social-Forces Portal",
    );
    await expect(page.getByRole("heading", { name: "Law firms and lawyers" })).toBeVisible();

    const cookie = (await context.cookies()).find((c) => c.name === "lng");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");

    await page.reload();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(
      "Community Corrections Social-Forces Portal",
    );
    await expect(page).toHaveTitle("Community Corrections Social-Forces Portal");

    await page.getByRole("button", { name: "中文" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("社区矫正社会力量协同平台");
  });

  test("switches language without JavaScript too, staying on the same page", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/does-not-exist");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/\/does-not-exist$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await context.close();
  });
});

test.describe("not found", () => {
  test("answers 404 with a styled page in the visitor's language", async ({ page }) => {
    const response = await page.goto("/no/such/page");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("页面不存在");
    await expect(page.getByRole("banner")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("link", { name: "返回首页" }).click();
    await expect(page).toHaveURL(/\/$/);
  });

  test("is in English for an English visitor", async ({ browser }) => {
    const context = await browser.newContext({ locale: "en" });
    const page = await context.newPage();
    const response = await page.goto("/missing");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
    await context.close();
  });
});

test.describe("on a 360 px phone @phone", () => {
  test("fits the screen and opens the menu without JavaScript tricks", async ({ page }) => {
    await page.goto("/");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const nav = page.getByRole("navigation", { name: "主导航" });
    await nav.getByText("菜单").click();
    await expect(nav.getByRole("link", { name: "律师事务所" }).first()).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
});
