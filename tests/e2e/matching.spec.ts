/**
 * Matching journey (issue 16): office staff register a help need for a subject by case code, read
 * why each provider is suggested and refer it to one; the provider (ngo@demo.portal, 阳光心理服务中心)
 * sees only the case code, accepts, records progress and resolves with an outcome; staff see the
 * outcome and the time it took to accept. The provider answers two hours later on the portal's
 * clock (moved for its browser only, no waiting). Pages pass axe.
 */
import type { Page } from "@playwright/test";
import {
  DEMO_PASSWORD,
  emailsTo,
  expect,
  expectNoSeriousAxeViolations,
  mainNav,
  newDevice,
  signIn,
  test,
  uniqueSuffix,
} from "./accounts-helpers";
import { setServerClock } from "./clock";

const STAFF_A = "staff.a@demo.portal";
const NGO = "ngo@demo.portal";
const PROVIDER = "阳光心理服务中心";
const HOUR = 60 * 60_000;

/** The case code of a male subject of 城关司法所 (a woman's need would be limited to women workers). */
async function aCaseCode(page: Page): Promise<string> {
  await mainNav(page).getByRole("link", { name: "矫正对象" }).first().click();
  const code = await page.getByRole("table").getByRole("row").nth(1).locator("code").first().textContent();
  return (code ?? "").trim();
}

