import { getDb, pingDatabase } from "~/utils/db.server";

/** Liveness and readiness in one: the process answers and the database answers. */
export async function loader() {
  const databaseOk = await pingDatabase(await getDb());
  return Response.json(
    { status: databaseOk ? "ok" : "degraded", database: databaseOk ? "ok" : "unreachable" },
    { status: databaseOk ? 200 : 503, headers: { "Cache-Control": "no-store" } },
  );
}
