import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "@playwright/test";
import {
  DEMO_PASSWORD,
  expect,
  mainNav,
  port,
  rememberBureauKey,
  signIn,
  submitFreshTotp,
  test,
  totp,
} from "./accounts-helpers";

/**
 * Nothing scrolls sideways on a 360 px screen (issue 11, defect 5): every demo role signs in and
 * opens every page its navigation offers, and the page must be no wider than the screen.
 */

const WIDTH = 360;

/** The files other specs keep the enrolled TOTP keys of the demo admins in (one database per run). */
const keyFiles: Record<string, string> = {
  "bureau@demo.portal": path.join(os.tmpdir(), `portal-e2e-${port}-bureau-totp-key`),
  "admin@demo.portal": path.join(os.tmpdir(), `portal-e2e-${port}-admin-totp-key`),
};

const roles = [
  "volunteer@demo.portal",
  "volunteer.pending@demo.portal",
  "staff.a@demo.portal",
  "bureau@demo.portal",
  "admin@demo.portal",
  "enterprise@demo.portal",
  "lawfirm@demo.portal",
  "lawyer@demo.portal",
  "ngo@demo.portal",
];

/** Signs a demo account in; the two admins give their second factor (enrolling it on a fresh run). */
async function signInAs(page: Page, email: string) {
  await signIn(page, email, DEMO_PASSWORD);
  const keyFile = keyFiles[email];
  if (keyFile) {
    await expect(page).toHaveURL(/\/login\/two-factor/);
    const heading = page.getByRole("heading", { level: 1 });
    await expect(heading).toHaveText(/两步验证/);
    if ((await heading.textContent()) === "开启两步验证") {
      const key = (await page.locator("code").first().textContent())?.trim() ?? "";
      expect(key).toMatch(/^[A-Z2-7]{16,}$/);
      if (email === "bureau@demo.portal") rememberBureauKey(key);
      else writeFileSync(keyFile, key, { mode: 0o600 });
      await page.getByLabel("验证码").fill(totp(key));
      await page.getByRole("button", { name: "确认" }).click();
      await page.getByRole("link", { name: "我已保存，继续" }).click();
    } else {
      if (!existsSync(keyFile)) throw new Error(`The TOTP key of ${email} is not known to this run`);
      await submitFreshTotp(page, readFileSync(keyFile, "utf8").trim());
    }
  }
  await expect(page).toHaveURL(/\/dashboard$/);
}

/**
 * How far the page reaches beyond the screen, and the elements that make it so (those inside a
 * container that scrolls by itself do not count unless absolutely placed: they widen nothing).
 */
async function overflowOf(page: Page) {
  return page.evaluate((width) => {
    const scrollWidth = document.scrollingElement!.scrollWidth;
    const culprits: string[] = [];
    const scrollsItself = (element: Element | null): boolean => {
      for (let node = element; node && node !== document.body; node = node.parentElement)
        if (["auto", "scroll", "hidden"].includes(getComputedStyle(node).overflowX)) return true;
      return false;
    };
    if (scrollWidth > width) {
      for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
        const box = element.getBoundingClientRect();
        const placed = ["absolute", "fixed"].includes(getComputedStyle(element).position);
        const counts = placed || !scrollsItself(element.parentElement);
        if (box.right > width + 0.5 && culprits.length < 6 && counts) {
          const classes = typeof element.className === "string" ? element.className.trim() : "";
          const name = `${element.tagName.toLowerCase()}${classes ? `.${classes.split(/\s+/).join(".")}` : ""}`;
          culprits.push(`${name} (right ${Math.round(box.right)} px)`);
        }
      }
    }
    return { scrollWidth, culprits };
  }, WIDTH);
}

async function expectNoSidewaysScroll(page: Page, where: string) {
  const { scrollWidth, culprits } = await overflowOf(page);
  expect(scrollWidth, `${where} is ${scrollWidth} px wide: ${culprits.join(", ")}`).toBeLessThanOrEqual(
    WIDTH,
  );
}

test.describe("360 px screens", () => {
  test.use({ viewport: { width: WIDTH, height: 740 } });

  test("the public pages fit", async ({ page }) => {
    for (const url of ["/", "/login", "/register", "/register/volunteer", "/register/organization"]) {
      await page.goto(url);
      await expectNoSidewaysScroll(page, url);
    }
  });

  for (const email of roles) {
    test(`every page in the navigation of ${email} fits`, async ({ page }) => {
      await signInAs(page, email);
      const links = await mainNav(page)
        .locator("a")
        .evaluateAll((anchors) => anchors.map((anchor) => anchor.getAttribute("href") ?? ""));
      const pages = [...new Set(links.filter((href) => href.startsWith("/")))];
      expect(pages.length).toBeGreaterThan(1);
      for (const url of [...pages, "/notifications", "/settings/notifications"]) {
        const response = await page.goto(url);
        expect(response?.status(), url).toBe(200);
        await expectNoSidewaysScroll(page, url);
      }
    });
  }
});
