import { eq } from "drizzle-orm";
import { volunteerProfiles } from "#db/schema/volunteers";
import type { DbOrTx } from "~/utils/db.server";

export interface VolunteerTotals {
  approvedMinutes: number;
  approvedRecords: number;
  activitiesServed: number;
  lastServiceOn: string | null;
  starLevel: number;
}

/**
 * A volunteer's running totals and star level: one primary-key read of the row that hour approvals
 * keep up to date in their own transaction (never a sum over hour records, whatever the history).
 */
export async function volunteerTotals(db: DbOrTx, volunteerId: string): Promise<VolunteerTotals | null> {
  const [row] = await db
    .select({
      approvedMinutes: volunteerProfiles.approvedMinutes,
      approvedRecords: volunteerProfiles.approvedRecords,
      activitiesServed: volunteerProfiles.activitiesServed,
      lastServiceOn: volunteerProfiles.lastServiceOn,
      starLevel: volunteerProfiles.starLevel,
    })
    .from(volunteerProfiles)
    .where(eq(volunteerProfiles.userId, volunteerId));
  return row ?? null;
}
