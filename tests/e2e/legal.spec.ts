/**
 * The legal consultations journey of issue 15, through the browser for each role: the law firm
 * publishes monthly office hours (3rd Monday, 15:00–17:00) for 孙律师 at 城关司法所; staff open the
 * week of the next such Monday and book its first slot for a subject by case code; the lawyer sees
 * the booking; staff move it to another slot; the lawyer records the outcome once the consultation
 * has begun (the portal's clock of the lawyer's browser is moved, never waited for). The booking,
 * reschedule mails carry a consultation.ics that ical.js parses: same UID, SEQUENCE 0 then 1, the
 * times in Asia/Shanghai.
 */
import ICAL from "ical.js";
import type { APIRequestContext, Page } from "@playwright/test";
import { addDays, occurrenceDays, shanghaiDay, shanghaiInstant } from "../../app/domains/legal/slots";
import {
  DEMO_PASSWORD,
  expect,
  expectNoSeriousAxeViolations,
  newDevice,
  signIn,
  test,
} from "./accounts-helpers";
import { setServerClock } from "./clock";
import { fakeResendUrl, type ReceivedEmail } from "./mail";

const FIRM = "lawfirm@demo.portal";
const LAWYER = "lawyer@demo.portal";
const STAFF_A = "staff.a@demo.portal";

/** Waits for the mail to `to` with `subject` about booking `bookingId` (its link names the booking). */
async function bookingMail(request: APIRequestContext, to: string, subject: string, bookingId: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const response = await request.get(`${fakeResendUrl}/__test/emails?to=${encodeURIComponent(to)}`);
    const { emails } = (await response.json()) as { emails: ReceivedEmail[] };
    const found = emails.find((email) => email.subject.includes(subject) && email.text.includes(bookingId));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no "${subject}" mail to ${to} for ${bookingId}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** The mail's .ics attachment, parsed with ical.js. */
function calendarOf(email: ReceivedEmail) {
  const file = email.attachments.find((attachment) => attachment.filename === "consultation.ics");
  expect(file, `${email.subject} has consultation.ics`).toBeDefined();
  const root = new ICAL.Component(ICAL.parse(Buffer.from(file!.content, "base64").toString("utf8")));
  ICAL.TimezoneService.register(new ICAL.Timezone(root.getFirstSubcomponent("vtimezone")!));
  return { root, event: new ICAL.Event(root.getFirstSubcomponent("vevent")!) };
}

async function signedIn(page: Page, email: string) {
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/dashboard$/);
}

