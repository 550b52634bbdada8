import { refreshOversightFigures } from "~/domains/oversight/refresh.server";
import type { Database } from "~/utils/db.server";

/**
 * The oversight share of the demo: the dashboards count the demo's hours, needs, placements,
 * consultations and nominations from summary rows, so the seed builds them (through the domain's own
 * refresh, as the `oversight-refresh` job does every ten minutes) and a bureau admin signing in
 * first sees figures, trends and the monthly report rather than an empty "not counted yet".
 * Runs last: every other domain's records must exist first.
 */
export async function seedOversightDemo(db: Database, now: Date): Promise<{ rows: number }> {
  const { rows } = await refreshOversightFigures(db, now);
  return { rows };
}
