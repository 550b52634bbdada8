// The one barrel file allowed in the project: drizzle needs every table in one schema object.
export * from "./system";
export * from "./accounts";
export * from "./notifications";
export * from "./subjects";
export * from "./audit";
export * from "./volunteers";
export * from "./legal";
export * from "./awards";
export * from "./employment";
export * from "./matching";
export * from "./oversight";
