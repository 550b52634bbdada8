/**
 * Accounts journeys (issue 3): each role signs up or is invited, verifies its email, signs in and
 * sees its own dashboard and nothing else; organization verification by staff; two-factor sign-in
 * of a bureau admin; sessions ending everywhere; enumeration resistance and the login limit.
 *
 * Every test makes its own accounts (unique emails) and acts from its own client address (see
 * accounts-helpers.ts), so the tests run in parallel and again on the same server.
 */
import { randomUUID } from "node:crypto";
import type { Page } from "@playwright/test";
import { MAIL_COOLDOWN_MS } from "../../app/domains/accounts/request-limits";
import { setServerClock } from "./clock";
import { waitForEmail } from "./mail";
import {
  createVerifiedVolunteer,
  DEMO_PASSWORD,
  expect,
  expectDashboard,
  expectNoSeriousAxeViolations,
  mainNav,
  newCreditCode,
  newDevice,
  newVolunteer,
  postForm,
  rememberBureauKey,
  rememberedBureauKey,
  signIn,
  test,
  submitFreshTotp,
  totp,
  uniqueEmail,
  uniqueSuffix,
  verificationEmail,
  verificationLink,
  emailsTo,
  uniqueIp,
  withWrongCheckCharacter,
  baseURL,
} from "./accounts-helpers";

async function fillVolunteerForm(
  page: Page,
  input: { name: string; email: string; password: string; confirm?: string; terms?: boolean },
) {
  await page.getByLabel("姓名").fill(input.name);
  await page.getByLabel("电子邮箱").fill(input.email);
  await page.getByLabel("密码", { exact: true }).fill(input.password);
  await page.getByLabel("再次输入密码").fill(input.confirm ?? input.password);
  await page.getByLabel(/志愿者信息使用条款/).setChecked(input.terms ?? true);
}

/** Submits a form the browser refuses itself (the same schema as the action): no POST is made. */
async function submitRefusedInBrowser(page: Page, button: string) {
  const posts: string[] = [];
  const onRequest = (request: { method(): string; url(): string }) => {
    if (request.method() === "POST") posts.push(request.url());
  };
  page.on("request", onRequest);
  await page.getByRole("button", { name: button, exact: true }).click();
  await expect(page.locator(".error-summary")).toBeFocused();
  page.off("request", onRequest);
  expect(posts).toEqual([]);
}

/** Submits a form and returns the status of the POST it made (the action's answer). */
async function submitAndStatus(page: Page, button: string, path: string): Promise<number> {
  const [response] = await Promise.all([
    page.waitForResponse(
      // Remix's client-side router posts to `${path}.data` (single fetch); a plain form to `path`.
      (r) => r.request().method() === "POST" && [path, `${path}.data`].includes(new URL(r.url()).pathname),
    ),
    page.getByRole("button", { name: button, exact: true }).click(),
  ]);
  return response.status();
}

