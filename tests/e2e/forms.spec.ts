import { DEMO_PASSWORD, expect, signIn, test } from "./accounts-helpers";

/**
 * The shared form pieces (docs/decisions/009-forms.md): translated errors in the browser before any
 * request, the same form without JavaScript, the error summary, the pending state and the flash.
 */

const VOLUNTEER = "volunteer@demo.portal";

test.describe("forms", () => {
  test("each form page hydrates the markup the server rendered without react-hook-form", async ({ page }) => {
    // The server renders forms without react-hook-form (app/components/form/server-form.ts); the
    // browser's first render with it must give the same markup, or React reports a hydration error
    // (production build: minified errors #418, #423, #425) and renders the page again.
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" && /#41[89]|#42[0-5]|hydrat|did not match/i.test(message.text()))
        problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(error.message));
    // Remix creates its router just before it hydrates; a frame later React has hydrated the page
    // (or reported why it could not).
    const hydrated = async () => {
      await page.waitForFunction(
        () =>
          (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state
            .initialized,
      );
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve))));
    };
    for (const path of ["/login", "/register/volunteer", "/register/organization", "/verify"]) {
      await page.goto(path);
      await expect(page.locator("form[novalidate]").first()).toBeVisible();
      await hydrated();
    }
    await signIn(page, VOLUNTEER, DEMO_PASSWORD);
    for (const path of ["/hours/new", "/volunteer/profile"]) {
      await page.goto(path);
      await expect(page.locator("form[novalidate]").first()).toBeVisible();
      await hydrated();
    }
    expect(problems).toEqual([]);
  });

  test("an empty organization registration shows every translated error before any request", async ({
    page,
  }) => {
    await page.goto("/register/organization");
    const posts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") posts.push(request.url());
    });
    await page.getByRole("button", { name: "注册" }).click();
    const summary = page.locator(".error-summary");
    await expect(summary).toBeFocused();
    await expect(summary.getByRole("heading")).toHaveText("提交的内容有问题");
    await expect(summary.getByRole("link", { name: "请填写机构名称。" })).toBeVisible();
    await expect(
      summary.getByRole("link", { name: "企业注册须勾选不歧视承诺：在招聘和培训中平等对待社区矫正对象。" }),
    ).toBeVisible();
    await expect(page.getByLabel("机构名称")).toHaveAccessibleDescription(/请填写机构名称。/);
    await expect(page.getByText(/Invalid input/)).toHaveCount(0);
    expect(posts).toEqual([]);

    // A summary link moves the focus to its field.
    await summary.getByRole("link", { name: "请填写机构名称。" }).click();
    await expect(page.getByLabel("机构名称")).toBeFocused();

    // Fixed on blur: the field's error goes as soon as it is valid.
    await page.getByLabel("机构名称").fill("示范律师事务所");
    await page.getByLabel("机构名称").blur();
    await expect(page.getByLabel("机构名称")).not.toHaveAttribute("aria-invalid", "true");

    // A law firm is asked for no pledge, and none is required of it.
    await page.getByLabel("机构类型").selectOption({ label: "律师事务所" });
    await expect(page.getByLabel(/不歧视/)).toHaveCount(0);
    await page.getByRole("button", { name: "注册" }).click();
    await expect(summary.getByRole("link", { name: /不歧视承诺/ })).toHaveCount(0);
    expect(posts).toEqual([]);
  });

  test("without JavaScript the form posts and shows the server's errors in place, values kept", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
    const page = await context.newPage();
    await page.goto("/register/organization");
    await page.getByLabel("机构类型").selectOption({ label: "社会组织" });
    await page.getByLabel("机构名称").fill("阳光社工服务中心");
    await page.getByLabel("联系电话").fill("010-12345678");
    await page.getByRole("button", { name: "注册" }).click();
    await expect(page).toHaveURL(/\/register\/organization$/);
    const summary = page.locator(".error-summary");
    await expect(summary.getByRole("link", { name: "请填写统一社会信用代码。" })).toBeVisible();
    await expect(summary.getByRole("link", { name: /不歧视承诺/ })).toHaveCount(0);
    await expect(page.getByLabel("统一社会信用代码")).toHaveAccessibleDescription(/请填写统一社会信用代码。/);
    await expect(page.getByLabel("机构名称")).toHaveValue("阳光社工服务中心");
    // A phone number stays the string typed (no JSON parsing of posted values).
    await expect(page.getByLabel("联系电话")).toHaveValue("010-12345678");
    await expect(page.getByLabel("机构类型")).toHaveValue("social_org");
    await expect(page.getByText(/Invalid input/)).toHaveCount(0);
    await context.close();
  });

  test("a self-report: all errors at once, a pending button, one record for a double click, a flash once", async ({
    page,
  }) => {
    await signIn(page, VOLUNTEER, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/hours/new");
    await page.getByRole("button", { name: "提交审核" }).click();
    const summary = page.locator(".error-summary");
    await expect(summary).toBeFocused();
    // Date, duration and description together — not one at a time.
    await expect(summary.getByRole("listitem")).toHaveText([
      "请选择有效的服务日期。",
      "请填写服务时长（至少 1 分钟）。",
      "请填写服务内容。",
    ]);

    const text = `表单测试 ${Date.now()}`;
    await page.getByLabel("服务日期").fill(new Date(Date.now() - 86_400_000).toISOString().slice(0, 10));
    await page.getByLabel("小时", { exact: true }).fill("1");
    await page.getByLabel("分钟", { exact: true }).fill("5");
    await page.getByLabel("服务内容").fill(text);
    await expect(page.getByText(`已输入 ${[...text].length} / 500 字`)).toBeVisible();

    // Hold the post until the pending state is seen; the second click of the double click is ignored.
    let held = 0;
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/hours\/new(\.data)?(\?.*)?$/, async (route) => {
      if (route.request().method() !== "POST") return route.continue();
      held += 1;
      await gate;
      await route.continue();
    });
    const submit = page.locator("main form button[type=submit]");
    await submit.dblclick();
    await expect(page.getByRole("button", { name: "提交中…" })).toHaveAttribute("aria-disabled", "true");
    await submit.click({ force: true });
    release();
    await expect(page).toHaveURL(/\/hours$/);
    expect(held).toBe(1);
    await expect(page.getByRole("status").filter({ hasText: "已提交，等待工作人员核实。" })).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: text })).toHaveCount(1);

    // Read once: gone after a reload.
    await page.reload();
    await expect(page.getByText("已提交，等待工作人员核实。")).toHaveCount(0);
  });
});
