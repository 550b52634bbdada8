/**
 * A CSV import of help needs: all rows or none. The file is checked row by row (needs-csv.ts); then
 * every row is registered in one transaction, and a row the database refuses (a case code not of
 * this office) rolls the whole import back with its line named, so a corrected file can simply be
 * imported again without duplicates.
 */
import { count, eq } from "drizzle-orm";
import { helpNeeds } from "#db/schema/matching";
import type { Database, DbOrTx } from "~/utils/db.server";
import { newImportBatch, registerNeed, type StaffActor } from "./needs.server";
import { type CsvRowError, parseNeedsCsv } from "./needs-csv";

export type ImportResult =
  { ok: true; imported: number; batch: string } | { ok: false; errors: CsvRowError[] };

class RollBack extends Error {}

export async function importNeedsCsv(db: Database, actor: StaffActor, text: string): Promise<ImportResult> {
  const parsed = parseNeedsCsv(text);
  if (!parsed.ok) return parsed;
  const batch = newImportBatch();
  const errors: CsvRowError[] = [];
  try {
    await db.transaction(async (tx) => {
      for (const row of parsed.rows) {
        const result = await registerNeed(tx, actor, row.input, { importBatch: batch });
        if (!result.ok) errors.push({ line: row.line, field: result.field, error: result.error });
      }
      if (errors.length > 0) throw new RollBack();
    });
  } catch (error) {
    if (error instanceof RollBack) return { ok: false, errors };
    throw error;
  }
  return { ok: true, imported: parsed.rows.length, batch };
}

/** How many needs an import registered (a replayed import form is answered with its first run). */
export async function importedCount(db: DbOrTx, batch: string): Promise<number> {
  const [row] = await db.select({ count: count() }).from(helpNeeds).where(eq(helpNeeds.importBatch, batch));
  return row?.count ?? 0;
}
