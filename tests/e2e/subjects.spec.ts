/**
 * Subjects registry journeys (issue 5): office staff register a subject and get a case code, look at
 * the identifying details for a stated purpose — which the bureau admin then finds in the audit
 * log — record and withdraw a consent to share with a named organization; a wrong ID number is
 * refused in place; staff of another office cannot open the case; the pages pass axe.
 *
 * Every test registers its own subject (a random, valid ID number) and acts from its own client
 * address (see accounts-helpers.ts), so the tests run in parallel and again on the same server.
 */
import { randomInt } from "node:crypto";
import type { Locator, Page } from "@playwright/test";
import { residentIdCheckCharacter, shanghaiDate } from "../../app/domains/subjects/resident-id";
import {
  DEMO_PASSWORD,
  expect,
  expectDashboard,
  expectNoSeriousAxeViolations,
  mainNav,
  newDevice,
  signIn,
  signInAsBureauAdmin,
  test,
  uniqueSuffix,
} from "./accounts-helpers";

const STAFF_A = "staff.a@demo.portal";
const STAFF_A_NAME = "李娜";
const STAFF_B = "staff.b@demo.portal";
const RECIPIENT = "阳光心理服务中心";
const CASE_CODE = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

/** A valid 18-digit resident ID number (GB 11643) of an adult, different in every call. */
function newResidentId(): string {
  const year = 1965 + randomInt(35);
  const month = String(1 + randomInt(12)).padStart(2, "0");
  const day = String(1 + randomInt(28)).padStart(2, "0");
  const first17 = `110101${year}${month}${day}${String(randomInt(1000)).padStart(3, "0")}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** The same number with another check character (still 17 digits and a digit or X). */
function withWrongCheckDigit(id: string): string {
  const checks = "10X98765432";
  return id.slice(0, 17) + checks.charAt((checks.indexOf(id.charAt(17)) + 1) % checks.length);
}

/** 'YYYY-MM-DD' of the Asia/Shanghai day `days` from now. */
function dayFromNow(days: number): string {
  return shanghaiDate(new Date(Date.now() + days * 86_400_000));
}

/** "2026-05-01" → "2026年5月1日", as Intl zh-CN medium dates read. */
function chineseDate(isoDate: string): string {
  const [year, month, day] = isoDate.split("-").map(Number);
  return `${year}年${month}月${day}日`;
}

interface NewSubject {
  name: string;
  idNumber: string;
  phone: string;
  area: string;
  address: string;
  level: "宽管" | "普管" | "严管";
  start: string;
  end: string;
}

function newSubject(): NewSubject {
  const suffix = uniqueSuffix();
  return {
    name: `测试对象${suffix}`,
    idNumber: newResidentId(),
    phone: `139${String(randomInt(100_000_000)).padStart(8, "0")}`,
    area: "城关街道",
    address: `示范区城关街道测试巷 ${randomInt(1, 999)} 号 ${suffix}`,
    level: "严管",
    start: dayFromNow(-30),
    end: dayFromNow(335),
  };
}

async function fillRegistration(page: Page, subject: NewSubject) {
  await page.getByLabel("姓名").fill(subject.name);
  await page.getByLabel("身份证号码").fill(subject.idNumber);
  await page.getByLabel("电话").fill(subject.phone);
  await page.getByLabel("街道/乡镇").fill(subject.area);
  await page.getByLabel("居住地址").fill(subject.address);
  await page.getByLabel("管理等级").selectOption({ label: subject.level });
  await page.getByLabel("矫正开始日").fill(subject.start);
  await page.getByLabel("矫正期满日").fill(subject.end);
}

/** Staff A opens the registry from the menu and registers `subject`; returns its case code and URL. */
async function registerThroughForm(
  page: Page,
  subject: NewSubject,
): Promise<{ caseCode: string; url: string }> {
  await mainNav(page).getByRole("link", { name: "矫正对象" }).first().click();
  await expect(page).toHaveURL(/\/staff\/subjects$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("矫正对象");
  await page.getByRole("link", { name: "登记矫正对象" }).click();
  await expect(page).toHaveURL(/\/staff\/subjects\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("登记矫正对象");
  await fillRegistration(page, subject);
  await page.getByRole("button", { name: "登记", exact: true }).click();

  await expect(page).toHaveURL(/\/staff\/subjects\/[0-9a-f-]{36}$/);
  const caseCode =
    (await page.getByRole("heading", { level: 1 }).locator("code").textContent())?.trim() ?? "";
  expect(caseCode).toMatch(CASE_CODE);
  await expect(page.getByRole("status")).toHaveText(
    `登记完成。案件编号：${caseCode}。在其他各方面前请只使用这个编号。`,
  );
  return { caseCode, url: new URL(page.url()).pathname };
}

/** The case facts list (<dl class="facts">) as "term: value" pairs. */
async function facts(list: Locator): Promise<Record<string, string>> {
  const terms = await list.locator("dt").allTextContents();
  const values = await list.locator("dd").allTextContents();
  return Object.fromEntries(terms.map((term, i) => [term.trim(), (values[i] ?? "").trim()]));
}

test.describe("subjects registry", () => {
  test("staff register a subject, view the identity (audited), record and withdraw a consent; another office gets 404", async ({
    page,
    browser,
    clientIp,
  }) => {
    test.setTimeout(90_000);
    const subject = newSubject();
    const purpose = `家访前核对住址 ${uniqueSuffix()}`;
    let caseCode = "";
    let url = "";

    await test.step("staff register the subject and see its case code", async () => {
      await signIn(page, STAFF_A, DEMO_PASSWORD);
      await expectDashboard(page, STAFF_A_NAME, "司法所工作人员");
      ({ caseCode, url } = await registerThroughForm(page, subject));

      // The case page shows the case facts (gender read from the ID number) and no identity.
      expect(await facts(page.locator("dl.facts").first())).toMatchObject({
        状态: "在矫",
        "街道/乡镇": subject.area,
        性别: Number(subject.idNumber.charAt(16)) % 2 === 1 ? "男" : "女",
        管理等级: subject.level,
        矫正期: `${subject.start} – ${subject.end}`,
      });
      const content = await page.locator("main").textContent();
      expect(content).not.toContain(subject.name);
      expect(content).not.toContain(subject.idNumber);
      expect(content).not.toContain(subject.phone);

      // The registry lists it by case code only; searching by the ID number opens it.
      await mainNav(page).getByRole("link", { name: "矫正对象" }).first().click();
      await page.getByLabel("案件编号或身份证号").fill(caseCode);
      await page.getByRole("button", { name: "查找" }).click();
      const rows = page.getByRole("table").getByRole("row");
      await expect(rows).toHaveCount(2);
      await expect(rows.nth(1)).toContainText(caseCode);
      await expect(rows.nth(1)).toContainText("城关司法所");
      await expect(rows.nth(1)).toContainText(subject.level);
      await expect(page.getByRole("table")).not.toContainText(subject.name);
      await page.getByLabel("案件编号或身份证号").fill(subject.idNumber);
      await page.getByRole("button", { name: "查找" }).click();
      await expect(page).toHaveURL(new RegExp(`${url}$`));
    });

    await test.step("staff view the identifying details for a stated purpose", async () => {
      const identity = page.getByRole("region", { name: "身份信息" });
      await expect(identity.getByText("查看身份信息会记入审计日志。请说明本次查看的用途。")).toBeVisible();
      await identity.getByLabel("用途").fill(purpose);
      await identity.getByRole("button", { name: "查看身份信息" }).click();
      const details = identity.locator("dl");
      await expect(details).toBeVisible();
      const birth = subject.idNumber.slice(6, 14);
      expect(await facts(details)).toEqual({
        姓名: subject.name,
        身份证号码: subject.idNumber,
        电话: subject.phone,
        居住地址: subject.address,
        出生日期: `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6)}`,
      });
    });

    await test.step("the bureau admin finds the view in the audit log by case code", async () => {
      const bureau = await newDevice(browser);
      await signInAsBureauAdmin(bureau.page);
      await mainNav(bureau.page).getByRole("link", { name: "审计日志" }).first().click();
      await expect(bureau.page).toHaveURL(/\/admin\/audit$/);
      await expect(bureau.page.getByRole("heading", { level: 1 })).toHaveText("审计日志");
      await bureau.page.getByLabel("案件编号").fill(caseCode.toLowerCase());
      await bureau.page.getByRole("button", { name: "查询" }).click();
      await expect(bureau.page).toHaveURL(/caseCode=/);
      const table = bureau.page.getByRole("table", { name: "审计日志" });
      // Registration and the one view, newest first, both for this case code only.
      const rows = table.locator("tbody tr");
      await expect(rows).toHaveCount(2);
      for (const row of await rows.all()) await expect(row).toContainText(caseCode);
      const view = rows.filter({ hasText: "查看身份信息" });
      await expect(view).toHaveCount(1);
      await expect(view).toContainText(STAFF_A_NAME);
      await expect(view).toContainText(STAFF_A);
      await expect(view).toContainText("矫正对象");
      await expect(view).toContainText(purpose);
      await expect(view).toContainText(clientIp);
      await expect(rows.filter({ hasText: "创建" })).toHaveCount(1);
      // The audit row holds no identifying data.
      await expect(table).not.toContainText(subject.name);
      await expect(table).not.toContainText(subject.idNumber);

      // Filtering by the action too keeps only the view.
      await bureau.page.getByLabel("操作").selectOption({ label: "查看身份信息" });
      await bureau.page.getByRole("button", { name: "查询" }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(purpose);
      await expectNoSeriousAxeViolations(bureau.page);

      // The whole district's log on a 1280 px screen: every column visible without scrolling
      // sideways, and names in the reader's language, never the log's internal words.
      await bureau.page.setViewportSize({ width: 1280, height: 900 });
      for (const [language, heading, certificate] of [
        // The entity of the newest rows (this journey's identity view), named in the reader's language.
        ["zh-CN", "审计日志", "矫正对象"],
        ["en", "Audit log", "Subject"],
      ] as const) {
        if (language === "en") {
          await bureau.page.getByRole("button", { name: "English" }).click();
          await expect(bureau.page.locator("html")).toHaveAttribute("lang", "en");
        }
        await bureau.page.goto("/admin/audit");
        await expect(bureau.page.getByRole("heading", { level: 1 })).toHaveText(heading);
        const log = bureau.page.getByRole("table", { name: heading });
        await expect(log.locator("tbody tr").first()).toBeVisible();
        await expect(log).toContainText(certificate);
        for (const internal of ["service_certificate", "hour-records", "hour-record", "view_identity"])
          await expect(log).not.toContainText(internal);
        const overflow = await log.evaluate((table) => ({
          table: table.scrollWidth - table.clientWidth,
          page: document.documentElement.scrollWidth - window.innerWidth,
        }));
        expect(overflow).toEqual({ table: 0, page: 0 });
        await bureau.page.screenshot({
          path: test.info().outputPath(`audit-1280-${language}.png`),
          fullPage: true,
        });
      }
      await bureau.context.close();
    });

    await test.step("staff record a consent for a named organization, then withdraw it", async () => {
      await page.goto(url);
      const ledger = page.getByRole("region", { name: "信息共享同意" });
      await expect(ledger.getByText("尚未记录任何同意。未经同意，其他机构只能看到案件编号。")).toBeVisible();
      const form = ledger
        .locator("form")
        .filter({ has: page.getByRole("heading", { name: "记录新的同意" }) });
      const consentPurpose = `心理辅导转介 ${uniqueSuffix()}`;
      const expiresOn = dayFromNow(90);

      // Nothing chosen: errors in place, nothing recorded.
      await form.getByRole("button", { name: "记录同意" }).click();
      await expect(form.getByLabel("接收机构")).toHaveAccessibleDescription("请选择所属单位。");
      await expect(form.getByRole("group", { name: "同意共享的信息" })).toHaveAccessibleDescription(
        "请至少选择一项可共享的信息。",
      );
      await expect(form.getByLabel("用途")).toHaveAccessibleDescription("请说明用途（至少 2 个字）。");
      await expect(form.getByLabel("有效期至")).toHaveAccessibleDescription("请输入有效日期（年-月-日）。");
      await expect(ledger.locator("ul.list > li")).toHaveCount(0);

      // A date in the past is refused too, and what was chosen stays chosen.
      await form.getByLabel("接收机构").selectOption({ label: RECIPIENT });
      await form.getByLabel("用途").fill(consentPurpose);
      await form.getByRole("checkbox", { name: "姓名" }).check();
      await form.getByRole("checkbox", { name: "电话" }).check();
      await form.getByLabel("有效期至").fill(dayFromNow(-1));
      await form.getByRole("button", { name: "记录同意" }).click();
      await expect(form.getByLabel("有效期至")).toHaveAccessibleDescription("有效期必须晚于今天。");
      await expect(form.getByLabel("接收机构").locator("option:checked")).toHaveText(RECIPIENT);
      await expect(form.getByRole("checkbox", { name: "姓名" })).toBeChecked();
      await expect(ledger.locator("ul.list > li")).toHaveCount(0);

      await form.getByLabel("有效期至").fill(expiresOn);
      await form.getByRole("button", { name: "记录同意" }).click();
      await expect(page.getByRole("status")).toHaveText("同意已记录。");
      // The form is empty again for the next consent.
      await expect(form.getByLabel("用途")).toHaveValue("");
      await expect(form.getByRole("checkbox", { name: "姓名" })).not.toBeChecked();

      const entry = ledger.locator("ul.list > li");
      await expect(entry).toHaveCount(1);
      await expect(entry).toContainText(`${RECIPIENT} · ${consentPurpose}`);
      await expect(entry).toContainText("共享信息：姓名、电话");
      await expect(entry).toContainText(`有效期至 ${chineseDate(expiresOn)}`);
      await expect(entry.locator(".badge")).toHaveText("有效");
      await expect(entry).not.toContainText("已于");
      // The ledger survives a reload (it is read from the database, not the action's answer).
      await page.reload();
      await expect(entry).toHaveCount(1);
      await expect(entry).toContainText(`${RECIPIENT} · ${consentPurpose}`);

      await entry.getByRole("button", { name: "撤回同意" }).click();
      await expect(page.getByRole("status")).toHaveText("同意已撤回，对方立即无法再看到这些信息。");
      await expect(entry.locator(".badge")).toHaveText("已撤回");
      await expect(entry).toContainText(`已于 ${chineseDate(dayFromNow(0))}`);
      await expect(entry.getByRole("button", { name: "撤回同意" })).toHaveCount(0);
      await page.reload();
      await expect(entry).toHaveCount(1);
      await expect(entry).toContainText(/已于 .+ 撤回/);
    });

    await test.step("staff of another office get 404 for the case", async () => {
      const other = await newDevice(browser);
      await signIn(other.page, STAFF_B, DEMO_PASSWORD);
      await expectDashboard(other.page, "张伟", "司法所工作人员");
      const response = await other.page.goto(url);
      expect(response?.status()).toBe(404);
      await expect(other.page.locator("body")).not.toContainText(caseCode);
      // Nor does the case code or the ID number find it in their registry.
      await other.page.goto(`/staff/subjects?q=${encodeURIComponent(caseCode)}&status=`);
      await expect(other.page.getByText("没有符合条件的矫正对象。")).toBeVisible();
      await other.page.goto(`/staff/subjects?q=${subject.idNumber}`);
      await expect(other.page).toHaveURL(/\/staff\/subjects\?q=/);
      await expect(other.page.getByText("没有符合条件的矫正对象。")).toBeVisible();
      // Nor can they act on it.
      const reveal = await other.page.request.post(url, {
        form: { intent: "reveal", purpose: "越权查看" },
        headers: { Origin: new URL(other.page.url()).origin },
        maxRedirects: 0,
      });
      expect(reveal.status()).toBe(404);
      await other.context.close();
    });
  });

  test("a wrong check digit is refused in place, in Chinese, and creates nothing", async ({ page }) => {
    const subject = newSubject();
    const wrongId = withWrongCheckDigit(subject.idNumber);
    await signIn(page, STAFF_A, DEMO_PASSWORD);
    await expectDashboard(page, STAFF_A_NAME, "司法所工作人员");
    // Reached by client-side navigation, so the messages load in the browser, not the server.
    await mainNav(page).getByRole("link", { name: "矫正对象" }).first().click();
    await page.getByRole("link", { name: "登记矫正对象" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登记矫正对象");
    await fillRegistration(page, { ...subject, idNumber: wrongId });

    // The browser refuses it with the action's own schema: the summary takes the focus.
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await expect(page.locator(".error-summary")).toBeFocused();
    await expect(page).toHaveURL(/\/staff\/subjects\/new$/);
    const idField = page.getByLabel("身份证号码");
    await expect(idField).toHaveAttribute("aria-invalid", "true");
    await expect(idField).toHaveAccessibleDescription(
      /居民身份证号码校验不通过，可能有数字输错，请逐位核对。/,
    );
    // Only that field is in error, and what was typed is kept.
    await expect(page.locator("[aria-invalid=true]")).toHaveCount(1);
    await expect(idField).toHaveValue(wrongId);
    await expect(page.getByLabel("姓名")).toHaveValue(subject.name);
    await expect(page.getByLabel("管理等级")).toHaveValue("strict");
    await expect(page.getByLabel("矫正期满日")).toHaveValue(subject.end);
    await expectNoSeriousAxeViolations(page);

    // Nothing was created: the ID number finds no subject.
    await page.goto(`/staff/subjects?q=${wrongId}`);
    await expect(page).toHaveURL(/\/staff\/subjects\?q=/);
    await expect(page.getByText("没有符合条件的矫正对象。")).toBeVisible();
    await expect(page.getByRole("table")).toHaveCount(0);

    // With the right check digit the same form registers it.
    await page.goto("/staff/subjects/new");
    await fillRegistration(page, subject);
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await expect(page).toHaveURL(/\/staff\/subjects\/[0-9a-f-]{36}$/);
  });

  test("the registry, the form and the case page have no serious axe violations", async ({ page }) => {
    // Six axe scans of full pages: slower than the usual journey on a busy two-core machine.
    test.setTimeout(90_000);
    await signIn(page, STAFF_A, DEMO_PASSWORD);
    await expectDashboard(page, STAFF_A_NAME, "司法所工作人员");
    await page.goto("/staff/subjects");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("矫正对象");
    await expectNoSeriousAxeViolations(page);
    await page.goto("/staff/subjects/new");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("登记矫正对象");
    await expectNoSeriousAxeViolations(page);

    // Errors shown everywhere on the form.
    await page.getByRole("button", { name: "登记", exact: true }).click();
    await expect(page.getByLabel("姓名")).toHaveAccessibleDescription("请填写姓名。");
    await expectNoSeriousAxeViolations(page);

    const { url } = await registerThroughForm(page, newSubject());
    await expectNoSeriousAxeViolations(page);
    await page.goto(url);
    await expect(page.getByRole("heading", { name: "记录新的同意" })).toBeVisible();
    // The reveal form and the consent form each have a purpose field with a label of its own.
    await expect(page.getByLabel("用途")).toHaveCount(2);
    await expectNoSeriousAxeViolations(page);
    // The list with a subject in it.
    await page.goto("/staff/subjects");
    await expect(page.getByRole("table")).toBeVisible();
    await expectNoSeriousAxeViolations(page);
  });
});
