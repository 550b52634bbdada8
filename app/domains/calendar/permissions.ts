import { grant } from "~/domains/accounts/authorize";

/**
 * The working-day calendar: everyone's deadlines read it, only system admins edit it (next year's
 * State Council schedule, corrections). Seeded by migration 0018_holidays.
 */
export const calendarPermissions = [
  grant("manage:calendar:any", "Edit the working-day calendar (official holidays and make-up working days)", [
    "system_admin",
  ]),
];