test("firm publishes monthly hours, staff book and reschedule, the lawyer records the outcome", async ({
  page,
  browser,
  request,
}) => {
  test.slow();
  // The firm: monthly office hours on the 3rd Monday at 城关司法所.
  await signedIn(page, FIRM);
  await page.goto("/legal/office-hours/new");
  await page.getByLabel("律师", { exact: true }).selectOption({ label: "孙律师" });
  await page.getByLabel("服务点").selectOption({ label: "城关司法所法律服务点 · 城关司法所" });
  await page.getByLabel("重复方式").selectOption("monthly");
  await page.getByLabel("每月第几个").selectOption("3");
  await page.getByLabel("星期几").selectOption("MO");
  await page.getByLabel("开始时间").fill("15:00");
  await page.getByLabel("结束时间").fill("17:00");
  await page.getByRole("button", { name: "发布" }).click();
  await expect(page.getByText("值班时间已发布。")).toBeVisible();
  await expect(page.getByText("FREQ=MONTHLY;BYDAY=3MO")).toBeVisible();

  // Staff: the week of the next 3rd Monday at least two days ahead, its 15:00 slot.
  const today = shanghaiDay(new Date());
  const monday = occurrenceDays(
    { rrule: "FREQ=MONTHLY;BYDAY=3MO", validFrom: today, validTo: null },
    addDays(today, 2),
    addDays(today, 58),
  )[0]!;
  const staff = await newDevice(browser);
  await signedIn(staff.page, STAFF_A);
  await staff.page.goto("/staff/subjects");
  const caseCode = (await staff.page.locator("table").textContent())!
    .match(/[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}/g)!
    .at(-1)!;
  await staff.page.goto("/consultations");
  await expectNoSeriousAxeViolations(staff.page);
  const weekLink = staff.page.getByRole("link", { name: "城关司法所法律服务点 周视图" });
  await staff.page.goto(`${await weekLink.getAttribute("href")}&week=${monday}`);
  await staff.page.getByRole("link", { name: /^15:00–15:30 · 孙律师/ }).click();
  await staff.page.getByRole("textbox", { name: "案件编号" }).fill(caseCode);
  await staff.page.getByLabel("咨询主题").selectOption("labour");
  await expectNoSeriousAxeViolations(staff.page);
  await staff.page.getByRole("button", { name: "确认预约" }).click();
  await expect(staff.page.getByText("预约成功")).toBeVisible();
  const bookingId = /\/consultations\/([0-9a-f-]{36})/.exec(staff.page.url())![1]!;

  const booked = calendarOf(await bookingMail(request, LAWYER, "法律咨询预约已确认", bookingId));
  expect(booked.root.getFirstPropertyValue("method")).toBe("REQUEST");
  expect(booked.event.uid).toBe(`consultation-${bookingId}@cc-social-forces-portal`);
  expect(booked.event.sequence).toBe(0);
  expect(booked.event.startDate.zone?.tzid).toBe("Asia/Shanghai");
  expect(booked.event.startDate.toJSDate().toISOString()).toBe(
    shanghaiInstant(monday, 15 * 60).toISOString(),
  );
  await bookingMail(request, STAFF_A, "法律咨询预约已确认", bookingId);

  // The lawyer sees it, with the case code.
  const lawyer = await newDevice(browser);
  await signedIn(lawyer.page, LAWYER);
  await lawyer.page.goto("/lawyer");
  await expect(lawyer.page.locator(`a[href="/consultations/${bookingId}"]`)).toContainText(caseCode);
  await expect(lawyer.page.getByTestId("feed-url")).toContainText("/calendar/lawyers/");
  await expectNoSeriousAxeViolations(lawyer.page);

  // Staff move it to the next free slot of the same lawyer.
  const newTime = staff.page.getByLabel("新的时间");
  const option = await newTime.locator("option").first().getAttribute("value");
  await newTime.selectOption(option!);
  await staff.page.getByLabel("原因").first().fill("对象当天需要复查");
  await staff.page.getByRole("button", { name: "确认改期" }).click();
  await expect(staff.page.getByText("预约已改期")).toBeVisible();
  const moved = calendarOf(await bookingMail(request, LAWYER, "法律咨询预约时间已变更", bookingId));
  expect(moved.event.uid).toBe(booked.event.uid);
  expect(moved.event.sequence).toBe(1);
  const newStart = new Date(option!.split("|")[1]!);
  expect(moved.event.startDate.toJSDate().toISOString()).toBe(newStart.toISOString());

  // After the consultation began, the lawyer records the outcome (categories only).
  await setServerClock([lawyer.context], newStart.getTime() + 10 * 60_000);
  await lawyer.page.goto(`/consultations/${bookingId}`);
  await lawyer.page.getByLabel("咨询结果").selectOption("attended");
  await lawyer.page.getByLabel("建议类别").selectOption("rights_explained");
  await lawyer.page.getByLabel("建议申请法律援助").check();
  await lawyer.page.getByRole("button", { name: "保存结果" }).click();
  await expect(lawyer.page.getByText("咨询结果已记录。")).toBeVisible();
  await expect(lawyer.page.getByText("已咨询")).toBeVisible();
  await staff.context.close();
  await lawyer.context.close();
});

test("the office-hours form shows every translated error before any request", async ({ page }) => {
  await signedIn(page, FIRM);
  const posts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST") posts.push(request.url());
  });
  await page.goto("/legal/office-hours/new");
  await page.getByLabel("重复方式").selectOption("weekly");
  await page.getByLabel("开始时间").fill("11:00");
  await page.getByLabel("结束时间").fill("10:00");
  await page.getByLabel("每时段名额").fill("x");
  await page.getByRole("button", { name: "发布" }).click();
  const summary = page.locator(".error-summary");
  for (const message of ["请选择至少一天。", "结束时间应晚于开始时间。", "名额应为 1–20。"])
    await expect(summary.getByRole("link", { name: message })).toBeVisible();
  await expect(summary.getByRole("listitem")).toHaveCount(3);
  await expect(page.getByLabel("结束时间")).toHaveAccessibleDescription(/结束时间应晚于开始时间。/);
  await expectNoSeriousAxeViolations(page);
  expect(posts).toEqual([]);
});

test("without JavaScript a booking form posts and shows the server's errors in place", async ({
  browser,
}) => {
  const context = await browser.newContext({ javaScriptEnabled: false, locale: "zh-CN" });
  const page = await context.newPage();
  await signIn(page, STAFF_A, DEMO_PASSWORD);
  await page.goto("/consultations");
  await page.getByRole("link", { name: "预约", exact: true }).first().click();
  await expect(page).toHaveURL(/\/consultations\/book\?/);
  const url = page.url();
  await page.getByLabel("咨询主题").selectOption("housing");
  await page.getByRole("button", { name: "确认预约" }).click();
  await expect(page).toHaveURL(url);
  await expect(page.locator(".error-summary").getByRole("link", { name: /请输入案件编号/ })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "案件编号" })).toHaveAccessibleDescription(/请输入案件编号/);
  await expect(page.getByLabel("咨询主题")).toHaveValue("housing");
  await context.close();
});
