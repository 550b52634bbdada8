import { seedDemoData } from "#db/seed";
import { sql } from "drizzle-orm";
import { getConnection } from "~/utils/db.server";

// Drops every table of the app (and drizzle's own migration journal), migrates afresh and reseeds.
const connection = await getConnection();
console.log(`Resetting the ${connection.driver} database…`);
await connection.db.execute(sql`drop schema if exists public cascade`);
await connection.db.execute(sql`drop schema if exists drizzle cascade`);
await connection.db.execute(sql`create schema public`);
await connection.migrate();
const report = await seedDemoData(connection.db, (step) => console.log(`  seeding ${step}…`));
console.log(report.seeded ? "Database reset with demo data." : `Database reset (${report.reason}).`);
await connection.close();
