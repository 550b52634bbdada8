import type { Page } from "@playwright/test";
import {
  baseURL,
  DEMO_PASSWORD,
  expect,
  expectNoSeriousAxeViolations,
  signIn,
  signInAsSystemAdmin,
  test,
  uniqueIp,
} from "./accounts-helpers";

// The demo accounts these journeys use; the seed tells each of them something (db/seed.ts).
const INBOX_USER = "ngo@demo.portal"; // one registration receipt
const NO_JS_USER = "lawfirm@demo.portal"; // one organization decision
const VOLUNTEER = "volunteer@demo.portal";

function bell(page: Page) {
  return page.getByRole("banner").getByRole("link", { name: /^通知/ });
}

test.describe("in-app notifications", () => {
  test("the bell counts unread notifications; marking all read clears it", async ({ page }) => {
    await signIn(page, INBOX_USER, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(bell(page)).toHaveAccessibleName(/^通知（\d+ 条未读）$/);

    await bell(page).click();
    await expect(page).toHaveURL(/\/notifications$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("通知");
    const receipt = page.getByRole("listitem").filter({ hasText: "注册申请确认" });
    await expect(receipt).toContainText("我们已收到 阳光心理服务中心 的机构注册申请，正在等待审核。");
    await expect(receipt).toContainText("未读");
    await expectNoSeriousAxeViolations(page);

    await page.getByRole("button", { name: "全部标为已读" }).click();
    await expect(page.getByRole("status")).toContainText(/已将 \d+ 条通知标为已读。/);
    await expect(bell(page)).toHaveAccessibleName("通知");
    await expect(page.getByRole("button", { name: "全部标为已读" })).toHaveCount(0);
    await expect(receipt).not.toContainText("未读");
  });

  test("mark as read works without JavaScript", async ({ browser }) => {
    const context = await browser.newContext({
      baseURL,
      javaScriptEnabled: false,
      locale: "zh-CN",
      extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() },
    });
    const page = await context.newPage();
    await signIn(page, NO_JS_USER, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/notifications");
    const decision = page
      .getByRole("listitem")
      .filter({ hasText: "明法律师事务所 的状态已更新为：已通过审核。" });
    await expect(decision).toBeVisible();
    if (await decision.getByRole("button", { name: "标为已读" }).count()) {
      await decision.getByRole("button", { name: "标为已读" }).click();
      await expect(page.getByRole("status")).toHaveText("已标为已读。");
    }
    await expect(decision.getByRole("button", { name: "标为已读" })).toHaveCount(0);
    await expect(decision).not.toContainText("未读");
    await context.close();
  });

  test("email preferences are saved; security emails stay on", async ({ page }) => {
    await signIn(page, INBOX_USER, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/notifications");
    await page.getByRole("link", { name: "通知设置" }).click();
    await expect(page).toHaveURL(/\/settings\/notifications$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("通知设置");
    // Not staff: no weekly digest.
    await expect(page.getByLabel("改为每周摘要")).toHaveCount(0);
    const security = page.getByRole("region", { name: "账户安全邮件" });
    await expect(security.getByRole("checkbox", { name: /密码重置/ })).toBeDisabled();
    await expect(security.getByRole("checkbox", { name: /密码重置/ })).toBeChecked();

    const statusEmail = page.getByRole("group", { name: "机构审核结果" }).getByLabel("发送邮件");
    await expect(statusEmail).toBeChecked();
    await statusEmail.uncheck();
    await page.getByRole("button", { name: "保存设置" }).click();
    await expect(page.getByRole("status")).toHaveText("通知设置已保存。");
    await page.reload();
    await expect(page.getByRole("group", { name: "机构审核结果" }).getByLabel("发送邮件")).not.toBeChecked();
    await expect(page.getByRole("group", { name: "注册申请确认" }).getByLabel("发送邮件")).toBeChecked();
    await expectNoSeriousAxeViolations(page);

    // Put it back for the next run on this server.
    await page.getByRole("group", { name: "机构审核结果" }).getByLabel("发送邮件").check();
    await page.getByRole("button", { name: "保存设置" }).click();
    await expect(page.getByRole("status")).toHaveText("通知设置已保存。");
  });

  test("the bell and the inbox fit a 360 px phone and work by keyboard @phone", async ({ page }) => {
    await signIn(page, NO_JS_USER, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(bell(page)).toBeVisible();
    await bell(page).focus();
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(/\/notifications$/);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.goto("/settings/notifications");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("通知设置");
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
    ).toBeLessThanOrEqual(0);
  });
});

test.describe("undeliverable email", () => {
  test("the system admin sees the dead-letter page from the menu", async ({ page }) => {
    await signInAsSystemAdmin(page);
    await page
      .getByRole("navigation", { name: "主导航" })
      .getByRole("link", { name: "邮件投递" })
      .first()
      .click();
    await expect(page).toHaveURL(/\/admin\/outbox$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("无法投递的邮件");
    await expect(page.getByText("没有无法投递的邮件。")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });

  test("a volunteer gets 403 and no menu entry", async ({ page }) => {
    await signIn(page, VOLUNTEER, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await expect(page.getByRole("link", { name: "邮件投递" })).toHaveCount(0);
    const response = await page.goto("/admin/outbox");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("无权访问");
  });
});
