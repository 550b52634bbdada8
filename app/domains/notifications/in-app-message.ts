/**
 * How an in-app notification reads: built from its kind and stored data in the reader's language, so
 * a notification recorded in Chinese reads in English after the user switches. Pure: the caller passes
 * the translate function of the `notifications` namespace.
 */
export type TranslateNotifications = (key: string, options?: Record<string, unknown>) => string;

export interface InAppMessage {
  title: string;
  body: string | null;
}

const organizationStatuses = new Set(["verified", "rejected", "suspended"]);

function record(data: unknown): Record<string, unknown> {
  return data !== null && typeof data === "object" && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;

export function inAppMessage(t: TranslateNotifications, kind: string, data: unknown): InAppMessage {
  const fields = record(data);
  // A kind this version does not know (a newer feature, an old row) still shows as a notification.
  const title = t(`kinds.${kind}`, { defaultValue: t("inbox.unknownKind") });
  switch (kind) {
    case "organization-status": {
      const organizationName = text(fields.organizationName);
      const status = text(fields.status);
      if (!organizationName || !status || !organizationStatuses.has(status)) return { title, body: null };
      const intro = t("email.organization-status.intro", {
        organizationName,
        status: t(`email.organization-status.status.${status}`),
      });
      const reason = text(fields.reason);
      return {
        title,
        body: reason ? `${intro} ${t("email.organization-status.reason", { reason })}` : intro,
      };
    }
    case "registration-received": {
      if (fields.registration === "volunteer")
        return { title, body: t("email.registration-received.introVolunteer") };
      const name = text(fields.organizationName);
      if (fields.registration === "organization" && name)
        return { title, body: t("email.registration-received.introOrganization", { name }) };
      return { title, body: null };
    }
    default:
      return { title, body: null };
  }
}
