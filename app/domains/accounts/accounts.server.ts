import { and, eq, inArray, isNull } from "drizzle-orm";
import { organizations, sessions, users } from "#db/schema/accounts";
import { recordAudit } from "~/domains/audit/audit.server";
import type { Database, DbOrTx } from "~/utils/db.server";
import { sendAccountEmail } from "./emails.server";
import { hashPassword, verifyPassword } from "./passwords.server";
import { isKnownDevice, rememberDevice } from "./known-devices.server";
import { loginThrottle, recordLoginAttempt } from "./rate-limit.server";
import { takeMailCooldown } from "./request-limits.server";
import { adminRoleOfOrganizationKind, type Role, twoFactorRequired } from "./roles";
import { createSession, invalidateAllSessions } from "./sessions.server";
import { consumeCode, consumeToken, issueToken, peekToken } from "./tokens.server";
import * as clock from "~/utils/clock.server";

/** Where emailed links point (the portal's public origin). */
export interface LinkContext {
  origin: string;
}

export type Language = "zh-CN" | "en";

async function sendVerification(
  tx: DbOrTx,
  user: { id: string; email: string; language: string },
  links: LinkContext,
) {
  // Within the cooldown the last code is still valid: no new one, no second mail (same answer).
  if (!(await takeMailCooldown(tx, "email-verification", user.email))) return;
  const { token, code, lifetimeMinutes } = await issueToken(tx, user.id, "email_verification");
  await sendAccountEmail(tx, {
    template: "email-verification",
    user,
    data: {
      code: code!,
      url: `/verify-email?token=${token}`,
      expiresInMinutes: lifetimeMinutes,
    },
    idempotencyKey: `email-verification:${token.slice(0, 16)}`,
    linkOrigin: links.origin,
  });
}

export interface VolunteerRegistration {
  displayName: string;
  email: string;
  password: string;
  language: Language;
}

/**
 * Creates an unverified volunteer account and emails a verification code. An email that already
 * has an account gets no second account and no different answer (no enumeration); its owner is
 * told instead, so a forgotten registration is not a dead end.
 */
export async function registerVolunteer(db: Database, input: VolunteerRegistration, links: LinkContext) {
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(users)
      .values({
        email: input.email,
        displayName: input.displayName,
        language: input.language,
        role: "volunteer",
        passwordHash,
        passwordChangedAt: clock.now(),
      })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (created) await sendVerification(tx, created, links);
    else await notifyExistingAccount(tx, input.email, links);
  });
}

/** A registration with a known email: an unverified owner gets a fresh code, nobody learns more. */
async function notifyExistingAccount(tx: DbOrTx, email: string, links: LinkContext) {
  const [existing] = await tx.select().from(users).where(eq(users.email, email));
  if (existing && !existing.emailVerifiedAt) await sendVerification(tx, existing, links);
}

export interface OrganizationRegistration {
  kind: "enterprise" | "law_firm" | "social_org";
  organizationName: string;
  creditCode: string;
  districtId: string;
  contactName: string;
  contactPhone: string;
  address: string;
  pledge: boolean;
  displayName: string;
  email: string;
  password: string;
  language: Language;
}

export type OrganizationRegistrationResult =
  { ok: true } | { ok: false; field: "creditCode" | "districtId"; error: string };

/** An organization registers itself with its first member; both wait for verification by staff. */
export async function registerOrganization(
  db: Database,
  input: OrganizationRegistration,
  links: LinkContext,
): Promise<OrganizationRegistrationResult> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [district] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(and(eq(organizations.id, input.districtId), eq(organizations.kind, "bureau")));
    if (!district) return { ok: false, field: "districtId", error: "validation:district.unknown" } as const;
    const [taken] = await tx
      .select({ id: organizations.id })
      .from(organizations)
      .where(eq(organizations.creditCode, input.creditCode));
    if (taken) return { ok: false, field: "creditCode", error: "validation:creditCode.taken" } as const;

    const [organization] = await tx
      .insert(organizations)
      .values({
        kind: input.kind,
        name: input.organizationName,
        districtId: district.id,
        creditCode: input.creditCode,
        contactName: input.contactName,
        contactPhone: input.contactPhone,
        address: input.address,
        pledgeAcceptedAt: input.kind === "enterprise" && input.pledge ? clock.now() : null,
        status: "pending",
      })
      .returning();
    const [user] = await tx
      .insert(users)
      .values({
        email: input.email,
        displayName: input.displayName,
        language: input.language,
        role: adminRoleOfOrganizationKind[input.kind],
        organizationId: organization!.id,
        passwordHash,
        passwordChangedAt: clock.now(),
      })
      .onConflictDoNothing({ target: users.email })
      .returning();
    if (!user) {
      // The email has an account already: undo the organization, answer as for any registration.
      await tx.delete(organizations).where(eq(organizations.id, organization!.id));
      await notifyExistingAccount(tx, input.email, links);
      return { ok: true } as const;
    }
    await sendVerification(tx, user, links);
    await sendAccountEmail(tx, {
      template: "registration-received",
      user,
      data: { registration: "organization", organizationName: organization!.name },
      idempotencyKey: `registration-received:${organization!.id}`,
      linkOrigin: links.origin,
    });
    return { ok: true } as const;
  });
}

