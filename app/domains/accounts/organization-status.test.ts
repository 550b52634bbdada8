import { describe, expect, it } from "vitest";
import { nextOrganizationStatus } from "./organization-status";

describe("organization status machine", () => {
  it("verifies or rejects a pending organization", () => {
    expect(nextOrganizationStatus("pending", "verify")).toBe("verified");
    expect(nextOrganizationStatus("pending", "reject")).toBe("rejected");
    expect(nextOrganizationStatus("pending", "suspend")).toBeNull();
  });

  it("suspends and reinstates only verified organizations", () => {
    expect(nextOrganizationStatus("verified", "suspend")).toBe("suspended");
    expect(nextOrganizationStatus("suspended", "reinstate")).toBe("verified");
    expect(nextOrganizationStatus("verified", "reinstate")).toBeNull();
    expect(nextOrganizationStatus("suspended", "verify")).toBeNull();
  });

  it("lets a rejected organization be verified after a correction", () => {
    expect(nextOrganizationStatus("rejected", "verify")).toBe("verified");
  });
});
