import { seedDemoData } from "#db/seed";
import { getConnection } from "~/utils/db.server";

const connection = await getConnection();
await connection.migrate();
const report = await seedDemoData(connection.db, (step) => console.log(`  seeding ${step}…`));
console.log(report.seeded ? "Demo data seeded." : `Nothing seeded: ${report.reason}.`);
await connection.close();