test.describe("volunteer registration", () => {
  test("registers, verifies with the emailed code, signs in and sees only its own dashboard", async ({
    page,
    request,
  }) => {
    const volunteer = newVolunteer();
    await page.goto("/register");
    await page.getByRole("link", { name: "我是志愿者" }).click();
    await expect(page).toHaveURL(/\/register\/volunteer$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿者注册");
    await fillVolunteerForm(page, volunteer);
    await page.getByRole("button", { name: "注册", exact: true }).click();

    await expect(page).toHaveURL(/\/verify-email\?email=/);
    await expect(page.getByLabel("电子邮箱")).toHaveValue(volunteer.email);
    const { code } = await verificationEmail(request, volunteer.email);
    await page.getByLabel("验证码").fill(code);
    await page.getByRole("button", { name: "验证", exact: true }).click();

    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByText("邮箱已验证，现在可以登录了。")).toBeVisible();
    await signIn(page, volunteer.email, volunteer.password);
    await expectDashboard(page, volunteer.name, "志愿者");
    await expect(page.getByRole("banner").getByText(volunteer.name)).toBeVisible();

    // Nothing of staff: no link to their pages, and the pages themselves refuse.
    const nav = mainNav(page);
    await expect(nav.getByRole("link", { name: "工作台" }).first()).toBeAttached();
    await expect(nav.getByRole("link", { name: "机构核验" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "工作人员" })).toHaveCount(0);
    expect((await page.goto("/staff/organizations"))?.status()).toBe(403);
    expect((await page.goto("/admin/staff"))?.status()).toBe(403);

    // A used code does not verify twice.
    const again = await postForm(request, "/verify-email", { intent: "code", email: volunteer.email, code });
    expect(again.status()).toBe(400);
  });

  test("verifies by following the emailed link, which works once", async ({ page, request }) => {
    const volunteer = newVolunteer();
    await page.goto("/register/volunteer");
    await fillVolunteerForm(page, volunteer);
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(page).toHaveURL(/\/verify-email\?email=/);

    // Not verified yet: signing in sends the visitor back to verification, with a fresh code and
    // link that replace the first ones — once the mail cooldown has passed (the portal's clock for
    // this browser is moved past it; within it the first code stays valid and no mail is sent again).
    await verificationEmail(request, volunteer.email);
    await setServerClock([page.context()], Date.now() + MAIL_COOLDOWN_MS + 1_000);
    await signIn(page, volunteer.email, volunteer.password);
    await expect(page).toHaveURL(/\/verify-email\?email=/);
    const [first, second] = await emailsTo(request, volunteer.email, "验证码", 2);
    const link = verificationLink(second!);
    expect(verificationLink(first!)).not.toBe(link);

    await page.goto(link);
    // Opening the link alone verifies nothing (mail scanners prefetch links); the button does.
    await page.getByRole("button", { name: "验证", exact: true }).click();
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, volunteer.email, volunteer.password);
    await expectDashboard(page, volunteer.name, "志愿者");

    const { context, page: other } = await newDevice(page.context().browser()!);
    await other.goto(link);
    await other.getByRole("button", { name: "验证", exact: true }).click();
    await expect(other.getByText("验证链接无效或已过期。请登录以获取新的验证码。")).toBeVisible();
    await context.close();
  });

  // Ticking the terms box right after typing a mismatched confirmation: the blur validation of the
  // confirmation waits for the press, so its error does not move the box from under the pointer
  // (app/components/form/pointer-press.ts); the error summary shows only once the form was sent.
  test("shows translated errors in place, keeps what was typed, answers 400 and creates nothing", async ({
    page,
    request,
  }) => {
    const volunteer = newVolunteer("rejected");
    // Reached by client-side navigation, so the page's messages load in the browser, not the server.
    await page.goto("/register");
    await page.getByRole("link", { name: "我是志愿者" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿者注册");

    await fillVolunteerForm(page, { ...volunteer, confirm: `${volunteer.password}x` });
    await submitRefusedInBrowser(page, "注册");
    const confirm = page.getByLabel("再次输入密码");
    await expect(confirm).toHaveAttribute("aria-invalid", "true");
    await expect(confirm).toHaveAccessibleDescription("两次输入的密码不一致，请重新输入确认密码。");
    await expect(page.getByLabel("姓名")).toHaveValue(volunteer.name);
    await expect(page.getByLabel("电子邮箱")).toHaveValue(volunteer.email);

    await fillVolunteerForm(page, { ...volunteer, password: "12345678" });
    await submitRefusedInBrowser(page, "注册");
    await expect(page.getByLabel("密码", { exact: true })).toHaveAccessibleDescription(
      /这个密码太常见，很容易被猜到，请换一个。/,
    );
    await expect(page.getByLabel("再次输入密码")).not.toHaveAttribute("aria-invalid", "true");

    await fillVolunteerForm(page, { ...volunteer, terms: false });
    await submitRefusedInBrowser(page, "注册");
    await expect(page.getByLabel(/志愿者信息使用条款/)).toHaveAccessibleDescription(
      "请阅读并勾选同意服务条款和隐私政策。",
    );
    await expect(page.getByLabel("姓名")).toHaveValue(volunteer.name);
    await expect(page.getByLabel("电子邮箱")).toHaveValue(volunteer.email);
    await expectNoSeriousAxeViolations(page);

    // The server itself answers in place with the values (not only the browser keeping them).
    const direct = await postForm(request, "/register/volunteer", {
      displayName: volunteer.name,
      email: volunteer.email,
      password: "12345678",
      passwordConfirm: "12345678",
      language: "zh-CN",
      acceptTerms: "on",
    });
    expect(direct.status()).toBe(400);
    const html = await direct.text();
    expect(html).toContain("这个密码太常见");
    expect(html).toContain(`value="${volunteer.email}"`);
    expect(html).not.toContain('value="12345678"');

    // Nothing was created, and a correct registration now makes a new account with the password given
    // now. Its mail is the only one to the address: the outbox delivers in order, so a mail of the
    // refused attempt would have arrived first (no waiting for mail that should not come).
    await fillVolunteerForm(page, volunteer);
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(page).toHaveURL(/\/verify-email\?email=/);
    const { code } = await verificationEmail(request, volunteer.email);
    expect(await emailsTo(request, volunteer.email, "", 1)).toHaveLength(1);
    await page.getByLabel("验证码").fill(code);
    await page.getByRole("button", { name: "验证", exact: true }).click();
    await signIn(page, volunteer.email, volunteer.password);
    await expectDashboard(page, volunteer.name, "志愿者");
  });
});

test.describe("organization registration and verification", () => {
  test("an enterprise registers, waits as pending, and is verified by office staff", async ({
    page,
    request,
    browser,
  }) => {
    const suffix = uniqueSuffix();
    const organizationName = `测试制造有限公司${suffix}`;
    const creditCode = newCreditCode();
    const member = {
      name: `联系人${suffix}`,
      email: uniqueEmail("enterprise"),
      password: `工厂 window garden ${suffix}`,
    };

    await page.goto("/register");
    await page.getByRole("link", { name: "我代表企业、律师事务所或社会组织" }).click();
    await expect(page).toHaveURL(/\/register\/organization$/);
    await expect(page.getByLabel("机构类型")).toHaveValue("enterprise");
    await expect(page.getByLabel("机构类型").locator("option:checked")).toHaveText("企业");
    await page.getByLabel("机构名称").fill(organizationName);
    await page.getByLabel("统一社会信用代码").fill(withWrongCheckCharacter(creditCode));
    await page.getByLabel("所在区（司法局）").selectOption({ label: "示范区司法局" });
    await page.getByLabel("地址").fill("示范区测试路 1 号");
    await page.getByLabel("联系人").fill(member.name);
    await page.getByLabel("联系电话").fill("13800138000");
    await page.getByLabel(/本企业承诺/).check();
    await page.getByLabel("姓名").fill(member.name);
    await page.getByLabel("电子邮箱").fill(member.email);
    await page.getByLabel("密码", { exact: true }).fill(member.password);
    await page.getByLabel("再次输入密码").fill(member.password);
    await expectNoSeriousAxeViolations(page);

    await submitRefusedInBrowser(page, "注册");
    const code = page.getByLabel("统一社会信用代码");
    await expect(code).toHaveAttribute("aria-invalid", "true");
    await expect(code).toHaveAccessibleDescription(
      /统一社会信用代码校验不通过，可能有字符输错，请逐位核对。/,
    );
    await expect(page.getByLabel("机构名称")).toHaveValue(organizationName);

    await code.fill(creditCode);
    await page.getByLabel("密码", { exact: true }).fill(member.password);
    await page.getByLabel("再次输入密码").fill(member.password);
    await page.getByRole("button", { name: "注册", exact: true }).click();
    await expect(page).toHaveURL(/\/verify-email\?email=/);
    const verification = await verificationEmail(request, member.email);
    await page.getByLabel("验证码").fill(verification.code);
    await page.getByRole("button", { name: "验证", exact: true }).click();
    await expect(page).toHaveURL(/\/login$/);

    await signIn(page, member.email, member.password);
    await expectDashboard(page, member.name, "企业用户");
    await expect(page.getByText(`所属机构：${organizationName}`)).toBeVisible();
    const pendingNotice = page.getByText(
      "您的机构正在等待司法行政工作人员核验。核验通过前，您还不能发布任何内容。",
    );
    await expect(pendingNotice).toBeVisible();
    await expect(mainNav(page).getByRole("link", { name: "机构核验" })).toHaveCount(0);
    // An enterprise member holds no grant to the district's register: 403, like every such role.
    expect((await page.goto("/staff/organizations"))?.status()).toBe(403);

    // Office staff of the district verify it.
    const staff = await newDevice(browser);
    await signIn(staff.page, "staff.a@demo.portal", DEMO_PASSWORD);
    await expectDashboard(staff.page, "李娜", "司法所工作人员");
    await mainNav(staff.page).getByRole("link", { name: "机构核验" }).first().click();
    await expect(staff.page).toHaveURL(/\/staff\/organizations/);
    await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText("机构核验");
    await expect(staff.page.getByLabel("状态")).toHaveValue("pending");
    await staff.page.getByLabel("按名称搜索").fill(organizationName);
    await staff.page.getByRole("button", { name: "筛选" }).click();
    const item = staff.page
      .getByRole("listitem")
      .filter({ has: staff.page.getByRole("heading", { name: organizationName }) });
    await expect(item).toHaveCount(1);
    await expect(item.getByText("待核验")).toBeVisible();
    await expect(item.getByText(creditCode)).toBeVisible();
    await expectNoSeriousAxeViolations(staff.page);
    await item.getByRole("button", { name: "核验通过" }).click();
    await expect(staff.page.getByText(`已核验通过：${organizationName}`)).toBeVisible();
    await staff.context.close();

    const statusMail = await waitForEmail(request, { to: member.email, subject: "您的机构信息有更新" });
    expect(statusMail.text).toContain(organizationName);
    expect(statusMail.text).toContain("已通过审核");

    await page.goto("/dashboard");
    await expectDashboard(page, member.name, "企业用户");
    await expect(pendingNotice).toHaveCount(0);
  });
});

test.describe("staff invitation and two-factor sign-in", () => {
  test("the bureau admin enrols in two-factor, invites office staff, and later signs in with a code", async ({
    page,
    request,
    browser,
  }) => {
    await signIn(page, "bureau@demo.portal", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/login\/two-factor/);
    // Not signed in yet: the dashboard sends the half-signed-in admin back to the second factor.
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\/two-factor/);

    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(/两步验证/);
    if ((await heading.textContent()) === "开启两步验证") {
      await expect(page.getByRole("img", { name: "身份验证器二维码" })).toBeVisible();
      const key = (await page.locator("code").first().textContent())?.trim() ?? "";
      expect(key).toMatch(/^[A-Z2-7]{32}$/);
      rememberBureauKey(key);
      await page.getByLabel("验证码").fill("000000" === totp(key) ? "111111" : "000000");
      await page.getByRole("button", { name: "确认" }).click();
      await expect(page.getByLabel("验证码")).toHaveAccessibleDescription(/验证码不正确/);
      await page.getByLabel("验证码").fill(totp(key));
      await page.getByRole("button", { name: "确认" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("请保存您的恢复码");
      await expect(page.locator(".recovery-codes code")).toHaveCount(10);
      await page.getByRole("link", { name: "我已保存，继续" }).click();
    } else {
      // Another run on this server enrolled the admin already.
      await submitFreshTotp(page, rememberedBureauKey());
    }
    await expectDashboard(page, "王建国", "司法局管理员");

    // Invite an office staff member into 东城司法所.
    const invitee = {
      name: `新同事${uniqueSuffix()}`,
      email: uniqueEmail("staff"),
      password: `office ${uniqueSuffix()} 晨光`,
    };
    await mainNav(page).getByRole("link", { name: "工作人员" }).first().click();
    await expect(page).toHaveURL(/\/admin\/staff$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("邀请工作人员");
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("姓名").fill(invitee.name);
    await page.getByLabel("电子邮箱").fill(invitee.email);
    await page.getByLabel("角色").selectOption({ label: "司法所工作人员" });
    await page.getByLabel("所属单位").selectOption({ label: "东城司法所" });
    await page.getByRole("button", { name: "发送邀请" }).click();
    await expect(page.getByText(`邀请已发送至 ${invitee.email}。`)).toBeVisible();

    const invitation = await waitForEmail(request, { to: invitee.email, subject: "邀请您加入" });
    expect(invitation.text).toContain("东城司法所");
    const link = /https?:\/\/[^\s"'<>]+\/invitation\?token=[\w-]+/.exec(invitation.text)?.[0];
    expect(link).toBeTruthy();

    const staff = await newDevice(browser);
    await staff.page.goto(link!);
    await expect(
      staff.page.getByText(`${invitee.name}（${invitee.email}），请为您的账号设置密码。`),
    ).toBeVisible();
    await staff.page.getByLabel("密码", { exact: true }).fill(invitee.password);
    await staff.page.getByLabel("再次输入密码").fill(invitee.password);
    await staff.page.getByRole("button", { name: "设置密码" }).click();
    await expect(staff.page).toHaveURL(/\/login$/);
    await signIn(staff.page, invitee.email, invitee.password);
    await expectDashboard(staff.page, invitee.name, "司法所工作人员");
    await expect(staff.page.getByText("所属机构：东城司法所")).toBeVisible();
    await expect(mainNav(staff.page).getByRole("link", { name: "机构核验" }).first()).toBeVisible();
    await expect(mainNav(staff.page).getByRole("link", { name: "工作人员" })).toHaveCount(0);
    expect((await staff.page.goto("/admin/staff"))?.status()).toBe(403);
    // The link is spent.
    await staff.page.goto(link!);
    await expect(staff.page.getByText("邀请链接无效或已过期")).toBeVisible();
    await staff.context.close();

    // A second sign-in asks for the code (no new enrolment) and accepts it.
    const second = await newDevice(browser);
    await signIn(second.page, "bureau@demo.portal", DEMO_PASSWORD);
    await expect(second.page).toHaveURL(/\/login\/two-factor/);
    await expect(second.page.getByRole("heading", { level: 1 })).toHaveText("两步验证");
    await expect(second.page.locator("code")).toHaveCount(0);
    await expect(second.page.getByRole("img", { name: "身份验证器二维码" })).toHaveCount(0);
    await submitFreshTotp(second.page, rememberedBureauKey());
    await expectDashboard(second.page, "王建国", "司法局管理员");
    await second.context.close();
  });
});

test.describe("sessions", () => {
  test("退出所有设备 ends the sessions of the other devices too", async ({ page, request, browser }) => {
    const account = await createVerifiedVolunteer(request, "everywhere");
    const other = await newDevice(browser);
    await signIn(page, account.email, account.password);
    await expectDashboard(page, account.name, "志愿者");
    await signIn(other.page, account.email, account.password);
    await expectDashboard(other.page, account.name, "志愿者");

    await page.goto("/account");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("我的账号");
    await expectNoSeriousAxeViolations(page);
    await page.getByRole("button", { name: "退出所有设备" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByText("您已退出登录。")).toBeVisible();

    await other.page.goto("/dashboard");
    await expect(other.page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
    await page.goto("/dashboard");
    await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);
    await other.context.close();
  });

  test("a password change keeps this device signed in and ends the others", async ({
    page,
    request,
    browser,
  }) => {
    const account = await createVerifiedVolunteer(request, "change");
    const newPassword = `${account.password} 新`;
    const other = await newDevice(browser);
    await signIn(page, account.email, account.password);
    await expectDashboard(page, account.name, "志愿者");
    await signIn(other.page, account.email, account.password);
    await expectDashboard(other.page, account.name, "志愿者");

    await page.goto("/account");
    await page.getByLabel("当前密码").fill("not the password");
    await page.getByLabel("新密码", { exact: true }).fill(newPassword);
    await page.getByLabel("再次输入新密码").fill(newPassword);
    expect(await submitAndStatus(page, "修改密码", "/account")).toBe(400);
    await expect(page.getByLabel("当前密码")).toHaveAccessibleDescription("当前密码不正确。");

    await page.getByLabel("当前密码").fill(account.password);
    await page.getByLabel("新密码", { exact: true }).fill(newPassword);
    await page.getByLabel("再次输入新密码").fill(newPassword);
    await page.getByRole("button", { name: "修改密码" }).click();
    await expect(page.getByText("密码已修改。您在其他设备上的登录已全部退出。")).toBeVisible();

    await page.goto("/dashboard");
    await expectDashboard(page, account.name, "志愿者");
    await other.page.goto("/dashboard");
    await expect(other.page).toHaveURL(/\/login\?redirectTo=%2Fdashboard$/);

    await signIn(other.page, account.email, account.password);
    await expect(other.page.locator(".error-summary__form-error")).toHaveText("邮箱或密码不正确。");
    await signIn(other.page, account.email, newPassword);
    await expectDashboard(other.page, account.name, "志愿者");
    await other.context.close();
  });

  test("forgot password: the emailed link sets a new password once, and the old one stops working", async ({
    page,
    request,
  }) => {
    const account = await createVerifiedVolunteer(request, "forgot");
    const newPassword = `重设 ${account.password}`;
    await page.goto("/login");
    await page.getByRole("link", { name: "忘记密码？" }).click();
    await expect(page).toHaveURL(/\/forgot-password$/);
    await expectNoSeriousAxeViolations(page);
    await page.getByLabel("电子邮箱").fill(account.email);
    await page.getByRole("button", { name: "发送重设链接" }).click();
    await expect(page.getByText("如果该邮箱已注册，重设密码的链接已经发出。请查看您的邮箱。")).toBeVisible();

    const mail = await waitForEmail(request, { to: account.email, subject: "重置您的密码" });
    const link = /https?:\/\/[^\s"'<>]+\/reset-password\?token=[\w-]+/.exec(mail.text)?.[0];
    expect(link).toBeTruthy();
    await page.goto(link!);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置新密码");
    await page.getByLabel("新密码", { exact: true }).fill(newPassword);
    await page.getByLabel("再次输入新密码").fill(newPassword);
    await page.getByRole("button", { name: "保存新密码" }).click();
    await expect(page).toHaveURL(/\/login$/);
    await expect(page.getByText("密码已更新，请使用新密码登录。")).toBeVisible();

    await signIn(page, account.email, account.password);
    await expect(page.locator(".error-summary__form-error")).toHaveText("邮箱或密码不正确。");
    await signIn(page, account.email, newPassword);
    await expectDashboard(page, account.name, "志愿者");

    await page.goto(link!);
    await expect(page.getByText("重设链接无效或已过期，请重新申请。")).toBeVisible();
  });
});

test.describe("abuse resistance over HTTP", () => {
  /** The page minus what differs per request: the CSP nonce and the email that was typed. */
  function normalized(html: string, email: string): string {
    return html.replaceAll(email, "EMAIL").replace(/nonce="[^"]*"/g, 'nonce=""');
  }

  // The two emails differ in length, so React 18's stream buffers end at other places of the page: its
  // NUL padding (app/utils/html-stream.server.ts) made the pages differ by one byte in the footer.
  test("login answers alike for an unknown email and a wrong password", async ({ request }) => {
    const account = await createVerifiedVolunteer(request, "known");
    const unknown = uniqueEmail("unknown");
    const known = await postForm(request, "/login", { email: account.email, password: "wrong password 1" });
    const missing = await postForm(request, "/login", { email: unknown, password: "wrong password 1" });
    expect(known.status()).toBe(400);
    expect(missing.status()).toBe(known.status());
    const knownBody = normalized(await known.text(), account.email);
    expect(knownBody).toContain("邮箱或密码不正确。");
    expect(normalized(await missing.text(), unknown)).toBe(knownBody);

    // The same for the data requests of the client-side router.
    const knownData = await postForm(request, "/login.data", {
      email: account.email,
      password: "wrong password 2",
    });
    const missingData = await postForm(request, "/login.data", {
      email: unknown,
      password: "wrong password 2",
    });
    expect(knownData.status()).toBe(400);
    expect(missingData.status()).toBe(400);
    expect((await missingData.text()).replaceAll(unknown, "EMAIL")).toBe(
      (await knownData.text()).replaceAll(account.email, "EMAIL"),
    );
  });

  test("forgot-password answers alike for known and unknown emails", async ({ request }) => {
    const account = await createVerifiedVolunteer(request, "reset-known");
    const known = await postForm(request, "/forgot-password", { email: account.email });
    const missing = await postForm(request, "/forgot-password", { email: uniqueEmail("reset-unknown") });
    expect(known.status()).toBe(200);
    expect(missing.status()).toBe(known.status());
    const knownBody = normalized(await known.text(), account.email);
    expect(knownBody).toContain("如果该邮箱已注册，重设密码的链接已经发出。");
    expect(normalized(await missing.text(), account.email)).toBe(knownBody);
    // Only the real account got mail.
    await waitForEmail(request, { to: account.email, subject: "重置您的密码" });
  });

  test("ten failures from ten addresses throttle strangers, not the owner on a device that signed in before", async ({
    request,
    browser,
  }) => {
    const account = await createVerifiedVolunteer(request, "limited");
    const throttled =
      "登录失败次数过多，请稍后再试。在您以前登录过的设备上可以照常登录，也可以通过“忘记密码”重设密码。";
    // The owner signs in once on a phone of their own and leaves: the phone is a known device now.
    const own = await newDevice(browser);
    await signIn(own.page, account.email, account.password);
    await expect(own.page).toHaveURL(/\/dashboard$/);
    await own.context.clearCookies({ name: "session" });

    for (let attempt = 1; attempt <= 10; attempt++) {
      const failed = await postForm(
        request,
        "/login",
        { email: account.email, password: `wrong ${attempt}` },
        { "X-Forwarded-For": uniqueIp() },
      );
      expect(failed.status(), `attempt ${attempt}`).toBe(400);
    }
    const blocked = await postForm(
      request,
      "/login",
      { email: account.email, password: "wrong 11" },
      { "X-Forwarded-For": uniqueIp() },
    );
    expect(blocked.status()).toBe(429);
    expect(Number(blocked.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await blocked.text()).toContain(throttled);

    // A browser that never signed in waits, even with the right password…
    const elsewhere = await newDevice(browser);
    await signIn(elsewhere.page, account.email, account.password);
    await expect(elsewhere.page.locator(".error-summary__form-error")).toHaveText(throttled);
    await expect(elsewhere.page).toHaveURL(/\/login$/);
    await elsewhere.context.close();
    // …while the owner's own device signs in.
    await signIn(own.page, account.email, account.password);
    await expect(own.page).toHaveURL(/\/dashboard$/);
    await own.context.close();
  });
});

test.describe("scopes", () => {
  test("staff pages refuse a volunteer and an enterprise member alike (403); unknown objects are 404", async ({
    playwright,
  }) => {
    const signedIn = async (email: string, password: string) => {
      const context = await playwright.request.newContext({
        baseURL,
        extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() },
      });
      const response = await postForm(context, "/login", { email, password });
      expect(response.status(), `sign-in of ${email}`).toBe(302);
      expect(response.headers()["location"]).toBe("/dashboard");
      return context;
    };

    // Office staff see the organizations of their district, each with its id in a hidden field.
    const staff = await signedIn("staff.a@demo.portal", DEMO_PASSWORD);
    const list = await staff.get(`/staff/organizations?status=verified&q=${encodeURIComponent("恒达制造")}`);
    expect(list.status()).toBe(200);
    const organizationId = /name="organizationId" value="([0-9a-f-]{36})"/.exec(await list.text())?.[1];
    expect(organizationId).toBeTruthy();
    const missing = await postForm(staff, "/staff/organizations", {
      organizationId: randomUUID(),
      decision: "verify",
    });
    expect(missing.status()).toBe(404);
    await staff.dispose();

    const volunteerAccount = await (async () => {
      const anonymous = await playwright.request.newContext({
        baseURL,
        extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() },
      });
      const account = await createVerifiedVolunteer(anonymous, "scope");
      await anonymous.dispose();
      return account;
    })();
    const volunteer = await signedIn(volunteerAccount.email, volunteerAccount.password);
    expect((await volunteer.get("/staff/organizations")).status()).toBe(403);
    const volunteerPost = await postForm(volunteer, "/staff/organizations", {
      organizationId: organizationId!,
      decision: "suspend",
      reason: "不应被允许",
    });
    expect(volunteerPost.status()).toBe(403);
    expect((await volunteer.get("/admin/staff")).status()).toBe(403);
    await volunteer.dispose();

    // Seeing one's own organization is not the district's register: 403 like any role without it.
    const enterprise = await signedIn("enterprise@demo.portal", DEMO_PASSWORD);
    expect((await enterprise.get("/staff/organizations")).status()).toBe(403);
    const enterprisePost = await postForm(enterprise, "/staff/organizations", {
      organizationId: organizationId!,
      decision: "verify",
    });
    expect(enterprisePost.status()).toBe(403);
    expect((await enterprise.get("/admin/staff")).status()).toBe(403);
    await enterprise.dispose();
  });
});

test.describe("accessibility", () => {
  test("the sign-in and registration pages have no serious axe violations", async ({ page }) => {
    for (const path of [
      "/login",
      "/register",
      "/register/volunteer",
      "/register/organization",
      "/verify-email?email=someone%40example.com",
      "/forgot-password",
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoSeriousAxeViolations(page);
    }
  });

  test("the signed-in pages have no serious axe violations", async ({ page, request }) => {
    const account = await createVerifiedVolunteer(request, "axe");
    await signIn(page, account.email, account.password);
    await expectDashboard(page, account.name, "志愿者");
    await expectNoSeriousAxeViolations(page);
    await page.goto("/account");
    await expectNoSeriousAxeViolations(page);
    // /staff/organizations and /admin/staff are checked in the staff journeys above.
  });
});
