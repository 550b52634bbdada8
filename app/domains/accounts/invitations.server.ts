import { and, eq } from "drizzle-orm";
import { organizations, users } from "#db/schema/accounts";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import type { LinkContext } from "./accounts.server";
import { sendAccountEmail } from "./emails.server";
import { hashPassword } from "./passwords.server";
import { consumeToken, issueToken, peekToken } from "./tokens.server";
import * as clock from "~/utils/clock.server";

export interface StaffInvitation {
  email: string;
  displayName: string;
  role: "office_staff" | "bureau_admin";
  organizationId: string;
  /** Already translated into the invitee's language by the route. */
  roleLabel: string;
  language: "zh-CN" | "en";
}

export type InvitationResult =
  { ok: true; userId: string } | { ok: false; field: "email" | "organizationId"; error: string };

/**
 * A bureau admin invites staff of their district: office staff into one of its offices, or another
 * bureau admin into the bureau. The account exists at once without a password; the emailed link
 * sets one. `districtId` null means any district (system admin). The invitation is audited in the
 * same transaction (the new account's id and role, never its email).
 */
export async function inviteStaff(
  db: Database,
  inviter: { id: string; displayName: string; districtId: string | null; ipAddress?: string | null },
  input: StaffInvitation,
  links: LinkContext,
): Promise<InvitationResult> {
  return db.transaction(async (tx) => {
    const [organization] = await tx
      .select()
      .from(organizations)
      .where(eq(organizations.id, input.organizationId));
    const expectedKind = input.role === "office_staff" ? "office" : "bureau";
    const districtOf = organization?.kind === "bureau" ? organization.id : organization?.districtId;
    if (
      !organization ||
      organization.kind !== expectedKind ||
      (inviter.districtId !== null && districtOf !== inviter.districtId)
    ) {
      return { ok: false, field: "organizationId", error: "validation:organization.notInDistrict" } as const;
    }
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        displayName: input.displayName,
        role: input.role,
        organizationId: organization.id,
        language: input.language,
      })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) return { ok: false, field: "email", error: "validation:email.taken" } as const;
    const { token, lifetimeMinutes } = await issueToken(tx, user.id, "invitation");
    await sendAccountEmail(tx, {
      template: "staff-invitation",
      user,
      data: {
        url: `/invitation?token=${token}`,
        inviterName: inviter.displayName,
        organizationName: organization.name,
        roleLabel: input.roleLabel,
        expiresInMinutes: lifetimeMinutes,
      },
      idempotencyKey: `staff-invitation:${token.slice(0, 16)}`,
      linkOrigin: links.origin,
    });
    await recordAudit(tx, {
      actorId: inviter.id,
      action: "create",
      entityType: "staff-invitation",
      entityId: user.id,
      districtId: districtOf ?? null,
      officeId: organization.kind === "office" ? organization.id : null,
      ipAddress: inviter.ipAddress ?? null,
      details: { role: input.role, organizationId: organization.id },
    });
    return { ok: true, userId: user.id } as const;
  });
}

export async function invitationInvitee(db: DbOrTx, token: string) {
  const userId = await peekToken(db, token, "invitation");
  if (!userId) return null;
  const [user] = await db
    .select({ email: users.email, displayName: users.displayName })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.status, "active")));
  return user ?? null;
}

/** Sets the invitee's password; following the emailed link also verifies the address. */
export async function acceptInvitation(db: Database, token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "invitation");
    if (!userId) return false;
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: clock.now(), emailVerifiedAt: clock.now() })
      .where(eq(users.id, userId));
    return true;
  });
}

/** Offices (and the bureau) an inviter may invite into. */
export async function invitableOrganizations(db: DbOrTx, districtId: string | null) {
  const rows = await db
    .select({
      id: organizations.id,
      name: organizations.name,
      kind: organizations.kind,
      districtId: organizations.districtId,
    })
    .from(organizations)
    .orderBy(organizations.name);
  return rows.filter(
    (row) =>
      (row.kind === "office" || row.kind === "bureau") &&
      (districtId === null || row.id === districtId || row.districtId === districtId),
  );
}

export type CreateAdminResult = { ok: true; setPasswordUrl: string } | { ok: false; error: "email.taken" };

/**
 * The first system admin (scripts/create-admin.ts): an account without a password and a one-time
 * set-password link, printed to the operator's terminal — the password never passes through a shell.
 */
export async function createSystemAdmin(
  db: Database,
  input: { email: string; displayName: string; language: "zh-CN" | "en" },
  origin: string,
): Promise<CreateAdminResult> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        displayName: input.displayName,
        role: "system_admin",
        organizationId: null,
        language: input.language,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!user) return { ok: false, error: "email.taken" } as const;
    const { token } = await issueToken(tx, user.id, "invitation");
    return { ok: true, setPasswordUrl: `${origin}/invitation?token=${token}` } as const;
  });
}
