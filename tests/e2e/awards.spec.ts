/**
 * Commendations journey (issue 17): the bureau admin sets up a commendation type; office staff see the
 * demo volunteer 陈晓明 eligible on his recorded hours and nominate him; the bureau admin approves, the
 * public honour roll shows him during the notice; the portal's clock moves past the notice and the
 * finalize-awards job runs; the award is final, its certificate PDF downloads and the public
 * verification page confirms it.
 */
import { runServerJob, setServerClock } from "./clock";
import {
  DEMO_PASSWORD,
  expect,
  expectNoSeriousAxeViolations,
  newDevice,
  signIn,
  signInAsBureauAdmin,
  test,
  uniqueSuffix,
} from "./accounts-helpers";

const DAY = 86_400_000;
const STAFF_A = "staff.a@demo.portal";
/** The demo volunteer of 东城司法所 with about 93 approved hours this year. */
const VOLUNTEER = "陈晓明";
const AWARD_NUMBER = /BZ-\d{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}/;

test("staff nominate a volunteer with enough hours, the bureau approves, notice, final award, certificate verified", async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  const typeName = `年度服务之星${uniqueSuffix()}`;

  // The bureau admin configures a yearly commendation for volunteers with at least 10 service hours.
  await signInAsBureauAdmin(page);
  await page.goto("/admin/awards/new");
  // A criterion that has no figure for volunteers is refused, in place and translated.
  await page.getByLabel("中文名称").fill(typeName);
  await page.getByLabel("英文名称").fill("Service Star of the Year");
  await page.getByLabel("表彰对象").selectOption({ label: "志愿者" });
  await page.getByLabel("评选周期").selectOption({ label: "年度" });
  await page.getByLabel("最少法律咨询次数").fill("3");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByLabel("最少法律咨询次数")).toHaveAccessibleDescription(
    /该类表彰对象没有此项记录数据/,
  );
  await page.getByLabel("最少法律咨询次数").fill("");
  await page.getByLabel("最低服务时长（小时）").fill("10");
  await page.getByLabel("公示期（工作日）").fill("5");
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page).toHaveURL(/\/admin\/awards$/);
  await expect(page.getByText("表彰类型已保存。")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: typeName })).toContainText("服务时长不少于 10 小时");

  // Office staff see the volunteer eligible on the recorded hours, with the records behind the figure.
  const staff = await newDevice(browser);
  await signIn(staff.page, STAFF_A, DEMO_PASSWORD);
  await expect(staff.page).toHaveURL(/\/dashboard$/);
  await staff.page.goto("/staff/awards");
  await staff.page.getByLabel("表彰类型").selectOption({ label: typeName });
  await staff.page.getByRole("button", { name: "查看" }).click();
  const row = staff.page.getByRole("row").filter({ hasText: VOLUNTEER });
  await expect(row).toContainText("符合条件");
  await expectNoSeriousAxeViolations(staff.page);
  await row.getByRole("link", { name: /小时$/ }).click();
  await expect(staff.page.getByRole("heading", { level: 1 })).toContainText(VOLUNTEER);
  await expect(staff.page.getByRole("heading", { name: /经审核的服务时长/ })).toBeVisible();
  await staff.page.goBack();

  // The nomination: a statement too short is refused in place; then it is submitted.
  await staff.page
    .getByRole("row")
    .filter({ hasText: VOLUNTEER })
    .getByRole("link", { name: "提名" })
    .click();
  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText("提名表彰");
  await staff.page.getByLabel("推荐理由").fill("表现很好。");
  await staff.page.getByRole("button", { name: "提交提名" }).click();
  await expect(staff.page.getByLabel("推荐理由")).toHaveAccessibleDescription(
    /推荐理由须为 20 至 2000 个字符/,
  );
  await staff.page
    .getByLabel("推荐理由")
    .fill("陈晓明全年坚持参与普法宣传和帮教走访，服务记录完整，获得社区和服务对象的一致好评。");
  await staff.page.getByLabel(/被提名人同意在光荣榜上公开全名/).check();
  await expectNoSeriousAxeViolations(staff.page);
  await staff.page.getByRole("button", { name: "提交提名" }).click();
  await expect(staff.page).toHaveURL(/\/staff\/nominations\/[0-9a-f-]{36}$/);
  await expect(staff.page.getByText("提名已提交，等待区司法局审核。")).toBeVisible();
  await expect(staff.page.getByText("待审核", { exact: true })).toBeVisible();
  const nominationUrl = staff.page.url();

  // The bureau admin approves: the public notice starts.
  await page.goto(nominationUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`提名：${VOLUNTEER}`);
  await expectNoSeriousAxeViolations(page);
  await page.getByRole("button", { name: "通过并公示" }).click();
  await expect(page.getByText("已通过，公示已开始。")).toBeVisible();
  await expect(page.getByText("公示中", { exact: true })).toBeVisible();

  // Anyone sees it on the honour roll during the notice, under the full name he agreed to.
  const visitor = await newDevice(browser);
  await visitor.page.goto("/honour-roll");
  const inNotice = visitor.page
    .getByTestId("roll-in-notice")
    .getByRole("listitem")
    .filter({ hasText: typeName });
  await expect(inNotice).toContainText(VOLUNTEER);
  await expect(inNotice.getByRole("link", { name: "提出异议" })).toBeVisible();
  await expectNoSeriousAxeViolations(visitor.page);

  // Three weeks on, the notice (5 working days) is over; the finalize-awards job makes it final.
  const later = Date.now() + 21 * DAY;
  await setServerClock([visitor.context, staff.context], later);
  expect(await runServerJob(visitor.context, "finalize-awards")).toMatch(/made final/);
  await visitor.page.goto("/honour-roll");
  await expect(
    visitor.page.getByTestId("roll-final").getByRole("listitem").filter({ hasText: typeName }),
  ).toContainText(VOLUNTEER);
  await expect(
    visitor.page.getByTestId("roll-in-notice").getByRole("listitem").filter({ hasText: typeName }),
  ).toHaveCount(0);

  // Staff (signed in again at the later time) see the award final with its certificate, and download it.
  await signIn(staff.page, STAFF_A, DEMO_PASSWORD);
  await expect(staff.page).toHaveURL(/\/dashboard$/);
  await staff.page.goto(nominationUrl);
  await expect(staff.page.getByText("已确定", { exact: true })).toBeVisible();
  const certificateLink = staff.page.getByRole("link", { name: AWARD_NUMBER });
  const number = ((await certificateLink.textContent()) ?? "").trim();
  expect(number).toMatch(AWARD_NUMBER);
  const [download] = await Promise.all([staff.page.waitForEvent("download"), certificateLink.click()]);
  expect(download.suggestedFilename()).toContain(number);
  const pdf = await staff.context.request.get(`/awards/${number}.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toContain("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");

  // The public verification page confirms the certificate.
  await visitor.page.goto(`/verify/${number}`);
  await expect(visitor.page.getByRole("status")).toHaveText(/该荣誉证书真实有效/);
  await expect(visitor.page.getByText(VOLUNTEER)).toBeVisible();
  await expect(visitor.page.getByText(typeName)).toBeVisible();
  await expectNoSeriousAxeViolations(visitor.page);

  await staff.context.close();
  await visitor.context.close();
});
