/**
 * Security hardening through the real server (docs/security.md): a forged Host is refused before any
 * page, an over-long request target answers 414, and a password change without JavaScript keeps the
 * browser signed in with the new session.
 */
import http from "node:http";
import {
  baseURL,
  createVerifiedVolunteer,
  expect,
  expectDashboard,
  port,
  signIn,
  test,
  uniqueIp,
} from "./accounts-helpers";

function raw(options: { host: string; path: string; method?: string; body?: string }) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        path: options.path,
        method: options.method ?? "GET",
        headers: {
          Host: options.host,
          ...(options.body
            ? { Origin: `http://${options.host}`, "Content-Type": "application/x-www-form-urlencoded" }
            : {}),
        },
      },
      (response) => {
        let body = "";
        response.on("data", (chunk: Buffer) => (body += chunk.toString()));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
      },
    );
    request.on("error", reject);
    request.end(options.body);
  });
}

test("a forged Host gets 400 before any page, a reset link on it is never mailed", async () => {
  const forged = await raw({
    host: "evil.example",
    path: "/forgot-password",
    method: "POST",
    body: "email=volunteer%40demo.portal",
  });
  expect(forged.status).toBe(400);
  expect((await raw({ host: "evil.example", path: "/login" })).status).toBe(400);
  expect((await raw({ host: `localhost:${port}`, path: "/login" })).status).toBe(200);
  expect((await raw({ host: `localhost:${port}`, path: `/activities/${"a".repeat(10_000)}` })).status).toBe(
    414,
  );
});

test("without JavaScript a password change keeps this browser signed in", async ({ browser, request }) => {
  const account = await createVerifiedVolunteer(request, "nojs");
  const context = await browser.newContext({
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    javaScriptEnabled: false,
    extraHTTPHeaders: { "X-Forwarded-For": uniqueIp() },
  });
  const page = await context.newPage();
  await signIn(page, account.email, account.password);
  await expectDashboard(page, account.name, "志愿者");
  const newPassword = `${account.password} 新`;
  await page.goto("/account");
  await page.getByLabel("当前密码").fill(account.password);
  await page.getByLabel("新密码", { exact: true }).fill(newPassword);
  await page.getByLabel("再次输入新密码").fill(newPassword);
  await page.getByRole("button", { name: "修改密码" }).click();
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByText("密码已修改。您在其他设备上的登录已全部退出。")).toBeVisible();
  await page.goto("/dashboard");
  await expectDashboard(page, account.name, "志愿者");
  await context.close();
});
