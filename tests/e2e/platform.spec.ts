import { expect, test } from "@playwright/test";

test.describe("baseline protections", () => {
  test("every page carries a CSP with a fresh nonce that its scripts use", async ({ page, request }) => {
    const first = await request.get("/");
    const second = await request.get("/");
    const csp = first.headers()["content-security-policy"] ?? "";
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers()["content-security-policy"]).not.toContain(nonce);
    for (const directive of ["object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(first.headers()["x-content-type-options"]).toBe("nosniff");
    expect(first.headers()["referrer-policy"]).toBe("strict-origin-when-cross-origin");
    expect(first.headers()["cache-control"]).toBe("no-store");

    // The page hydrates under the policy: no CSP violation reaches the console.
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto("/");
    await page.getByRole("button", { name: "English" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    expect(violations).toEqual([]);
  });

  test("rejects a form post from another origin with 403", async ({ request, baseURL }) => {
    const foreign = await request.post("/set-language", {
      form: { lng: "en", redirectTo: "/" },
      headers: { Origin: "https://evil.example" },
      maxRedirects: 0,
    });
    expect(foreign.status()).toBe(403);

    const missing = await request.post("/set-language", { form: { lng: "en" }, maxRedirects: 0 });
    expect(missing.status()).toBe(403);

    const own = await request.post("/set-language", {
      form: { lng: "en", redirectTo: "/" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(own.status()).toBe(302);
  });

  test("refuses an unsupported language and an off-site redirect", async ({ request, baseURL }) => {
    const bad = await request.post("/set-language", { form: { lng: "fr" }, headers: { Origin: baseURL! } });
    expect(bad.status()).toBe(400);
    const offsite = await request.post("/set-language", {
      form: { lng: "en", redirectTo: "//evil.example/" },
      headers: { Origin: baseURL! },
      maxRedirects: 0,
    });
    expect(offsite.headers()["location"]).toBe("/");
  });

  test("/healthz reports the database", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", database: "ok" });
  });

  test("serves the favicon", async ({ request }) => {
    const response = await request.get("/favicon.svg");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("image/svg+xml");
  });
});