/** Verifies an email by link token. */
export async function verifyEmailByToken(db: Database, token: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "email_verification");
    if (!userId) return false;
    await tx.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, userId));
    return true;
  });
}

/** Verifies an email by the typed code; unknown emails and wrong codes answer the same. */
export async function verifyEmailByCode(db: Database, email: string, code: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
    if (!user) return false;
    if (!(await consumeCode(tx, user.id, code))) return false;
    await tx.update(users).set({ emailVerifiedAt: clock.now() }).where(eq(users.id, user.id));
    return true;
  });
}

export async function resendVerification(db: Database, email: string, links: LinkContext): Promise<void> {
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, email));
    if (user && !user.emailVerifiedAt && user.status === "active") await sendVerification(tx, user, links);
  });
}

export type LoginResult =
  | {
      status: "ok";
      token: string;
      expiresAt: Date;
      twoFactor: "none" | "verify" | "setup";
      /** A new device token to keep in the device cookie (null: the device was known already). */
      deviceToken: string | null;
    }
  | { status: "invalid" }
  | { status: "rateLimited"; retryAfterSeconds: number }
  | { status: "unverified" };

/**
 * Signs in. Unknown email and wrong password give the same answer in about the same time (the
 * password is always checked against a hash). Failures count towards the per-account/per-IP limit.
 */
export async function login(
  db: Database,
  input: {
    email: string;
    password: string;
    ipAddress: string;
    userAgent: string | null;
    /** The device cookie's token, if the browser sent one. */
    deviceToken?: string | null;
  },
  links: LinkContext,
): Promise<LoginResult> {
  const throttle = await loginThrottle(db, input.email, input.ipAddress);
  if (throttle.address) {
    await verifyPassword(null, input.password);
    return { status: "rateLimited", retryAfterSeconds: throttle.address };
  }
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  // A throttled account still lets its owner in from a device it signed in from before.
  if (throttle.account && !(user && (await isKnownDevice(db, user.id, input.deviceToken)))) {
    await verifyPassword(null, input.password);
    return { status: "rateLimited", retryAfterSeconds: throttle.account };
  }
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  const ok = Boolean(user && passwordOk && user.status === "active");
  await recordLoginAttempt(db, input.email, input.ipAddress, ok);
  if (!ok || !user) return { status: "invalid" };
  if (!user.emailVerifiedAt) {
    await resendVerification(db, user.email, links);
    return { status: "unverified" };
  }
  const twoFactor = user.totpEnabledAt ? "verify" : twoFactorRequired(user.role) ? "setup" : "none";
  return db.transaction(async (tx) => {
    // Alert only for a browser and address the account is not already signed in from.
    const [known] = await tx
      .select({ id: sessions.id })
      .from(sessions)
      .where(
        and(
          eq(sessions.userId, user.id),
          eq(sessions.ipAddress, input.ipAddress),
          input.userAgent
            ? eq(sessions.userAgent, input.userAgent.slice(0, 300))
            : isNull(sessions.userAgent),
        ),
      )
      .limit(1);
    const session = await createSession(tx, {
      userId: user.id,
      role: user.role,
      ipAddress: input.ipAddress,
      userAgent: input.userAgent,
      // A user who must still give (or set up) a second factor gets a half session until then.
      twoFactorVerified: twoFactor === "none",
    });
    if (!known)
      await sendAccountEmail(tx, {
        template: "new-sign-in",
        user,
        data: {
          signedInAt: clock.now().toISOString(),
          ipAddress: input.ipAddress,
          browser: input.userAgent || "-",
        },
        idempotencyKey: `new-sign-in:${session.token.slice(0, 16)}`,
        linkOrigin: links.origin,
      });
    const deviceToken = await rememberDevice(tx, user.id, input.deviceToken);
    return { status: "ok", ...session, twoFactor, deviceToken } as const;
  });
}

