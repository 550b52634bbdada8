/** Who hears about a referral: the provider's people, and the staff member who sent it. */
import { and, eq, inArray } from "drizzle-orm";
import { users } from "#db/schema/accounts";
import type { NotifyRecipient } from "~/domains/notifications/notify.server";
import type { DbOrTx } from "~/utils/db.server";

const providerRoles = ["provider_member", "enterprise_member", "law_firm_admin", "lawyer"] as const;

/** The active members of the provider's organization, or the volunteer. */
export async function providerRecipients(
  db: DbOrTx,
  provider: { organizationId: string | null; volunteerUserId: string | null },
): Promise<NotifyRecipient[]> {
  const rows = await db
    .select({ id: users.id, email: users.email, language: users.language })
    .from(users)
    .where(
      and(
        provider.organizationId
          ? and(eq(users.organizationId, provider.organizationId), inArray(users.role, [...providerRoles]))
          : eq(users.id, provider.volunteerUserId!),
        eq(users.status, "active"),
      ),
    );
  return rows.map((row) => ({
    email: row.email,
    language: row.language === "en" ? "en" : "zh-CN",
    userId: row.id,
  }));
}

export async function staffRecipient(db: DbOrTx, userId: string | null): Promise<NotifyRecipient | null> {
  if (!userId) return null;
  const [row] = await db
    .select({ id: users.id, email: users.email, language: users.language, status: users.status })
    .from(users)
    .where(eq(users.id, userId));
  if (!row || row.status !== "active") return null;
  return { email: row.email, language: row.language === "en" ? "en" : "zh-CN", userId: row.id };
}
