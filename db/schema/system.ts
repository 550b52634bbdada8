import { jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/**
 * Small key/value facts about the installation itself (which demo seed ran, when).
 * Not for domain data: every domain gets real tables with constraints.
 */
export const appMeta = pgTable("app_meta", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});
