import { createHash } from "node:crypto";

/**
 * The audit log's hash chain, as pure functions: each row's hash covers the previous row's hash and
 * the row's own content, so changing, removing or reordering any row breaks every hash after it.
 */

/** The `prev_hash` of the first row. */
export const GENESIS_HASH = "0".repeat(64);

/** Everything about a row that the hash covers (all columns except the two hashes). */
export interface AuditContent {
  id: string;
  sequence: number;
  /** UTC, ISO 8601 with milliseconds (`Date#toISOString`). */
  createdAt: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  caseCode: string | null;
  districtId: string | null;
  officeId: string | null;
  purpose: string | null;
  ipAddress: string | null;
  details: unknown;
}

/**
 * JSON with object keys sorted at every level and `undefined` members dropped, so the same content
 * always gives the same text — also after a round trip through jsonb, which reorders keys.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map((item) => canonicalJson(item)).join(",")}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(",")}}`;
  }
  if (typeof value === "number" && !Number.isFinite(value)) return "null";
  if (typeof value === "bigint") return JSON.stringify(value.toString());
  return JSON.stringify(value);
}

export function hashAuditRow(prevHash: string, content: AuditContent): string {
  return createHash("sha256")
    .update(prevHash + canonicalJson(content), "utf8")
    .digest("hex");
}

export interface ChainedRow extends AuditContent {
  prevHash: string;
  hash: string;
}

export type ChainCheck = { ok: true } | { ok: false; brokenAt: string; reason: string };

/**
 * Checks one row against the row before it (null for the first row). Rows must come in sequence
 * order; `sequence` must go up by exactly one, so a removed row shows as a gap even where its
 * neighbour's hashes were recomputed.
 */
export function checkLink(
  previous: Pick<ChainedRow, "sequence" | "hash"> | null,
  row: ChainedRow,
): ChainCheck {
  const expectedSequence = previous ? previous.sequence + 1 : 1;
  const expectedPrev = previous ? previous.hash : GENESIS_HASH;
  if (row.sequence !== expectedSequence)
    return {
      ok: false,
      brokenAt: row.id,
      reason: `sequence ${row.sequence} follows ${expectedSequence - 1}: a row is missing or out of order`,
    };
  if (row.prevHash !== expectedPrev)
    return {
      ok: false,
      brokenAt: row.id,
      reason: `prev_hash of row ${row.sequence} does not match the hash of the row before it`,
    };
  const { prevHash, hash, ...content } = row;
  if (hashAuditRow(prevHash, content) !== hash)
    return {
      ok: false,
      brokenAt: row.id,
      reason: `hash of row ${row.sequence} does not match its content: the row was changed`,
    };
  return { ok: true };
}