/** Always answers the same; mails a reset link only to an existing, active account. */
export async function requestPasswordReset(db: Database, email: string, links: LinkContext): Promise<void> {
  // Known or not, an address asked for within the cooldown gets no mail again (same answer).
  if (!(await takeMailCooldown(db, "password-reset", email))) return;
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), eq(users.status, "active")));
  // The route runs this after answering (afterResponse), so its timing tells no account apart.
  if (!user) return;
  await db.transaction(async (tx) => {
    const { token, lifetimeMinutes } = await issueToken(tx, user.id, "password_reset");
    await sendAccountEmail(tx, {
      template: "password-reset",
      user,
      data: { url: `/reset-password?token=${token}`, expiresInMinutes: lifetimeMinutes },
      idempotencyKey: `password-reset:${token.slice(0, 16)}`,
      linkOrigin: links.origin,
    });
  });
}

export function isResetTokenUsable(db: Database, token: string) {
  return peekToken(db, token, "password_reset").then(Boolean);
}

/** Sets a new password from a reset link; ends every session of the account. */
export async function resetPassword(db: Database, token: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const userId = await consumeToken(tx, token, "password_reset");
    if (!userId) return false;
    // Following the emailed link proves the address too.
    await tx
      .update(users)
      .set({ passwordHash, passwordChangedAt: clock.now(), emailVerifiedAt: clock.now() })
      .where(eq(users.id, userId));
    await invalidateAllSessions(tx, userId);
    return true;
  });
}

export type ChangePasswordResult =
  { ok: true; token: string; expiresAt: Date } | { ok: false; field: "currentPassword" };

/** Changes the password, ends every session (this one included) and opens a fresh one here. */
export async function changePassword(
  db: Database,
  input: {
    userId: string;
    currentPassword: string;
    newPassword: string;
    ipAddress: string;
    userAgent: string | null;
  },
): Promise<ChangePasswordResult> {
  const [user] = await db.select().from(users).where(eq(users.id, input.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword" };
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, passwordChangedAt: clock.now() }).where(eq(users.id, user.id));
    await invalidateAllSessions(tx, user.id);
    const session = await createSession(tx, {
      userId: user.id,
      role: user.role,
      ipAddress: input.ipAddress,
      userAgent: input.userAgent,
      twoFactorVerified: true,
    });
    return { ok: true, ...session };
  });
}

export async function updateProfile(
  db: Database,
  userId: string,
  input: { displayName: string; language: Language },
) {
  await db.update(users).set(input).where(eq(users.id, userId));
}

/** Who changes an account (null for a system job or script), for the audit row. */
export interface AccountChanger {
  id: string | null;
  ipAddress?: string | null;
}

/** Where an account sits, for the audit search of its district. */
async function placeOfUser(tx: DbOrTx, userId: string) {
  const [row] = await tx
    .select({
      role: users.role,
      status: users.status,
      kind: organizations.kind,
      id: organizations.id,
      districtId: organizations.districtId,
    })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.id, userId))
    .for("update", { of: users });
  if (!row) return null;
  return {
    role: row.role,
    status: row.status,
    districtId: row.kind === "bureau" ? row.id : (row.districtId ?? null),
    officeId: row.kind === "office" ? row.id : null,
  };
}

/** Role changes and deactivation end every session of the account at once, and are audited. */
export async function changeRole(db: Database, userId: string, role: Role, changer: AccountChanger) {
  await db.transaction(async (tx) => {
    const before = await placeOfUser(tx, userId);
    if (!before) return;
    await tx.update(users).set({ role }).where(eq(users.id, userId));
    await invalidateAllSessions(tx, userId);
    await recordAudit(tx, {
      actorId: changer.id,
      action: "update",
      entityType: "user",
      entityId: userId,
      districtId: before.districtId,
      officeId: before.officeId,
      ipAddress: changer.ipAddress ?? null,
      details: { field: "role", from: before.role, to: role },
    });
  });
}

export async function deactivateUser(db: Database, userId: string, changer: AccountChanger = { id: null }) {
  await db.transaction(async (tx) => {
    const before = await placeOfUser(tx, userId);
    if (!before) return;
    await tx.update(users).set({ status: "deactivated" }).where(eq(users.id, userId));
    await invalidateAllSessions(tx, userId);
    await recordAudit(tx, {
      actorId: changer.id,
      action: "status_change",
      entityType: "user",
      entityId: userId,
      districtId: before.districtId,
      officeId: before.officeId,
      ipAddress: changer.ipAddress ?? null,
      details: { from: before.status, status: "deactivated" },
    });
  });
}

export async function listDistricts(db: DbOrTx) {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(organizations)
    .where(eq(organizations.kind, "bureau"))
    .orderBy(organizations.name);
}

export async function usersOfOrganization(db: DbOrTx, organizationId: string, roles: Role[]) {
  return db
    .select()
    .from(users)
    .where(
      and(eq(users.organizationId, organizationId), inArray(users.role, roles), eq(users.status, "active")),
    );
}
