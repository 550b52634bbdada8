/**
 * The volunteer journey of issue 6, through the browser for every role: a new volunteer registers an
 * account and a volunteer profile, office staff approve it; staff publish an activity that starts in
 * ten minutes, the volunteer signs up, checks in and out with the code on the organizer's
 * screen, and self-reports further service (a report longer than the activity is refused first);
 * staff verify both records in bulk; the volunteer's totals and star progress update; the volunteer
 * issues a certificate, downloads the PDF, and anyone can verify it by its number (masked name), an
 * unknown number giving 404. Each step's email is read from the fake Resend API.
 *
 * Time is moved, never waited for: the activity starts ten minutes ahead (it cannot be created in the
 * past, sign-ups close at its start); the volunteer checks in before the start, then the journey runs
 * the portal's clock of both browsers (the e2e server's per-context clock control, tests/e2e/clock.ts)
 * to just after the start and to past its first whole minute, and fast-forwards the organizer
 * browser's own clock (Playwright's page.clock) so the code screen rotates by itself. Everything is
 * unique per run; the test acts from client addresses of its own.
 */
import { randomInt } from "node:crypto";
import { readFileSync } from "node:fs";
import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { DEFAULT_CHECKIN_STEP_SECONDS } from "../../app/domains/volunteers/checkin-code";
import { residentIdCheckCharacter, shanghaiDate } from "../../app/domains/subjects/resident-id";
import { toShanghaiInputValue } from "../../app/domains/volunteers/activity-time";
import { hoursOf } from "../../app/domains/volunteers/format";
import { formatHours } from "../../emails/components/hours";
import {
  DEMO_PASSWORD,
  expect,
  mainNav,
  newDevice,
  newVolunteer,
  signIn,
  test,
  uniqueSuffix,
  verificationEmail,
} from "./accounts-helpers";
import { setServerClock } from "./clock";
import { fakeResendUrl, type ReceivedEmail } from "./mail";

const STAFF_A = "staff.a@demo.portal";
const OFFICE_A = "城关司法所";
const MINUTE = 60_000;
/** The default star thresholds (no district sets its own in the demo data): level 1 at 100 hours. */
const FIRST_STAR_MINUTES = 100 * 60;
/** How long the activity lasts; the refused self-report asks for more. */
const ACTIVITY_MINUTES = 60;
/** The valid self-report: 1 h 30 min, not part of an activity. */
const SELF_REPORT_MINUTES = 90;

/** A valid 18-digit resident ID number (GB 11643) of an adult, different in every call. */
function newResidentId(): string {
  const year = 1970 + randomInt(30);
  const month = String(1 + randomInt(12)).padStart(2, "0");
  const day = String(1 + randomInt(28)).padStart(2, "0");
  const first17 = `110101${year}${month}${day}${String(randomInt(1000)).padStart(3, "0")}`;
  return first17 + residentIdCheckCharacter(first17);
}

/** A legal name of three Chinese characters (the masking rule keeps the first and the last). */
function newLegalName(): string {
  const surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许";
  const given = "晓明华丽建国秀英志强海燕文杰嘉欣子涵雨轩浩然思远梓萱俊宇佳怡";
  const pick = (pool: string) => pool.charAt(randomInt(pool.length));
  return `${pick(surnames)}${pick(given)}${pick(given)}`;
}

function mobile(): string {
  return `139${String(randomInt(100_000_000)).padStart(8, "0")}`;
}

/**
 * Waits until a mail to `to` whose subject contains `subject` (and whose text contains `contains`,
 * when given) has arrived; returns the newest. Staff mailboxes receive mail from other tests too.
 */
