import { getConnection } from "~/utils/db.server";

const connection = await getConnection();
console.log(`Applying migrations (${connection.driver})…`);
await connection.migrate();
console.log("Migrations applied.");
await connection.close();
