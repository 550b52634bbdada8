/**
 * The weekly to-do digest of the oversight domain (issue 18): on Monday morning (Beijing) every
 * office's staff and every bureau's admins get one mail counting what waits for them in their office
 * or district — registrations and hours to review, overdue referrals and needs, organizations to
 * verify, offices without legal office hours — each count linking to the records it counts.
 *
 * Counted from the dashboard's summary rows (one read for every recipient), never from raw rows.
 * Sent once per user and week whatever the job's interval: the week is in the idempotency key. A user
 * turns it off in the notification settings (kind `oversight-digest`); nothing to do means no mail.
 */
import { sql } from "drizzle-orm";
import { oversightDigestFigures } from "#emails/templates/oversight-digest";
import { digestTimeAtOrBefore, digestWeekLabel } from "~/domains/notifications/digest-schedule";
import { notify } from "~/domains/notifications/notify.server";
import { type Database, selectRows } from "~/utils/db.server";
import { lastRefresh, refreshOversightFigures } from "./refresh.server";

/** Figures older than this are recounted before the digest is assembled. */
const STALE_AFTER_MS = 60 * 60_000;

type DigestFigure = (typeof oversightDigestFigures)[number];

export interface OversightDigestReport {
  week: string;
  /** Mails written to the outbox by this run. */
  queued: number;
  /** Staff with nothing waiting (no mail). */
  nothingToDo: number;
}

export async function sendOversightDigests(db: Database, now: Date): Promise<OversightDigestReport> {
  const week = digestWeekLabel(digestTimeAtOrBefore(now));
  let refresh = await lastRefresh(db);
  if (!refresh || now.getTime() - refresh.refreshedAt.getTime() > STALE_AFTER_MS) {
    await refreshOversightFigures(db, now);
    refresh = await lastRefresh(db);
  }
  const countedAt = (refresh?.refreshedAt ?? now).toISOString();

  // Office staff see their office, bureau admins their district (the bureau's id is the scope id).
  const recipients = await selectRows<{
    id: string;
    email: string;
    language: string;
    scope_id: string;
    scope_name: string;
  }>(
    db,
    sql`select u.id, u.email, u.language, o.id as scope_id, o.name as scope_name
        from users u join organizations o on o.id = u.organization_id
        where u.status = 'active'
          and ((u.role = 'office_staff' and o.kind = 'office') or (u.role = 'bureau_admin' and o.kind = 'bureau'))
        order by o.id, u.id`,
  );
  const report: OversightDigestReport = { week, queued: 0, nothingToDo: 0 };
  if (recipients.length === 0) return report;

  const rows = await selectRows<{ scope_id: string; figure: string; value: number }>(
    db,
    sql`select scope_id, figure, value from oversight_figures
        where period_kind = 'now' and dimension = ''
          and figure in ${sql`(${sql.join(
            oversightDigestFigures.map((figure) => sql`${figure}`),
            sql`, `,
          )})`}`,
  );
  const byScope = new Map<string, Map<string, number>>();
  for (const row of rows) {
    const values = byScope.get(row.scope_id) ?? new Map<string, number>();
    values.set(row.figure, Number(row.value));
    byScope.set(row.scope_id, values);
  }

  for (const recipient of recipients) {
    const items = digestItems(byScope.get(recipient.scope_id));
    if (items.length === 0) {
      report.nothingToDo += 1;
      continue;
    }
    const result = await notify(db, {
      template: "oversight-digest",
      data: { scopeName: recipient.scope_name, week, countedAt, items, url: "/staff/oversight" },
      to: {
        email: recipient.email,
        language: recipient.language === "en" ? "en" : "zh-CN",
        userId: recipient.id,
      },
      idempotencyKey: `oversight-digest:${recipient.id}:${week}`,
    });
    if (result.outboxId) report.queued += 1;
  }
  return report;
}

/** The non-zero action figures of one scope, in the mail's order, each linking to its records. */
export function digestItems(values: ReadonlyMap<string, number> | undefined) {
  const items: { figure: DigestFigure; count: number; url: string }[] = [];
  for (const figure of oversightDigestFigures) {
    const count = values?.get(figure) ?? 0;
    if (count > 0) {
      items.push({ figure, count, url: `/staff/oversight/records?figure=${encodeURIComponent(figure)}` });
    }
  }
  return items;
}
