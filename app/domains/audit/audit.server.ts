import { randomUUID } from "node:crypto";
import { and, asc, count, desc, eq, gt, gte, lt, type SQL, sql } from "drizzle-orm";
import { PgTransaction } from "drizzle-orm/pg-core";
import { auditLog } from "#db/schema/audit";
import { users } from "#db/schema/accounts";
import type { DbOrTx, Transaction } from "~/utils/db.server";
import type { AuditAction, AuditEntityType } from "./actions";
import { type AuditContent, checkLink, GENESIS_HASH, hashAuditRow, type ChainedRow } from "./chain";

export { auditActions, type AuditAction } from "./actions";

export interface AuditEntry {
  /** users.id; null for system jobs. */
  actorId: string | null;
  action: AuditAction;
  /** e.g. "subject", "consent", "hour-record". */
  entityType: AuditEntityType;
  entityId: string | null;
  /** The subject's case code when the entry concerns a subject. */
  caseCode?: string | null;
  /** The bureau the record belongs to (scopes the admin search). */
  districtId?: string | null;
  officeId?: string | null;
  /** Why the data was accessed: short free text (≤ 500 characters). */
  purpose?: string | null;
  ipAddress?: string | null;
  /** Never identifying data (no names, ID numbers, phones, addresses). */
  details?: Record<string, unknown> | null;
}

/**
 * Every writer of the audit log takes this transaction-level advisory lock before reading the last
 * row, so two concurrent transactions cannot both chain onto the same row (the unique `sequence`
 * index is the backstop). The lock is held until the caller's transaction ends: write the audit row
 * last in a transaction, and keep such transactions short.
 */
export const AUDIT_CHAIN_LOCK = 7_205_118_311;

/**
 * Appends one row to the audit log inside the caller's transaction: it commits or rolls back with
 * the action it records. Call it from a READ COMMITTED transaction (PostgreSQL's default): under
 * REPEATABLE READ the last row may be invisible after the lock wait, and the insert then fails on the
 * unique sequence rather than fork the chain. Given the database itself, it opens its own transaction.
 */
export async function recordAudit(tx: DbOrTx, entry: AuditEntry): Promise<void> {
  if (!(tx instanceof PgTransaction)) {
    await tx.transaction((inner) => recordAudit(inner, entry));
    return;
  }
  await appendRow(tx, entry);
}

async function appendRow(tx: Transaction, entry: AuditEntry): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`);
  const [last] = await tx
    .select({ sequence: auditLog.sequence, hash: auditLog.hash })
    .from(auditLog)
    .orderBy(desc(auditLog.sequence))
    .limit(1);
  const content: AuditContent = {
    id: randomUUID(),
    sequence: (last?.sequence ?? 0) + 1,
    createdAt: new Date().toISOString(),
    actorId: entry.actorId,
    action: entry.action,
    entityType: entry.entityType,
    entityId: entry.entityId,
    caseCode: entry.caseCode ?? null,
    districtId: entry.districtId ?? null,
    officeId: entry.officeId ?? null,
    purpose: entry.purpose ?? null,
    ipAddress: entry.ipAddress ?? null,
    details: entry.details ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  await tx.insert(auditLog).values({
    ...content,
    createdAt: new Date(content.createdAt),
    details: content.details,
    prevHash,
    hash: hashAuditRow(prevHash, content),
  });
}

export type AuditChainReport = { ok: true; rows: number } | { ok: false; brokenAt: string; reason: string };

const VERIFY_BATCH = 1000;

/**
 * Walks the whole chain in sequence order (in batches, so memory stays flat) and reports the first
 * row whose sequence, link or content does not check out. Removing the newest rows cannot be seen
 * from the chain alone; compare the reported count with an earlier run (or a backup) for that.
 */
export async function verifyAuditChain(db: DbOrTx): Promise<AuditChainReport> {
  let previous: ChainedRow | null = null;
  let rows = 0;
  for (;;) {
    const batch = await db
      .select()
      .from(auditLog)
      .where(previous ? gt(auditLog.sequence, previous.sequence) : undefined)
      .orderBy(asc(auditLog.sequence))
      .limit(VERIFY_BATCH);
    for (const row of batch) {
      const chained: ChainedRow = {
        id: row.id,
        sequence: row.sequence,
        createdAt: row.createdAt.toISOString(),
        actorId: row.actorId,
        action: row.action,
        entityType: row.entityType,
        entityId: row.entityId,
        caseCode: row.caseCode,
        districtId: row.districtId,
        officeId: row.officeId,
        purpose: row.purpose,
        ipAddress: row.ipAddress,
        details: row.details,
        prevHash: row.prevHash,
        hash: row.hash,
      };
      const result = checkLink(previous, chained);
      if (!result.ok) return result;
      previous = chained;
      rows += 1;
    }
    if (batch.length < VERIFY_BATCH) return { ok: true, rows };
  }
}

export interface AuditSearch {
  /** The bureau whose rows to show; null for every row (system admins). */
  districtId: string | null;
  action?: AuditAction;
  caseCode?: string;
  actorId?: string;
  /** Inclusive lower bound. */
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
  page: number;
  pageSize: number;
}

export interface AuditRow {
  id: string;
  sequence: number;
  createdAt: Date;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  caseCode: string | null;
  purpose: string | null;
  ipAddress: string | null;
  actorId: string | null;
  actorEmail: string | null;
  actorName: string | null;
}

/** One page of the audit log, newest first, with the total for pagination. Searching is not audited. */
export async function searchAuditLog(
  db: DbOrTx,
  search: AuditSearch,
): Promise<{ rows: AuditRow[]; total: number }> {
  const conditions: SQL[] = [];
  if (search.districtId !== null) conditions.push(eq(auditLog.districtId, search.districtId));
  if (search.action) conditions.push(eq(auditLog.action, search.action));
  if (search.caseCode) conditions.push(eq(auditLog.caseCode, search.caseCode));
  if (search.actorId) conditions.push(eq(auditLog.actorId, search.actorId));
  if (search.from) conditions.push(gte(auditLog.createdAt, search.from));
  if (search.to) conditions.push(lt(auditLog.createdAt, search.to));
  const where = conditions.length > 0 ? and(...conditions) : undefined;
  const [rows, [totals]] = await Promise.all([
    db
      .select({
        id: auditLog.id,
        sequence: auditLog.sequence,
        createdAt: auditLog.createdAt,
        action: auditLog.action,
        entityType: auditLog.entityType,
        entityId: auditLog.entityId,
        caseCode: auditLog.caseCode,
        purpose: auditLog.purpose,
        ipAddress: auditLog.ipAddress,
        actorId: auditLog.actorId,
        actorEmail: users.email,
        actorName: users.displayName,
      })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorId))
      .where(where)
      .orderBy(desc(auditLog.createdAt), desc(auditLog.sequence))
      .limit(search.pageSize)
      .offset((search.page - 1) * search.pageSize),
    db.select({ total: count() }).from(auditLog).where(where),
  ]);
  return {
    rows: rows.map((row) => ({ ...row, action: row.action as AuditAction })),
    total: totals?.total ?? 0,
  };
}
