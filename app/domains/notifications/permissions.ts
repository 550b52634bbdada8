import { grant } from "~/domains/accounts/authorize";

/** Notifications: everyone's own inbox needs no grant; the outbox is the platform operator's. */
export const notificationPermissions = [
  grant("manage:outbox:any", "See undeliverable emails and queue them again", ["system_admin"]),
];
