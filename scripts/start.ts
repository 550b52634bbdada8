/**
 * `npm start`: the one command of a first-time user. Builds the app when the build is missing or
 * older than the sources, then serves it (migrating, and seeding demo data on an empty database).
 */
import { buildIfStale } from "./build-if-stale";

process.env.NODE_ENV ??= "production";
buildIfStale();
await import("../server/index");
