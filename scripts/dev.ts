export {};
// `npm run dev`: the same server with Vite's hot reload instead of the production build.
process.env.NODE_ENV = "development";
await import("../server/index");
