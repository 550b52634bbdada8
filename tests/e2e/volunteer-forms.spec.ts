import { DEMO_PASSWORD, expect, postForm, signIn, test, uniqueSuffix } from "./accounts-helpers";

/**
 * The volunteer profile's forms on the shared form components, with JavaScript off (issue 10 item 7,
 * issue 11): the server's errors in place with the values kept, and a replayed "add a qualification"
 * post answered with what the first one created instead of a second record or an error; and, with
 * JavaScript on, the same forms' errors before any request (their schemas load on the first
 * validation, not with the page). An approved demo volunteer no other spec signs in as.
 */
const VOLUNTEER = "volunteer3@demo.portal";

test.use({ javaScriptEnabled: false });

test("without JavaScript the profile shows the server's errors in place and a replayed add creates one", async ({
  page,
}) => {
  await signIn(page, VOLUNTEER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/volunteer/profile");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿者资料");

  // The identity is locked after approval: the contact form only; a cleared phone is refused.
  const profile = page.locator("form#profile");
  await profile.getByLabel("手机号码").fill("");
  await profile.getByLabel("紧急联系人姓名").fill("赵父亲");
  await profile.getByRole("button", { name: "保存修改" }).click();
  await expect(page).toHaveURL(/\/volunteer\/profile$/);
  await expect(
    profile.locator(".error-summary").getByRole("link", { name: "请填写联系电话。" }),
  ).toBeVisible();
  await expect(profile.getByLabel("手机号码")).toHaveAccessibleDescription("请填写联系电话。");
  await expect(profile.getByLabel("紧急联系人姓名")).toHaveValue("赵父亲");
  // The other form of the page shows none of it.
  const add = page.locator("form#addQualification");
  await expect(add.locator(".error-summary")).toBeHidden();

  // The add form posted twice with its one key (a double click without JavaScript, a retry).
  await page.goto("/volunteer/profile");
  const key = await add.locator('input[name="submissionKey"]').inputValue();
  expect(key).toMatch(/^[A-Za-z0-9_-]{16,64}$/);
  const certificateNumber = `ZX-${uniqueSuffix()}`;
  const body = {
    intent: "addQualification",
    submissionKey: key,
    kind: "other",
    certificateNumber,
    issuedBy: "市红十字会",
    expiresOn: "",
  };
  const first = await postForm(page.request, "/volunteer/profile", body);
  const second = await postForm(page.request, "/volunteer/profile", body);
  expect([first.status(), second.status()]).toEqual([302, 302]);
  await page.goto("/volunteer/profile");
  await expect(page.locator("#qualifications li", { hasText: certificateNumber })).toHaveCount(1);

  // Removing it again (a one-button form) leaves the demo data as it was.
  await page
    .locator("#qualifications li", { hasText: certificateNumber })
    .getByRole("button", { name: "删除" })
    .click();
  await expect(page.getByRole("status").filter({ hasText: "资质证书已删除。" })).toBeVisible();
  await expect(page.locator("#qualifications li", { hasText: certificateNumber })).toHaveCount(0);
});

test("with JavaScript the profile's forms show their translated errors before any request", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: true, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, VOLUNTEER, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/volunteer/profile");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿者资料");
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });

  // An empty "add a qualification": every error at once, in the add form only.
  const add = page.locator("form#addQualification");
  await add.getByRole("button", { name: "添加" }).click();
  const addSummary = add.locator(".error-summary");
  await expect(addSummary).toBeFocused();
  await expect(addSummary.getByRole("link", { name: "请选择资格类型。" })).toBeVisible();
  await expect(addSummary.getByRole("link", { name: "请填写证书编号。" })).toBeVisible();
  await expect(addSummary.getByRole("link", { name: "请填写发证机关。" })).toBeVisible();
  await expect(add.getByLabel("证书编号")).toHaveAccessibleDescription(/请填写证书编号。/);

  // The contact form (the identity is locked after approval) refuses a cleared phone.
  const profile = page.locator("form#profile");
  await profile.getByLabel("手机号码").fill("");
  await profile.getByRole("button", { name: "保存修改" }).click();
  await expect(
    profile.locator(".error-summary").getByRole("link", { name: "请填写联系电话。" }),
  ).toBeVisible();
  await expect(profile.getByLabel("手机号码")).toHaveAccessibleDescription(/请填写联系电话。/);
  await expect(page.getByText(/Invalid input/)).toHaveCount(0);
  expect(posts).toEqual([]);
  await context.close();
});
