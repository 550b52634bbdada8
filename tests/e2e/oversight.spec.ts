/**
 * Oversight journey (issue 18): the bureau admin opens the district dashboard, drills down from a
 * figure to the records it counts, exports them as CSV, narrows the view to one office through the
 * URL, opens the monthly report and downloads its PDF. Office staff see their own office only.
 */
import { readFile } from "node:fs/promises";
import { runServerJob } from "./clock";
import {
  DEMO_PASSWORD,
  expect,
  expectNoSeriousAxeViolations,
  newDevice,
  signIn,
  signInAsBureauAdmin,
  test,
} from "./accounts-helpers";

test("a bureau admin drills from a district figure to its records, exports a CSV and the monthly PDF; office staff see their office", async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  await signInAsBureauAdmin(page);
  // The summary rows as of now (the job runs every ten minutes; other journeys change the records).
  expect(await runServerJob(page.context(), "oversight-refresh")).toMatch(/^oversight figures v\d+/);

  await page.goto("/staff/oversight");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/全区总览$/);
  await expect(page.getByText(/数据更新于/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "各司法所对比" })).toBeVisible();
  // Charts are server-drawn SVG with their numbers as a table.
  await expect(page.locator("figure svg, figure img").first()).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  // Drill down: the open help needs figure links to the needs it counts, in the same scope.
  const figure = page.locator('a[data-figure="matching.openNeeds"]');
  const shown = Number((await figure.textContent())?.replace(/\D/g, ""));
  expect(shown).toBeGreaterThan(0);
  await figure.click();
  await expect(page).toHaveURL(/\/staff\/oversight\/records\?.*figure=matching\.openNeeds/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("未结需求：记录");
  await expect(page.getByText(/共 \d+ 条记录/)).toBeVisible();
  expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
  // Case codes only: no subject's name or ID number leaves the justice screens, not even here.
  await expect(page.locator("tbody")).not.toContainText(/\d{17}[\dX]/);

  const [csv] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "导出 CSV" }).click(),
  ]);
  expect(csv.suggestedFilename()).toMatch(/\.csv$/);
  const text = await readFile((await csv.path())!, "utf8");
  const lines = text
    .replace(/^\uFEFF/, "")
    .trim()
    .split(/\r?\n/);
  expect(lines.length).toBeGreaterThan(1);

  // One office through the URL filter (bookmarkable), then its monthly report as a page and a PDF.
  await page.getByRole("link", { name: "返回总览" }).click();
  const office = page.getByRole("combobox", { name: "司法所", exact: true });
  // 东城司法所: not staff.a's office (城关司法所), so staff.a may not open this view below.
  const officeName = "东城司法所";
  await office.selectOption({ label: officeName });
  await page.getByRole("button", { name: "查看" }).click();
  await expect(page).toHaveURL(/[?&]office=[0-9a-f-]{36}/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`${officeName} 总览`);
  await page.getByRole("link", { name: "月度报告" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`${officeName} 月度报告`);
  const [pdf] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "下载 PDF" }).click(),
  ]);
  expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
  const bytes = await readFile((await pdf.path())!);
  expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

  // Office staff: their own office's dashboard, no office filter, and another office is not found.
  const officeUrl = new URL(page.url());
  const staff = await newDevice(browser);
  await signIn(staff.page, "staff.a@demo.portal", DEMO_PASSWORD);
  await expect(staff.page).toHaveURL(/\/dashboard$/);
  await staff.page.goto("/staff/oversight");
  await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText("城关司法所 总览");
  await expect(staff.page.getByRole("heading", { name: "各司法所对比" })).toHaveCount(0);
  await expect(staff.page.getByRole("combobox", { name: "司法所", exact: true })).toHaveCount(0);
  const response = await staff.page.goto(`/staff/oversight${officeUrl.search}`);
  expect(response?.status()).toBe(404);
  await staff.context.close();
});
