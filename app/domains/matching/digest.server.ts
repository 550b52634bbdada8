/**
 * The weekly digest of open needs per office: on Monday 08:00 (Beijing) each office's staff get
 * one mail counting the office's open, referred and overdue needs. Sent once per office, user and
 * week whatever the job's interval: the week is part of the idempotency key.
 */
import { and, count, eq, inArray, sql } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import { helpNeeds } from "#db/schema/matching";
import { digestTimeAtOrBefore, digestWeekLabel } from "~/domains/notifications/digest-schedule";
import { notify } from "~/domains/notifications/notify.server";
import type { Database } from "~/utils/db.server";

export async function sendOpenNeedsDigests(db: Database, now: Date) {
  const week = digestWeekLabel(digestTimeAtOrBefore(now));
  const rows = await db
    .select({
      officeId: helpNeeds.officeId,
      status: helpNeeds.status,
      overdue:
        sql<number>`count(*) filter (where ${helpNeeds.respondBy} < ${now.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
      count: count(),
    })
    .from(helpNeeds)
    .where(inArray(helpNeeds.status, ["open", "referred"]))
    .groupBy(helpNeeds.officeId, helpNeeds.status);
  const byOffice = new Map<string, { open: number; referred: number; overdue: number }>();
  for (const row of rows) {
    const totals = byOffice.get(row.officeId) ?? { open: 0, referred: 0, overdue: 0 };
    totals[row.status as "open" | "referred"] += row.count;
    totals.overdue += row.overdue;
    byOffice.set(row.officeId, totals);
  }
  let queued = 0;
  for (const [officeId, totals] of byOffice) {
    await db.transaction(async (tx) => {
      const staff = await tx
        .select({ id: users.id, email: users.email, language: users.language })
        .from(users)
        .where(
          and(eq(users.organizationId, officeId), eq(users.role, "office_staff"), eq(users.status, "active")),
        );
      for (const member of staff) {
        const result = await notify(tx, {
          template: "open-needs-digest",
          data: { ...totals, week, url: "/staff/needs" },
          to: { email: member.email, language: member.language === "en" ? "en" : "zh-CN", userId: member.id },
          idempotencyKey: `open-needs-digest:${officeId}:${member.id}:${week}`,
        });
        if (result.outboxId) queued += 1;
      }
    });
  }
  return { queued };
}
