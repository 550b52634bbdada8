import { verifyAuditChain } from "~/domains/audit/audit.server";
import { getConnection } from "~/utils/db.server";

// Walks the audit log's hash chain (DATABASE_URL, or the embedded database) and exits 1 at the first
// row that was edited, removed or reordered. Run it on a schedule and keep the printed row counts:
// removing the newest rows is only visible as a count lower than an earlier run's.
const connection = await getConnection();
let failed = false;
try {
  const report = await verifyAuditChain(connection.db);
  if (report.ok) {
    console.log(`Audit log OK: ${report.rows} rows, chain intact.`);
  } else {
    failed = true;
    console.error(`Audit log BROKEN at row ${report.brokenAt}: ${report.reason}`);
  }
} finally {
  await connection.close();
}
process.exit(failed ? 1 : 0);
