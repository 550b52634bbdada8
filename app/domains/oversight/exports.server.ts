import type { Actor } from "~/domains/accounts/actor";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database } from "~/utils/db.server";
import { resolveScope } from "./dashboard.server";
import type { Period } from "./figures";
import { allFigureRecords, type FigureRecord } from "./records.server";

/**
 * A figure's records leaving the portal as a file: the actor must hold `export:oversight` at the
 * scope asked for (their office, or their district or one of its offices), and the export is written
 * to the audit log in the same transaction as the read — no file without its audit row.
 */
export async function exportFigureRecords(
  db: Database,
  actor: Actor,
  input: {
    figure: string;
    period: Period;
    officeId: string | null;
    dimension: string | null;
    now: Date;
    ipAddress: string | null;
  },
): Promise<{ rows: FigureRecord[]; total: number; truncated: boolean; scopeName: string } | null> {
  return db.transaction(async (tx) => {
    const { scope } = await resolveScope(tx, actor, input.officeId, "export");
    const result = await allFigureRecords(tx, {
      figure: input.figure,
      scope,
      period: input.period,
      dimension: input.dimension,
      now: input.now,
    });
    if (!result) return null;
    await recordAudit(tx, {
      actorId: actor.id,
      action: "export",
      entityType: "oversight-records",
      entityId: null,
      districtId: scope.districtId,
      officeId: scope.kind === "office" ? scope.id : null,
      ipAddress: input.ipAddress,
      details: {
        figure: input.figure,
        period: input.period.key,
        scope: scope.kind,
        dimension: input.dimension,
        rows: result.rows.length,
      },
    });
    return { ...result, scopeName: scope.name };
  });
}

/** A monthly report downloaded as a PDF: audited like any export. */
export async function recordReportExport(
  db: Database,
  actor: Actor,
  input: { period: Period; officeId: string | null; ipAddress: string | null },
) {
  const { scope } = await resolveScope(db, actor, input.officeId, "export");
  await recordAudit(db, {
    actorId: actor.id,
    action: "export",
    entityType: "oversight-report",
    entityId: null,
    districtId: scope.districtId,
    officeId: scope.kind === "office" ? scope.id : null,
    ipAddress: input.ipAddress,
    details: { period: input.period.key, scope: scope.kind, format: "pdf" },
  });
  return scope;
}
