/**
 * The working-day calendar's admin page on the shared form pieces (issue 11, issue 12): the day
 * form refuses in the browser before any request, with every error at once; a double click enters
 * the day once (pending button, idempotency key) and says so once, by flash; a remove button says so
 * too.
 */
import { expect, expectNoSeriousAxeViolations, signInAsSystemAdmin, test } from "./accounts-helpers";

// A year no seed or other journey touches: the page starts empty.
const YEAR = 2039;

test("calendar: errors before any request, one day for a double click, flashes read once", async ({
  page,
}) => {
  await signInAsSystemAdmin(page);
  await page.goto(`/admin/calendar?year=${YEAR}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作日历");
  await expect(page.getByText(`${YEAR} 年尚未录入例外日期`)).toBeVisible();
  await expectNoSeriousAxeViolations(page);

  let posts = 0;
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().includes("/admin/calendar")) posts += 1;
  });
  // A make-up working day on a Monday, without a name: both errors at once, nothing sent.
  await page.getByLabel("日期").fill(`${YEAR}-10-03`);
  await page.getByLabel("类型").selectOption({ label: "调休上班" });
  await page.getByRole("button", { name: "保存" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("listitem")).toHaveText([
    "调休上班日只能是星期六或星期日：周一至周五本来就是工作日。",
    "请填写节日名称。",
  ]);
  await expect(page.getByLabel("类型")).toHaveAccessibleDescription(/只能是星期六或星期日/);
  expect(posts).toBe(0);

  // A holiday, double-clicked while its post is held: one post, one day, one message.
  await page.getByLabel("类型").selectOption({ label: "放假" });
  await page.getByLabel("节日名称").fill("国庆节");
  let held = 0;
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/admin\/calendar(\.data)?(\?.*)?$/, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    held += 1;
    await gate;
    await route.continue();
  });
  const save = page.locator("#calendar-form button[type=submit]");
  await save.dblclick();
  await expect(page.getByRole("button", { name: "提交中…" })).toHaveAttribute("aria-disabled", "true");
  release();
  await expect(page.getByRole("status").filter({ hasText: `已保存 ${YEAR}年10月3日。` })).toBeVisible();
  expect(held).toBe(1);
  await expect(page).toHaveURL(new RegExp(`/admin/calendar\\?year=${YEAR}$`));
  const row = page.getByRole("row").filter({ hasText: "国庆节" });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("放假");
  // Read once: gone after a reload.
  await page.reload();
  await expect(page.getByText(`已保存 ${YEAR}年10月3日。`)).toHaveCount(0);

  await row.getByRole("button", { name: `删除 ${YEAR}年10月3日` }).click();
  await expect(page.getByRole("status").filter({ hasText: `已删除 ${YEAR}年10月3日` })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: "国庆节" })).toHaveCount(0);
});
