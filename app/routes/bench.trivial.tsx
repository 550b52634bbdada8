import { getEnv } from "~/utils/env.server";

/**
 * `npm run bench` only (BENCH_MODE): the baseline of page throughput, one paragraph inside the root
 * layout, no query of its own. Elsewhere it does not exist (404).
 */
export function loader() {
  if (!getEnv().BENCH_MODE) throw new Response("Not Found", { status: 404 });
  return null;
}

export default function BenchTrivial() {
  return <p>Trivial page.</p>;
}
