import { seedDemoData } from "#db/seed";
import { seedScaleData } from "#db/seed-scale";
import { getConnection } from "~/utils/db.server";

// `npm run db:seed`: the demo data. `npm run db:seed -- --scale`: the scale data set of
// ../shared/docs/quality.md on top of it (PostgreSQL only; minutes, with progress), for `npm run bench`.
const scale = process.argv.includes("--scale");
const connection = await getConnection();
try {
  await connection.migrate();
  if (scale) {
    if (connection.driver !== "postgres") {
      console.error("The scale data set needs a PostgreSQL server: set DATABASE_URL.");
      process.exitCode = 1;
    } else {
      const started = Date.now();
      const report = await seedScaleData(connection.db, {
        onStep: (step) => console.log(`  seeding ${step}…`),
      });
      console.log(
        report.seeded
          ? `Scale data seeded in ${Math.round((Date.now() - started) / 1000)} s.`
          : `Nothing seeded: ${report.reason}.`,
      );
    }
  } else {
    const report = await seedDemoData(connection.db, (step) => console.log(`  seeding ${step}…`));
    console.log(report.seeded ? "Demo data seeded." : `Nothing seeded: ${report.reason}.`);
  }
} finally {
  await connection.close();
}
