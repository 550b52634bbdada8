/**
 * Employment journey (issue 14): an enterprise registers and is verified, signs the pledge, posts a
 * job and a training offer; office staff refer a subject by case code; the enterprise sees only the
 * case code (no consent recorded), schedules an interview and hires; when the portal's clock moves
 * 31 days on, the 30-day check-in is due on its dashboard; the report shows the hire and its days.
 */
import { setServerClock } from "./clock";
import {
  DEMO_PASSWORD,
  expect,
  expectNoSeriousAxeViolations,
  newCreditCode,
  newDevice,
  signIn,
  test,
  uniqueEmail,
  uniqueSuffix,
  verificationEmail,
} from "./accounts-helpers";

const DAY = 86_400_000;
const CASE_CODE = /[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/;

test("enterprise posts a job and a training, staff refer, the enterprise hires and the 30-day check-in comes due", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(120_000);
  const suffix = uniqueSuffix();
  const organizationName = `就业测试制造有限公司${suffix}`;
  const jobTitle = `包装操作工${suffix}`;
  const course = `叉车培训${suffix}`;
  const member = {
    name: `人事${suffix}`,
    email: uniqueEmail("employment"),
    password: `工厂 river garden ${suffix}`,
  };

  // The enterprise registers and verifies its email.
  await page.goto("/register/organization");
  await page.getByLabel("机构名称").fill(organizationName);
  await page.getByLabel("统一社会信用代码").fill(newCreditCode());
  await page.getByLabel("所在区（司法局）").selectOption({ label: "示范区司法局" });
  await page.getByLabel("地址").fill("示范区测试路 2 号");
  await page.getByLabel("联系人").fill(member.name);
  await page.getByLabel("联系电话").fill("13800138000");
  await page.getByLabel(/本企业承诺/).check();
  await page.getByLabel("姓名").fill(member.name);
  await page.getByLabel("电子邮箱").fill(member.email);
  await page.getByLabel("密码", { exact: true }).fill(member.password);
  await page.getByLabel("再次输入密码").fill(member.password);
  await page.getByRole("button", { name: "注册", exact: true }).click();
  await expect(page).toHaveURL(/\/verify-email\?email=/);
  const verification = await verificationEmail(request, member.email);
  await page.getByLabel("验证码").fill(verification.code);
  await page.getByRole("button", { name: "验证", exact: true }).click();
  await expect(page).toHaveURL(/\/login$/);
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  // Pending: no employment pages yet.
  expect((await page.goto("/employment"))?.status()).toBe(403);

  // Office staff of the district verify it.
  const staff = await newDevice(browser);
  await signIn(staff.page, "staff.a@demo.portal", DEMO_PASSWORD);
  await expect(staff.page).toHaveURL(/\/dashboard$/);
  await staff.page.goto("/staff/organizations");
  await staff.page.getByLabel("按名称搜索").fill(organizationName);
  await staff.page.getByRole("button", { name: "筛选" }).click();
  await staff.page
    .getByRole("listitem")
    .filter({ has: staff.page.getByRole("heading", { name: organizationName }) })
    .getByRole("button", { name: "核验通过" })
    .click();
  await expect(staff.page.getByText(`已核验通过：${organizationName}`)).toBeVisible();

  // The enterprise signs the pledge in its recruiting profile.
  await page.goto("/employment");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("就业与培训");
  await page.getByRole("link", { name: "招聘资料与承诺" }).first().click();
  // The enterprise's own district is preset as a hiring district.
  await expect(page.getByLabel("示范区司法局", { exact: true })).toBeChecked();
  await page.getByLabel("招聘联系人").fill(member.name);
  await page.getByLabel("联系电话").fill("0571-88886666");
  await page.getByRole("button", { name: "保存并签署" }).click();
  await expect(page.getByLabel("我单位签署此承诺")).toHaveAttribute("aria-describedby", "field-pledge-error");
  await page.getByLabel("我单位签署此承诺").check();
  await page.getByLabel("招聘联系人").fill(member.name);
  await page.getByLabel("联系电话").fill("0571-88886666");
  await page.getByRole("button", { name: "保存并签署" }).click();
  await expect(page.getByText("资料已保存，承诺已签署。")).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // A job offer: draft, then published.
  await page.goto("/employment/jobs/new");
  await page.getByLabel("岗位名称").fill(jobTitle);
  await page.getByLabel("招聘人数").fill("2");
  await page.getByLabel("月薪下限（元）").fill("4500");
  await page.getByLabel("月薪上限（元）").fill("6000");
  await page.getByLabel("工作地点", { exact: true }).fill("示范区工业园 9 号");
  await page.getByLabel("工作时间").fill("8:00-17:00");
  await page.getByLabel("入职日期").fill("2099-01-01");
  await page.getByLabel("截止日期").fill("2099-12-31");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await expect(page.getByRole("status").filter({ hasText: "岗位已保存为草稿。" })).toBeVisible();
  await expect(page.getByText("草稿：司法所暂不可见。")).toBeVisible();
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await expect(page.getByText(/当前为第 1 版/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // A training offer, published.
  await page.goto("/employment/trainings/new");
  await page.getByLabel("课程名称").fill(course);
  await page.getByLabel("培训机构").fill("测试培训中心");
  await page.getByLabel("地点").fill("培训楼 101");
  await page.getByLabel("名额").fill("5");
  await page.getByLabel("截止日期").fill("2099-12-31");
  await page.getByRole("button", { name: "保存草稿" }).click();
  await page.getByRole("button", { name: "发布", exact: true }).click();
  await expect(page.getByText(/已报名 0\/5/)).toBeVisible();

  // Staff find the job among the open offers and refer a subject of their office by case code.
  await staff.page.goto("/staff/subjects");
  const caseCode = ((await staff.page.getByText(CASE_CODE).first().textContent()) ?? "").match(CASE_CODE)![0];
  await staff.page.goto("/staff/employment");
  await staff.page.getByLabel("搜索").fill(jobTitle);
  await staff.page.getByRole("button", { name: "筛选" }).click();
  await staff.page.getByRole("link", { name: jobTitle }).click();
  await staff.page.getByLabel("编号").fill(caseCode);
  await staff.page.getByRole("button", { name: "推荐", exact: true }).click();
  await expect(staff.page).toHaveURL(/\/staff\/employment\/referrals$/);
  await expect(staff.page.getByRole("status").filter({ hasText: "已推荐，企业会收到通知。" })).toBeVisible();
  await expect(staff.page.getByRole("row").filter({ hasText: jobTitle }).first()).toContainText(caseCode);
  await expectNoSeriousAxeViolations(staff.page);

  // The enterprise answers: interview, then hire. It sees the case code and which fields were released.
  await page.goto("/employment");
  await page.getByRole("link", { name: caseCode }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(caseCode);
  await expect(page.getByText(/犯罪记录或正在接受社区矫正不能作为不录用的理由/)).toBeVisible();
  await page.getByLabel("日期和时间（北京时间）").fill("2099-01-02T10:00");
  await page.getByLabel("地点", { exact: true }).fill("人事部");
  await page.getByRole("button", { name: "确认安排" }).click();
  await expect(page.getByText(/面试：/)).toBeVisible();
  await page.getByRole("button", { name: "确认录用" }).click();
  await expect(page.getByText(/已录用，/)).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // No check-in is due today; 31 days on, the 30-day check-in is.
  await page.goto("/employment");
  await expect(page.getByText("暂无到期回访。")).toBeVisible();
  await setServerClock([page.context()], Date.now() + 31 * DAY);
  // A month on, the session has ended too: sign in again at the later time.
  await signIn(page, member.email, member.password);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/employment");
  const due = page.getByTestId("checkins-due").getByRole("row").filter({ hasText: caseCode });
  await expect(due).toContainText("30 天");
  await expect(due).toContainText(jobTitle);

  // The report shows the hire and its days retained.
  await page.goto(`/employment/report?from=2000-01-01&to=2100-12-31`);
  await expect(page.getByTestId("report-hires").getByRole("row").filter({ hasText: caseCode })).toContainText(
    "31",
  );
  await expectNoSeriousAxeViolations(page);
  await page.screenshot({ path: "test-results/employment-report.png", fullPage: true });
  await staff.context.close();
});

test("without JavaScript the profile posts its ticked hiring districts and shows the server's errors in place", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, "enterprise@demo.portal", DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
  await page.goto("/employment/profile");
  const district = page.getByLabel("示范区司法局", { exact: true });
  await expect(district).toBeChecked();
  // Refused by the server (the pledge is signed at every save): the typed values and ticks are kept.
  await page.getByLabel("招聘联系人").fill("刘经理（人事）");
  await page.getByRole("button", { name: "保存并签署" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary.getByRole("link", { name: /请勾选承诺后保存/ })).toBeVisible();
  await expect(summary.getByRole("listitem")).toHaveCount(1);
  await expect(page.getByLabel("我单位签署此承诺")).toHaveAccessibleDescription(/请勾选承诺后保存/);
  await expect(page.getByLabel("招聘联系人")).toHaveValue("刘经理（人事）");
  await expect(district).toBeChecked();
  // Accepted: the preset district was posted (nothing else is ticked).
  await page.getByLabel("我单位签署此承诺").check();
  await page.getByRole("button", { name: "保存并签署" }).click();
  await expect(page.getByRole("status").filter({ hasText: "资料已保存，承诺已签署。" })).toBeVisible();
  await page.goto("/employment/profile");
  await expect(page.getByLabel("招聘联系人")).toHaveValue("刘经理（人事）");
  await expect(district).toBeChecked();
  await context.close();
});
