import type { Database } from "~/utils/db.server";
import {
  NotificationPreferenceError,
  type PreferenceErrorCode,
  setNotificationPreference,
} from "./inbox.server";

export interface PreferenceChoice {
  kind: string;
  emailEnabled: boolean;
  /** Undefined leaves the stored choice alone (users who may not have a digest). */
  weeklyDigest?: boolean;
}

export type PreferenceChoiceError = PreferenceErrorCode | "digest_needs_email";

export type SavePreferencesResult =
  | { ok: true }
  | { ok: false; errors: { kind: string; field: "email" | "digest"; code: PreferenceChoiceError }[] };

/**
 * Saves a whole settings form at once: every choice or none. A weekly digest is a way of receiving
 * email, so it needs email to be on; the per-kind rules (security kinds locked, digest for staff only)
 * are those of setNotificationPreference.
 */
export async function saveNotificationPreferences(
  db: Database,
  userId: string,
  choices: PreferenceChoice[],
): Promise<SavePreferencesResult> {
  const contradictions = choices
    .filter((choice) => choice.weeklyDigest && !choice.emailEnabled)
    .map((choice) => ({ kind: choice.kind, field: "digest" as const, code: "digest_needs_email" as const }));
  if (contradictions.length > 0) return { ok: false, errors: contradictions };
  try {
    await db.transaction(async (tx) => {
      for (const choice of choices) {
        try {
          await setNotificationPreference(tx, userId, choice.kind, {
            emailEnabled: choice.emailEnabled,
            weeklyDigest: choice.weeklyDigest,
          });
        } catch (error) {
          // Rethrown with the kind attached, so the transaction rolls back and the form can say where.
          if (error instanceof NotificationPreferenceError) throw new RejectedChoice(choice.kind, error.code);
          throw error;
        }
      }
    });
  } catch (error) {
    if (!(error instanceof RejectedChoice)) throw error;
    const field = error.code === "digest_staff_only" ? "digest" : "email";
    return { ok: false, errors: [{ kind: error.kind, field, code: error.code }] };
  }
  return { ok: true };
}

class RejectedChoice extends Error {
  constructor(
    readonly kind: string,
    readonly code: PreferenceErrorCode,
  ) {
    super(`${kind}: ${code}`);
  }
}
