import { describe, expect, it } from "vitest";
import {
  type AuditContent,
  canonicalJson,
  type ChainedRow,
  checkLink,
  GENESIS_HASH,
  hashAuditRow,
} from "./chain";

function content(sequence: number, overrides: Partial<AuditContent> = {}): AuditContent {
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, "0")}`,
    sequence,
    createdAt: new Date(Date.UTC(2026, 10, 22, 8, 0, sequence)).toISOString(),
    actorId: "11111111-1111-4111-8111-111111111111",
    action: "view_identity",
    entityType: "subject",
    entityId: "22222222-2222-4222-8222-222222222222",
    caseCode: "AB12-CD34-EF56",
    districtId: null,
    officeId: null,
    purpose: "走访核实",
    ipAddress: "203.0.113.7",
    details: { fields: ["name", "phone"], reason: "visit" },
    ...overrides,
  };
}

function chain(length: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
  for (let sequence = 1; sequence <= length; sequence++) {
    const prevHash = rows.at(-1)?.hash ?? GENESIS_HASH;
    const row = content(sequence);
    rows.push({ ...row, prevHash, hash: hashAuditRow(prevHash, row) });
  }
  return rows;
}

function checkAll(rows: ChainedRow[]) {
  let previous: ChainedRow | null = null;
  for (const row of rows) {
    const result = checkLink(previous, row);
    if (!result.ok) return result;
    previous = row;
  }
  return { ok: true } as const;
}

describe("canonicalJson", () => {
  it("sorts keys at every level, so jsonb's reordering does not change the hash", () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}',
    );
    expect(canonicalJson({ a: 1, b: 2 })).toBe(canonicalJson({ b: 2, a: 1 }));
  });

  it("drops undefined members and keeps unicode as is", () => {
    expect(canonicalJson({ a: undefined, b: "司法所" })).toBe('{"b":"司法所"}');
  });
});

describe("hashAuditRow", () => {
  it("is a sha256 hex digest that depends on the previous hash and on every field", () => {
    const row = content(1);
    const hash = hashAuditRow(GENESIS_HASH, row);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hashAuditRow(GENESIS_HASH, { ...row })).toBe(hash);
    expect(hashAuditRow("f".repeat(64), row)).not.toBe(hash);
    for (const [key, value] of Object.entries({
      id: "00000000-0000-4000-8000-999999999999",
      sequence: 2,
      createdAt: "2026-11-22T08:00:01.001Z",
      actorId: null,
      action: "export",
      entityType: "consent",
      entityId: null,
      caseCode: "ZZZZ-ZZZZ-ZZZZ",
      districtId: "33333333-3333-4333-8333-333333333333",
      officeId: "44444444-4444-4444-8444-444444444444",
      purpose: null,
      ipAddress: "198.51.100.1",
      details: { fields: ["name"] },
    })) {
      expect(hashAuditRow(GENESIS_HASH, { ...row, [key]: value }), key).not.toBe(hash);
    }
  });
});

describe("checkLink", () => {
  it("accepts an intact chain", () => {
    expect(checkAll(chain(5))).toEqual({ ok: true });
  });

  it("names an edited row", () => {
    const rows = chain(5);
    rows[2] = { ...rows[2]!, purpose: "改过的目的" };
    expect(checkAll(rows)).toMatchObject({ ok: false, brokenAt: rows[2]!.id, reason: /changed/ });
  });

  it("names the row after a removed one", () => {
    const rows = chain(5);
    rows.splice(2, 1);
    expect(checkAll(rows)).toMatchObject({ ok: false, brokenAt: rows[2]!.id, reason: /missing/ });
  });

  it("catches a removed row even when the later hashes were recomputed", () => {
    const rows = chain(5);
    rows.splice(1, 1);
    const rechained: ChainedRow[] = [];
    for (const row of rows) {
      const prevHash = rechained.at(-1)?.hash ?? GENESIS_HASH;
      const { prevHash: _old, hash: _oldHash, ...rest } = row;
      rechained.push({ ...rest, prevHash, hash: hashAuditRow(prevHash, rest) });
    }
    expect(checkAll(rechained)).toMatchObject({ ok: false, brokenAt: rows[1]!.id, reason: /missing/ });
  });

  it("catches a row relinked to the wrong predecessor and a first row not starting the chain", () => {
    const rows = chain(3);
    const relinked = { ...rows[2]!, prevHash: rows[0]!.hash };
    expect(checkLink(rows[1]!, relinked)).toMatchObject({ ok: false, reason: /prev_hash/ });
    expect(checkLink(null, rows[1]!)).toMatchObject({ ok: false, reason: /missing/ });
  });
});
