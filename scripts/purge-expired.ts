import { purgeExpiredSubjects } from "~/domains/subjects/subjects.server";
import { getConnection } from "~/utils/db.server";
import { getEnv } from "~/utils/env.server";

// Erases the identifying fields of subjects whose correction ended more than SUBJECT_RETENTION_DAYS
// ago (case code, area, dates and statistics stay; each purge writes an audit row). Safe to run daily
// from cron: a purged subject is never purged twice.
const env = getEnv();
const connection = await getConnection();
try {
  const purged = await purgeExpiredSubjects(connection.db, env.SUBJECT_RETENTION_DAYS);
  console.log(
    `Purged the identifying fields of ${purged} subject(s) ended more than ${env.SUBJECT_RETENTION_DAYS} days ago.`,
  );
} finally {
  await connection.close();
}
