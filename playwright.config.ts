import { defineConfig, devices } from "@playwright/test";
import { chromiumArgs, chromiumMissingMessage, findChromium } from "./tests/e2e/chromium";
import { E2E_RESEND_API_KEY, fakeResendPort } from "./tests/fixtures/fake-resend";

const chromium = findChromium();
if (!chromium) throw new Error(chromiumMissingMessage);

const port = Number(process.env.E2E_PORT ?? 3100);
const baseURL = `http://localhost:${port}`;
const fakeResendUrl = `http://127.0.0.1:${fakeResendPort(port)}`;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  workers: 2,
  // Generous for a busy two-core CI machine: a journey waits for mail from the dispatcher too.
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    locale: "zh-CN",
    timezoneId: "Asia/Shanghai",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "desktop",
      use: { ...devices["Desktop Chrome"], launchOptions: { executablePath: chromium, args: chromiumArgs } },
      grepInvert: /@phone/,
    },
    {
      name: "phone",
      // A 360 px wide phone, in the same Chromium (the smallest supported screen).
      use: {
        ...devices["Galaxy S9+"],
        viewport: { width: 360, height: 740 },
        launchOptions: { executablePath: chromium, args: chromiumArgs },
      },
      grep: /@phone/,
    },
  ],
  webServer: [
    {
      // The fake Resend API the app delivers mail to; tests read the mail from it (tests/e2e/mail.ts).
      command: "npx tsx tests/fixtures/fake-resend-server.ts",
      url: `${fakeResendUrl}/__test/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      env: { FAKE_RESEND_PORT: String(fakeResendPort(port)), RESEND_API_KEY: E2E_RESEND_API_KEY },
    },
    {
      command: "npx tsx tests/e2e/start-server.ts",
      url: `${baseURL}/healthz`,
      reuseExistingServer: false,
      timeout: 180_000,
      stdout: "pipe",
      env: {
        PORT: String(port),
        HOST: "127.0.0.1",
        RESEND_API_KEY: E2E_RESEND_API_KEY,
        RESEND_BASE_URL: fakeResendUrl,
        // As behind one reverse proxy: a test may send X-Forwarded-For to act from its own client
        // address, so per-address login limits hit by one test do not block the others.
        TRUST_PROXY: "1",
      },
    },
  ],
});
