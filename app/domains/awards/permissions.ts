import { grant } from "~/domains/accounts/authorize";

/**
 * Commendations (表彰, 社区矫正法 art. 7): a bureau admin configures the types and gives the decision;
 * office staff see who is eligible and nominate. No one reviews their own nomination (state machine and
 * the `nominations_no_self_review` constraint). The honour roll is public and needs no grant.
 */
export const awardPermissions = [
  grant("manage:award-type:district", "Configure the district's commendation types and criteria", [
    "bureau_admin",
  ]),
  grant("nominate:award:office", "See eligible candidates and nominate them for commendations", [
    "office_staff",
  ]),
  grant("read:nomination:office", "See the nominations of one's office", ["office_staff"]),
  grant("read:nomination:district", "See the nominations of the district", ["bureau_admin"]),
  grant(
    "review:nomination:district",
    "Approve, return or reject nominations; resolve objections; revoke awards",
    ["bureau_admin"],
  ),
];