test.describe("help needs and referrals", () => {
  test("staff register a need and refer it; the provider accepts, records progress and resolves; staff see the outcome and time to accept", async ({
    page,
    browser,
    request,
  }) => {
    test.setTimeout(120_000);
    const description = `希望获得情绪疏导 ${uniqueSuffix()}`;
    const outcome = `情绪稳定，已结案 ${uniqueSuffix()}`;
    let caseCode = "";
    let needUrl = "";

    await test.step("staff register a need by case code, with the warning against identifying details", async () => {
      await signIn(page, STAFF_A, DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/dashboard$/);
      caseCode = await aCaseCode(page);
      expect(caseCode).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
      await mainNav(page).getByRole("link", { name: "帮扶需求" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("帮扶需求");
      await expectNoSeriousAxeViolations(page);
      await page.getByRole("link", { name: "登记需求" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("登记帮扶需求");
      await expect(page.getByText("请勿填写姓名、身份证号、电话")).toBeVisible();

      // An ID number in the description is refused in place by the browser, keeping what was typed.
      await page.getByLabel("案件编号").fill(caseCode);
      await page.getByLabel("服务类别").selectOption("psychological.individual");
      await page.getByLabel("紧急程度").selectOption("urgent");
      await page.getByLabel("需求描述").fill("身份证 11010519491231002X，需要心理咨询");
      await page.getByRole("button", { name: "登记需求" }).click();
      await expect(page.getByRole("alert")).toContainText("似乎含有身份证号或电话号码");
      await expect(page.locator("#field-description-error")).toHaveText(/似乎含有身份证号或电话号码/);
      await expect(page.getByLabel("案件编号")).toHaveValue(caseCode);
      await expectNoSeriousAxeViolations(page);

      await page.getByLabel("服务类别").selectOption("psychological.individual");
      await page.getByLabel("紧急程度").selectOption("urgent");
      await page.getByLabel("需求描述").fill(description);
      await page.getByRole("button", { name: "登记需求" }).click();
      // The detail page of the new need, the success told once by the flash (no ?registered=1).
      await expect(page).toHaveURL(/\/staff\/needs\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("status")).toHaveText("需求已登记，可以从下方推荐中选择服务提供方。");
      needUrl = new URL(page.url()).pathname;
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(`需求 ${caseCode}`);
    });

    await test.step("staff read why a provider is suggested and refer the need to it", async () => {
      const suggestion = page.locator(".suggestion").filter({ hasText: PROVIDER });
      await expect(suggestion).toBeVisible();
      await suggestion.getByText("评分理由").click();
      await expect(suggestion.getByText("覆盖全区")).toBeVisible();
      await expect(suggestion.getByText("服务类别")).toBeVisible();
      await expectNoSeriousAxeViolations(page);
      await suggestion.getByRole("button", { name: `转介给 ${PROVIDER}` }).click();
      await expect(page).toHaveURL(new RegExp(`${needUrl}$`));
      await expect(page.getByRole("status")).toHaveText("转介已发送，服务提供方会收到邮件通知。");
      const row = page.getByRole("table").getByRole("row").filter({ hasText: PROVIDER });
      await expect(row).toContainText("待答复");
    });

    const provider = await newDevice(browser);
    await test.step("the provider, two hours later, sees the case code only and accepts", async () => {
      await setServerClock([provider.context], Date.now() + 2 * HOUR);
      await signIn(provider.page, NGO, DEMO_PASSWORD);
      await expect(provider.page).toHaveURL(/\/dashboard$/);
      await mainNav(provider.page).getByRole("link", { name: "转介请求" }).click();
      await expect(provider.page.getByRole("heading", { level: 1 })).toHaveText("转介请求");
      await expectNoSeriousAxeViolations(provider.page);
      // The demo data may hold an older pending referral of the same subject: pick this need's row.
      const row = provider.page
        .getByRole("row")
        .filter({ hasText: caseCode })
        .filter({ hasText: "待答复" })
        .filter({ hasText: "个体心理咨询" })
        .filter({ hasText: "紧急" });
      await row.first().getByRole("link", { name: caseCode }).click();
      await expect(provider.page.getByRole("heading", { level: 1 })).toHaveText(`转介 ${caseCode}`);
      await expect(provider.page.getByText(description)).toBeVisible();
      await expect(provider.page.getByText("犯罪记录不是婉拒的理由。")).toBeVisible();
      await expectNoSeriousAxeViolations(provider.page);
      await provider.page.getByRole("button", { name: "承接" }).click();
      await expect(provider.page.getByRole("status")).toHaveText("已承接，请尽快联系并开展服务。");
    });

    await test.step("the provider records progress and resolves with an outcome", async () => {
      await provider.page.getByLabel("进展记录").fill("完成首次面谈。");
      await provider.page.getByRole("button", { name: "保存进展" }).click();
      await expect(provider.page.getByRole("status")).toHaveText("进展已记录。");
      await expect(provider.page.locator("dl.facts")).toContainText("服务中");
      // An outcome must be written: refused in place first.
      await provider.page.getByRole("button", { name: "结案并记录结果" }).click();
      await expect(provider.page.getByRole("alert")).toContainText("请填写服务结果。");
      await expect(provider.page.locator("#field-close-note-error")).toHaveText("请填写服务结果。");
      await provider.page.getByLabel("结果", { exact: true }).selectOption("resolved");
      await provider.page.getByLabel("服务结果").fill(outcome);
      await provider.page.getByRole("button", { name: "结案并记录结果" }).click();
      await expect(provider.page.getByRole("status")).toHaveText("已结案，结果已告知司法所。");
      await expect(provider.page.locator("dl.facts")).toContainText(outcome);
      await expect(provider.page.locator(".timeline li")).toHaveCount(4);
    });

    await test.step("staff see the outcome and the time it took to accept", async () => {
      await page.goto(needUrl);
      await expect(page.getByTestId("need-outcome")).toHaveText(outcome);
      await expect(page.locator("dl.facts")).toContainText("已解决");
      const row = page.getByRole("table").getByRole("row").filter({ hasText: PROVIDER });
      await expect(row).toContainText("已解决");
      await expect(row.getByTestId("time-to-accept")).toHaveText("2 小时 0 分钟");
      await expectNoSeriousAxeViolations(page);
      // The office hears of the outcome by email too.
      await emailsTo(request, STAFF_A, "帮扶服务已完成", 1, 30_000);
    });
    await provider.context.close();
  });

  test("staff import needs from a CSV file: checked before upload, refused by line, the corrected file imports once", async ({
    page,
  }) => {
    await signIn(page, STAFF_A, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    const caseCode = await aCaseCode(page);
    const description = `希望参加职业技能培训 ${uniqueSuffix()}`;
    const csv = (rows: string[]) => ({
      name: "needs.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(`\uFEFFcase_code,category,urgency,description\n${rows.join("\n")}\n`, "utf8"),
    });
    // How many skills-training needs the subject has on the board before the import.
    const skillsRows = async () => {
      await page.goto(`/staff/needs?caseCode=${caseCode}`);
      return page.getByRole("row").filter({ hasText: caseCode }).filter({ hasText: "技能培训" }).count();
    };
    const before = await skillsRows();
    await page.getByRole("link", { name: "批量导入（CSV）" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("批量导入帮扶需求");

    // No file: refused by the browser, in place, before anything is sent.
    await page.getByRole("button", { name: "导入" }).click();
    await expect(page.getByRole("alert")).toContainText("请选择要上传的 CSV 文件。");
    await expect(page.getByLabel("CSV 文件")).toHaveAttribute("aria-invalid", "true");

    // A row of a case code the office does not hold: nothing is imported, the line is named.
    await page
      .getByLabel("CSV 文件")
      .setInputFiles(csv([`${caseCode},skills,normal,${description}`, "K7Q2-M9XD-4TPZ,legal,low,咨询"]));
    await page.getByRole("button", { name: "导入" }).click();
    await expect(page.getByRole("alert")).toContainText("文件未导入，请改正以下问题：");
    const problems = page.getByTestId("import-problems");
    await expect(problems.getByRole("row").nth(1)).toContainText("3");
    await expect(problems.getByRole("row").nth(1)).toContainText("本所没有此案件编号的在册对象。");
    await expectNoSeriousAxeViolations(page);

    // The corrected file imports its row and leads to the board, which says so once.
    await page.getByLabel("CSV 文件").setInputFiles(csv([`${caseCode},skills,normal,${description}`]));
    await page.getByRole("button", { name: "导入" }).click();
    await expect(page).toHaveURL(/\/staff\/needs$/);
    await expect(page.getByRole("status")).toHaveText("已导入 1 项需求。");
    expect(await skillsRows()).toBe(before + 1);
  });

  test("batch matching: a confirmation with every pair unticked is refused in the browser, nothing sent", async ({
    page,
  }) => {
    await signIn(page, STAFF_A, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await page.goto("/staff/needs/batch");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("批量匹配");
    const boxes = page.getByRole("checkbox", { name: /^将 .+ 转介给 / });
    // Every suggested pair is kept at first.
    expect(await boxes.count()).toBeGreaterThan(0);
    for (const box of await boxes.all()) await expect(box).toBeChecked();
    for (const box of await boxes.all()) await box.uncheck();
    let posted = false;
    page.on("request", (request) => {
      if (request.method() === "POST") posted = true;
    });
    await page.getByRole("button", { name: "确认并发送所选转介" }).click();
    await expect(page.getByRole("alert")).toContainText("请至少选择一项转介。");
    await expect(page.locator("#field-pair-error")).toHaveText("请至少选择一项转介。");
    expect(posted).toBe(false);
    await expectNoSeriousAxeViolations(page);
  });

  test("the provider declaration shows what is saved and refuses every problem at once in the browser", async ({
    page,
  }) => {
    await signIn(page, NGO, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/dashboard$/);
    await mainNav(page).getByRole("link", { name: "服务声明" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("服务声明");
    const ticked = page
      .getByRole("group", { name: "提供的服务类别" })
      .getByRole("checkbox", { checked: true });
    // Retried: the saved choices are shown once the page's form has its values.
    await expect.poll(() => ticked.count()).toBeGreaterThan(0);
    await expect(page.getByLabel("覆盖全区所有司法所")).toBeChecked();
    await expect(page.getByLabel("可安排女性工作人员")).toBeChecked();
    await expectNoSeriousAxeViolations(page);
    // Nothing offered, no area, a capacity in words: all three refused together, nothing posted.
    const categories = page.getByRole("group", { name: "提供的服务类别" }).getByRole("checkbox");
    for (const box of await categories.all()) await box.uncheck();
    const area = page.getByRole("group", { name: "服务区域" });
    for (const box of await area.getByRole("checkbox").all()) await box.uncheck();
    await page.getByLabel("可同时承接的案件数").fill("三个");
    let posted = false;
    page.on("request", (request) => {
      if (request.method() === "POST") posted = true;
    });
    await page.getByRole("button", { name: "保存服务声明" }).click();
    const summary = page.getByRole("alert");
    await expect(summary).toContainText("请至少选择一个服务类别。");
    await expect(summary).toContainText("请选择覆盖全区或至少一个司法所。");
    await expect(summary).toContainText("名额须为 0 到 1000 的整数。");
    expect(posted).toBe(false);
    // Ticking the whole district clears the area's error as it changes.
    await page.getByLabel("覆盖全区所有司法所").check();
    await expect(page.locator("#field-officeIds-error")).toHaveCount(0);
  });
});
