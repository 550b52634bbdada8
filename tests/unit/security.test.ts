import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, isSameOriginRequest } from "../../server/security";

const allowedOrigins = ["http://localhost:3000"];

describe("isSameOriginRequest", () => {
  it("lets safe methods through whatever their origin", () => {
    for (const method of ["GET", "HEAD", "OPTIONS"]) {
      expect(
        isSameOriginRequest({
          method,
          origin: "https://evil.example",
          secFetchSite: undefined,
          allowedOrigins,
        }),
      ).toBe(true);
    }
  });

  it("accepts a post from our own origin", () => {
    expect(
      isSameOriginRequest({
        method: "POST",
        origin: "http://localhost:3000",
        secFetchSite: undefined,
        allowedOrigins,
      }),
    ).toBe(true);
    expect(
      isSameOriginRequest({
        method: "POST",
        origin: "HTTP://LOCALHOST:3000",
        secFetchSite: undefined,
        allowedOrigins,
      }),
    ).toBe(true);
  });

  it("rejects a post from another origin, even if it claims same-origin fetch metadata", () => {
    expect(
      isSameOriginRequest({
        method: "POST",
        origin: "https://evil.example",
        secFetchSite: "same-origin",
        allowedOrigins,
      }),
    ).toBe(false);
    expect(
      isSameOriginRequest({
        method: "DELETE",
        origin: "http://localhost:3001",
        secFetchSite: undefined,
        allowedOrigins,
      }),
    ).toBe(false);
  });

  it("rejects a post with no origin unless the browser vouches it is same-origin", () => {
    expect(
      isSameOriginRequest({ method: "POST", origin: undefined, secFetchSite: undefined, allowedOrigins }),
    ).toBe(false);
    expect(
      isSameOriginRequest({ method: "POST", origin: "null", secFetchSite: "cross-site", allowedOrigins }),
    ).toBe(false);
    expect(
      isSameOriginRequest({ method: "POST", origin: undefined, secFetchSite: "same-site", allowedOrigins }),
    ).toBe(false);
    expect(
      isSameOriginRequest({ method: "POST", origin: undefined, secFetchSite: "same-origin", allowedOrigins }),
    ).toBe(true);
  });
});

describe("contentSecurityPolicy", () => {
  it("allows scripts only by this response's nonce and locks down objects, base and framing", () => {
    const nonce = createNonce();
    const csp = contentSecurityPolicy({ nonce, development: false, https: false });
    expect(csp.scriptSrc).toContain(`'nonce-${nonce}'`);
    expect(csp.scriptSrc).not.toContain("'unsafe-inline'");
    expect(csp.objectSrc).toEqual(["'none'"]);
    expect(csp.baseUri).toEqual(["'none'"]);
    expect(csp.frameAncestors).toEqual(["'none'"]);
    expect(csp.upgradeInsecureRequests).toBeNull();
  });

  it("makes a different nonce of at least 128 bits each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    expect(Buffer.from(createNonce(), "base64").length).toBeGreaterThanOrEqual(16);
  });
});