async function mailTo(
  request: APIRequestContext,
  to: string,
  subject: string,
  contains?: string,
  timeoutMs = 20_000,
): Promise<ReceivedEmail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const response = await request.get(`${fakeResendUrl}/__test/emails?to=${encodeURIComponent(to)}`);
    const { emails } = (await response.json()) as { emails: ReceivedEmail[] };
    const match = emails
      .filter((email) => email.subject.includes(subject))
      .filter((email) => contains === undefined || email.text.includes(contains))
      .at(-1);
    if (match) return match;
    if (Date.now() > deadline)
      throw new Error(`No mail "${subject}"${contains ? ` containing "${contains}"` : ""} to ${to}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The facts list (<dl class="facts">) as "term: value" pairs. */
async function facts(list: Locator): Promise<Record<string, string>> {
  const terms = await list.locator("dt").allTextContents();
  const values = await list.locator("dd").allTextContents();
  return Object.fromEntries(terms.map((term, i) => [term.trim(), (values[i] ?? "").trim()]));
}

/** The code on the organizer's screen, digits only ("123 456" → "123456"). */
async function currentCode(screen: Page): Promise<string> {
  const digits = screen.getByLabel("当前签到码");
  await expect(digits).toHaveText(/^\d{3} \d{3}$/);
  return ((await digits.textContent()) ?? "").replace(/\D/g, "");
}

test.describe("volunteer journey", () => {
  test("register, approval, sign-up, check-in and out, self-report, bulk verification, totals, certificate and its verification", async ({
    page,
    browser,
    request,
  }) => {
    test.setTimeout(150_000);
    const suffix = uniqueSuffix();
    const account = newVolunteer("journey");
    const legalName = newLegalName();
    const idNumber = newResidentId();
    const activityTitle = `社区普法宣传 ${suffix}`;
    const selfReportText = `为社区居民提供法律咨询 ${suffix}`;
    const staff = await newDevice(browser);
    let volunteerNumber = "";
    let activityUrl = "";
    let startsAt = 0;
    /** How far the portal's clock of both browsers runs ahead of this machine's. */
    let offsetMs = 0;
    let systemMinutes = 0;
    let certificateNumber = "";

    await test.step("the volunteer creates an account and verifies the email", async () => {
      await page.goto("/register");
      await page.getByRole("link", { name: "我是志愿者" }).click();
      await expect(page).toHaveURL(/\/register\/volunteer$/);
      await page.getByLabel("姓名").fill(account.name);
      await page.getByLabel("电子邮箱").fill(account.email);
      await page.getByLabel("密码", { exact: true }).fill(account.password);
      await page.getByLabel("再次输入密码").fill(account.password);
      await page.getByLabel(/志愿者信息使用条款/).check();
      await page.getByRole("button", { name: "注册", exact: true }).click();
      await expect(page).toHaveURL(/\/verify-email\?email=/);
      const { code } = await verificationEmail(request, account.email);
      await page.getByLabel("验证码").fill(code);
      await page.getByRole("button", { name: "验证", exact: true }).click();
      await expect(page).toHaveURL(/\/login$/);
      await signIn(page, account.email, account.password);
      await expect(page).toHaveURL(/\/dashboard$/);
    });

    await test.step("the volunteer submits the volunteer profile; both sides are told", async () => {
      await mainNav(page).getByRole("link", { name: "志愿者资料" }).first().click();
      await expect(page).toHaveURL(/\/volunteer\/profile$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿者资料");
      await page.getByLabel("姓名", { exact: true }).fill(legalName);
      await page.getByLabel("居民身份证号码").fill(idNumber);
      await expect(page.getByText(/^识别结果：[男女]，出生日期 /)).toBeVisible();
      await page.getByLabel("手机号码").fill(mobile());
      await page.getByRole("textbox", { name: "语言", exact: true }).fill("普通话，英语");
      await page.getByRole("checkbox", { name: "法律", exact: true }).check();
      await page.getByRole("checkbox", { name: "社会工作", exact: true }).check();
      await page.getByLabel("所属司法所").selectOption({ label: OFFICE_A });
      await page.getByRole("checkbox", { name: "周六上午" }).check();
      await page.getByRole("checkbox", { name: "周三晚上" }).check();
      await page.getByLabel("紧急联系人姓名").fill("张三");
      await page.getByLabel("紧急联系人电话").fill(mobile());
      await page.getByLabel("我已阅读并同意《志愿者个人信息处理规则》").check();
      await page.getByRole("button", { name: "提交审核" }).click();

      await expect(page).toHaveURL(/\/volunteer\/profile$/);
      await expect(page.getByText("资料已提交，请等待审核。我们已给您发送确认邮件。")).toBeVisible();
      await expect(page.getByRole("heading", { name: /审核状态/ })).toContainText("待审核");
      const received = await mailTo(request, account.email, "我们已收到您的志愿者资料");
      expect(received.text).toContain(OFFICE_A);
      await mailTo(request, STAFF_A, "有新的志愿者注册等待审核", legalName);
    });

    await test.step("office staff find the registration and approve it", async () => {
      await signIn(staff.page, STAFF_A, DEMO_PASSWORD);
      await expect(staff.page).toHaveURL(/\/dashboard$/);
      await mainNav(staff.page).getByRole("link", { name: "志愿者管理" }).first().click();
      await expect(staff.page).toHaveURL(/\/staff\/volunteers$/);
      await staff.page.getByLabel("姓名、志愿者编号或手机号").fill(legalName);
      await staff.page.getByRole("button", { name: "筛选" }).click();
      await staff.page.getByRole("link", { name: legalName, exact: true }).click();
      await expect(staff.page.getByRole("heading", { level: 1 })).toContainText(legalName);
      const details = await facts(staff.page.locator("dl.facts"));
      expect(details["所属司法所"]).toBe(OFFICE_A);
      expect(details["邮箱"]).toBe(account.email);
      // The ID number stays masked: region code and the last four characters only.
      expect(details["居民身份证号码"]).toBe(`${idNumber.slice(0, 6)}********${idNumber.slice(-4)}`);

      await staff.page.getByRole("button", { name: "审核通过" }).click();
      const notice = staff.page.getByRole("status");
      await expect(notice).toHaveText(/^已审核通过，志愿者编号：V\d{10}。$/);
      volunteerNumber = /V\d{10}/.exec((await notice.textContent()) ?? "")![0];
      await expect(staff.page.getByRole("heading", { level: 1 })).toContainText("已通过");

      const decided = await mailTo(request, account.email, "您的志愿者注册已通过审核");
      expect(decided.text).toContain(volunteerNumber);
      await page.reload();
      await expect(page.getByText(`您已是认证志愿者，志愿者编号：${volunteerNumber}。`)).toBeVisible();
    });

    await test.step("staff publish an activity that starts in ten minutes", async () => {
      await mainNav(staff.page).getByRole("link", { name: "服务活动" }).first().click();
      await expect(staff.page).toHaveURL(/\/activities$/);
      await staff.page.getByRole("link", { name: "发布活动" }).click();
      await expect(staff.page.getByRole("heading", { level: 1 })).toHaveText("发布服务活动");
      await staff.page.getByLabel("活动名称").fill(activityTitle);
      await staff.page.getByLabel("活动介绍").fill("向社区居民讲解《民法典》中与日常生活相关的规定。");
      await staff.page.getByLabel("类别").selectOption({ label: "法律服务" });
      await expect(staff.page.getByLabel("所在司法所")).toHaveValue(/.+/);
      await staff.page.getByLabel("活动地点").fill(`${OFFICE_A}二楼会议室`);
      await staff.page.getByLabel("名额", { exact: true }).fill("5");
      await staff.page.getByRole("checkbox", { name: "法律", exact: true }).check();
      // Times are whole minutes and must lie ahead; check-in opens half an hour before the start.
      startsAt = Math.ceil((Date.now() + 10 * MINUTE) / MINUTE) * MINUTE;
      await staff.page.getByLabel("开始时间").fill(toShanghaiInputValue(new Date(startsAt)));
      await staff.page
        .getByLabel("结束时间")
        .fill(toShanghaiInputValue(new Date(startsAt + ACTIVITY_MINUTES * MINUTE)));
      await staff.page.getByRole("button", { name: "发布活动" }).click();

      await expect(staff.page).toHaveURL(/\/activities\/[0-9a-f-]{36}$/);
      await expect(staff.page.getByRole("status")).toHaveText("活动已发布，志愿者现在可以报名。");
      activityUrl = new URL(staff.page.url()).pathname;
    });

    await test.step("the volunteer signs up before the start and gets the confirmation", async () => {
      await mainNav(page).getByRole("link", { name: "服务活动" }).first().click();
      await expect(page).toHaveURL(/\/activities$/);
      await page.getByRole("link", { name: activityTitle }).click();
      await expect(page).toHaveURL(new RegExp(`${activityUrl}$`));
      await page.getByRole("button", { name: "报名参加" }).click();
      await expect(page.getByRole("status")).toHaveText("报名成功，名额已为您保留，确认邮件已发出。");
      await expect(page.getByText("您已报名，名额已为您保留。")).toBeVisible();
      const confirmed = await mailTo(request, account.email, "服务活动报名成功");
      expect(confirmed.text).toContain(activityTitle);

      // The organizer sees the volunteer on the list.
      await staff.page.reload();
      await expect(staff.page.getByRole("heading", { name: "已报名（1 人）" })).toBeVisible();
      await expect(staff.page.getByRole("table").first()).toContainText(volunteerNumber);
    });

    await test.step("the volunteer checks in with the code on the organizer's screen", async () => {
      await staff.page.getByRole("link", { name: "显示签到码" }).click();
      await expect(staff.page).toHaveURL(new RegExp(`${activityUrl}/checkin-code$`));
      const code = await currentCode(staff.page);

      await mainNav(page).getByRole("link", { name: "服务时长" }).first().click();
      await expect(page).toHaveURL(/\/hours$/);
      await page.getByRole("link", { name: "签到签退" }).click();
      await expect(page).toHaveURL(/\/hours\/checkin$/);
      const activity = page.getByRole("radio", { name: new RegExp(activityTitle) });
      await activity.check();
      await page.getByLabel("签到码").fill(code);
      await page.getByRole("button", { name: "签到", exact: true }).click();
      await expect(page).toHaveURL(/\/hours\/checkin$/);
      await expect(page.getByRole("status")).toHaveText("签到成功。活动结束时请用新的签到码签退。");
      await expect(page.getByRole("radio", { name: new RegExp(activityTitle) })).toHaveAccessibleName(
        /已于 .+ 签到/,
      );

      // The same code cannot check out (it belongs to the check-in's time step).
      await page.getByLabel("签到码").fill(code);
      await page.getByRole("button", { name: "签退", exact: true }).click();
      await expect(page.getByLabel("签到码")).toHaveAccessibleDescription(
        /请等待签到码更新后，再用新的签到码签退。|签到码不正确或已过期/,
      );

      // The organizer's attendance list shows the check-in.
      await staff.page.reload();
      const row = staff.page.getByRole("row").filter({ hasText: legalName });
      await expect(row).toContainText("签到签退");
      await expect(row).toContainText("已签到");

      // Five seconds into the activity for both browsers: a fresh code, but not a whole minute within
      // the activity yet, so the check-out is refused. The organizer's browser gets a clock of its own.
      offsetMs = await setServerClock([page.context(), staff.context], startsAt + 5_000);
      await staff.page.clock.install();
      await staff.page.reload();
      // Stopped: the screen refreshes only when the journey fast-forwards its clock.
      await staff.page.clock.pauseAt(Date.now() + 1_000);
      const fresh = await currentCode(staff.page);
      expect(fresh).not.toBe(code);
      await page.getByLabel("签到码").fill(fresh);
      await page.getByRole("button", { name: "签退", exact: true }).click();
      await expect(page.getByLabel("签到码")).toHaveAccessibleDescription(
        /活动时间内的在场时间还不足 1 分钟，请稍后再签退。/,
      );
    });

    await test.step("a self-report longer than the activity is refused; a valid one is submitted", async () => {
      // Activities can be named in a self-report once they have started (they have, on the portal's clock).
      await page.goto("/hours");
      await page.getByRole("link", { name: "填报时长" }).click();
      await expect(page).toHaveURL(/\/hours\/new$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("填报服务时长");
      const activitySelect = page.getByLabel("服务活动");
      const option = activitySelect.locator("option", { hasText: activityTitle });
      await expect(option).toHaveText(new RegExp(`（.+，${hoursOf(ACTIVITY_MINUTES, "zh-CN")} 小时）$`));
      await activitySelect.selectOption((await option.getAttribute("value"))!);
      await page.getByLabel("服务日期").fill(shanghaiDate(new Date(startsAt)));
      await page.getByLabel("小时", { exact: true }).fill("2");
      await page.getByLabel("分钟", { exact: true }).fill("0");
      await page.getByRole("button", { name: "提交审核" }).click();
      const hours = page.getByLabel("小时", { exact: true });
      await expect(hours).toHaveAttribute("aria-invalid", "true");
      await expect(hours).toHaveAccessibleDescription(/服务时长不能超过活动本身的时长。/);
      await expect(
        page.locator(".field__error", { hasText: "服务时长不能超过活动本身的时长。" }),
      ).toBeVisible();
      await expect(page).toHaveURL(/\/hours\/new$/);

      await activitySelect.selectOption({ label: "不属于平台活动（请在下方说明服务内容）" });
      await page.getByLabel("服务日期").fill(shanghaiDate(new Date()));
      await hours.fill(String(Math.floor(SELF_REPORT_MINUTES / 60)));
      await page.getByLabel("分钟", { exact: true }).fill(String(SELF_REPORT_MINUTES % 60));
      await page.getByLabel("服务内容").fill(selfReportText);
      await page.getByLabel("证明材料说明").fill("社区居委会出具的服务证明");
      await page.getByRole("button", { name: "提交审核" }).click();
      await expect(page).toHaveURL(/\/hours$/);
      await expect(page.getByRole("status")).toHaveText("已提交，等待工作人员核实。");
      const record = page.getByRole("row").filter({ hasText: selfReportText });
      await expect(record).toContainText("自行填报");
      await expect(record).toContainText("待审核");
      // Nothing counts before staff verify it.
      expect((await facts(page.locator("dl.facts")))["已审核时长（小时）"]).toBe("0.0");
      await expect(page.getByText("距离 1 星还需 100.0 小时")).toBeVisible();
    });

    await test.step("after a whole minute within the activity the volunteer checks out", async () => {
      offsetMs = await setServerClock([page.context(), staff.context], startsAt + MINUTE + 1_000);
      // The organizer's screen rotates by itself when its countdown runs out, showing the code of now.
      const earlier = await currentCode(staff.page);
      await staff.page.clock.runFor(DEFAULT_CHECKIN_STEP_SECONDS * 1_000);
      await expect(staff.page.getByLabel("当前签到码")).not.toHaveText(
        `${earlier.slice(0, 3)} ${earlier.slice(3)}`,
      );
      await page.goto("/hours/checkin");
      await page.getByRole("radio", { name: new RegExp(activityTitle) }).check();
      await page.getByLabel("签到码").fill(await currentCode(staff.page));
      const before = Date.now() + offsetMs;
      await page.getByRole("button", { name: "签退", exact: true }).click();
      await expect(page).toHaveURL(/\/hours\/checkin$/);
      await expect(page.getByRole("status")).toHaveText("签退成功，本次服务时长已提交审核。");
      const after = Date.now() + offsetMs;
      await expect(page.getByRole("radio", { name: new RegExp(activityTitle) })).toHaveAccessibleName(
        /已签退：.+ 小时（待审核）/,
      );

      // Checked in before the start: the whole minutes from the start to the check-out count.
      const csv = await page.request.get("/hours/export.csv");
      expect(csv.status()).toBe(200);
      const line = (await csv.text()).split("\r\n").find((text) => text.includes(activityTitle));
      expect(line).toBeDefined();
      const cells = line!.split(",");
      expect(cells[2]).toBe("签到签退");
      systemMinutes = Number(cells[3]);
      const earliest = Math.floor((before - startsAt) / MINUTE);
      const latest = Math.floor((after - startsAt) / MINUTE);
      expect(systemMinutes).toBeGreaterThanOrEqual(Math.max(1, earliest));
      expect(systemMinutes).toBeLessThanOrEqual(latest);
      expect(cells[5]).toBe("待审核");

      await staff.page.reload();
      const row = staff.page.getByRole("row").filter({ hasText: legalName });
      await expect(row).toContainText("待审核");
      await expect(row).toContainText(hoursOf(systemMinutes, "zh-CN"));
    });

    const total = () => systemMinutes + SELF_REPORT_MINUTES;

    await test.step("staff verify both records in bulk; the volunteer is told", async () => {
      await mainNav(staff.page).getByRole("link", { name: "时长审核" }).first().click();
      await expect(staff.page).toHaveURL(/\/staff\/hours$/);
      await staff.page.getByLabel("志愿者姓名或编号").fill(volunteerNumber);
      await staff.page.getByRole("button", { name: "筛选" }).click();
      const rows = staff.page.locator("table tbody tr");
      await expect(rows).toHaveCount(2);
      await expect(rows.filter({ hasText: activityTitle })).toContainText("签到签退");
      await expect(rows.filter({ hasText: selfReportText })).toContainText("自行填报");
      await expect(rows.filter({ hasText: selfReportText })).toContainText("证明：社区居委会出具的服务证明");
      const boxes = staff.page.getByRole("checkbox", { name: new RegExp(`^选择 ${legalName} `) });
      await expect(boxes).toHaveCount(2);
      for (const box of await boxes.all()) await box.check();
      await staff.page.getByRole("button", { name: "通过所选记录" }).click();
      await expect(staff.page.getByRole("status")).toHaveText("已通过 2 条记录。");
      await expect(staff.page.getByText("没有待审核的时长记录。")).toBeVisible();

      const decided = await mailTo(request, account.email, "您的服务时长已通过审核");
      expect(decided.text).toContain("以下 2 条服务时长记录已通过审核：");
      expect(decided.text).toContain(selfReportText);
      expect(decided.text).toContain(activityTitle);
      expect(decided.text).toContain(`您目前已审核的累计服务时长：${formatHours(total(), "zh-CN")} 小时。`);
    });

    await test.step("the volunteer's totals and progress to the next star update", async () => {
      await mainNav(page).getByRole("link", { name: "服务时长" }).first().click();
      await expect(page).toHaveURL(/\/hours$/);
      const today = shanghaiDate(new Date());
      const activityDay = shanghaiDate(new Date(startsAt));
      expect(await facts(page.locator("dl.facts"))).toEqual({
        "已审核时长（小时）": hoursOf(total(), "zh-CN"),
        已审核记录: "2",
        参加的平台活动: "1",
        最近服务日期: today > activityDay ? today : activityDay,
        星级: "尚未达到星级",
      });
      const progressLabel = `距离 1 星还需 ${hoursOf(FIRST_STAR_MINUTES - total(), "zh-CN")} 小时`;
      const progress = page.getByRole("progressbar", { name: progressLabel });
      await expect(progress).toBeVisible();
      await expect(progress).toHaveAttribute(
        "value",
        String(Math.round((total() / FIRST_STAR_MINUTES) * 1000)),
      );
      for (const text of [activityTitle, selfReportText])
        await expect(page.getByRole("row").filter({ hasText: text })).toContainText("已通过");
    });

    await test.step("the volunteer issues a certificate and downloads the PDF", async () => {
      await mainNav(page).getByRole("link", { name: "服务证明" }).first().click();
      await expect(page).toHaveURL(/\/certificates$/);
      await expect(page.getByText("您还没有出具过服务证明。")).toBeVisible();
      await page.getByRole("button", { name: "出具证明" }).click();
      await expect(page).toHaveURL(/\/certificates$/);
      const notice = page.getByRole("status");
      await expect(notice).toHaveText(/^已出具证明 ZM-\d{4}-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}。$/);
      certificateNumber = /ZM-[\w-]+/.exec((await notice.textContent()) ?? "")![0];
      const row = page.getByRole("row").filter({ hasText: certificateNumber });
      await expect(row).toContainText(`${hoursOf(total(), "zh-CN")} 小时`);

      const [download] = await Promise.all([
        page.waitForEvent("download"),
        row.getByRole("link", { name: "中文 PDF" }).click(),
      ]);
      expect(download.suggestedFilename()).toBe(`${certificateNumber}-zh-CN.pdf`);
      const bytes = readFileSync((await download.path())!);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");

      const english = await page.request.get(
        (await row.getByRole("link", { name: "英文 PDF" }).getAttribute("href"))!,
      );
      expect(english.status()).toBe(200);
      expect(english.headers()["content-type"]).toBe("application/pdf");
      expect((await english.body()).subarray(0, 5).toString("latin1")).toBe("%PDF-");
    });

    await test.step("anyone verifies the certificate by its number; an unknown number is 404", async () => {
      const visitor = await newDevice(browser);
      // The PDF itself is the volunteer's only.
      const pdf = await visitor.page.request.get(`/certificates/${certificateNumber}.pdf`, {
        maxRedirects: 0,
      });
      expect(pdf.status()).not.toBe(200);

      await visitor.page.goto("/verify");
      await expect(visitor.page.getByRole("heading", { level: 1 })).toHaveText("核验志愿服务证明");
      await visitor.page.getByLabel("证明编号").fill(certificateNumber.toLowerCase());
      await visitor.page.getByRole("button", { name: "核验" }).click();
      await expect(visitor.page).toHaveURL(new RegExp(`/verify/${certificateNumber}$`));
      await expect(visitor.page.getByRole("status")).toHaveText("该证明真实有效，由本平台出具。");
      const masked = `${legalName.charAt(0)}*${legalName.charAt(2)}`;
      expect(await facts(visitor.page.locator("dl.facts"))).toMatchObject({
        证明编号: certificateNumber,
        志愿者: `${masked} (${volunteerNumber})`,
        服务时长: `${hoursOf(total(), "zh-CN")} 小时`,
        出具单位: OFFICE_A,
      });
      const content = (await visitor.page.locator("main").textContent()) ?? "";
      expect(content).not.toContain(legalName);
      expect(content).not.toContain(activityTitle);
      expect(content).not.toContain(selfReportText);

      const unknown =
        certificateNumber.slice(0, 8) + (certificateNumber.endsWith("2222-2222") ? "3333-3333" : "2222-2222");
      const response = await visitor.page.goto(`/verify/${unknown}`);
      expect(response?.status()).toBe(404);
      await expect(visitor.page.getByRole("alert")).toHaveText(
        `未找到编号为 ${unknown} 的证明。请核对编号；如有疑问，请联系出具单位。`,
      );
      await visitor.context.close();
    });

    await staff.context.close();
  });
});
