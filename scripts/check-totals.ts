import { checkTotals } from "~/domains/volunteers/hour-totals.server";
import { checkPeriodTotals } from "~/domains/volunteers/period-totals.server";
import { getConnection } from "~/utils/db.server";

// The running-totals invariant (DATABASE_URL, or the embedded database): every volunteer's approved
// minutes, records, activities served, last service day and star level equal what their approved
// hour records add up to, and so does every period summary row (year, half-year, month). Prints OK, or each mismatch, and exits 1 when there is any.
const connection = await getConnection();
let failed = false;
try {
  const mismatches = await checkTotals(connection.db);
  if (mismatches.length === 0) {
    console.log("Volunteer totals OK: every running total equals the sum of its approved records.");
  } else {
    failed = true;
    console.error(`Volunteer totals MISMATCH for ${mismatches.length} volunteer(s):`);
    for (const mismatch of mismatches) {
      console.error(
        `  ${mismatch.volunteerId}: stored ${JSON.stringify(mismatch.stored)}, approved records give ${JSON.stringify(mismatch.actual)}`,
      );
    }
  }
  const periodMismatches = await checkPeriodTotals(connection.db);
  if (periodMismatches.length === 0) {
    console.log("Period totals OK: every year, half-year and month row equals its records.");
  } else {
    failed = true;
    console.error(`Period totals MISMATCH for ${periodMismatches.length} row(s):`);
    for (const mismatch of periodMismatches) {
      console.error(
        `  ${mismatch.volunteerId} ${mismatch.period}: stored ${JSON.stringify(mismatch.stored)}, records give ${JSON.stringify(mismatch.actual)}`,
      );
    }
  }
} finally {
  await connection.close();
}
process.exit(failed ? 1 : 0);
