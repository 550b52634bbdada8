// The load generator of `npm run bench`, run in its own process so that it does not share the
// server's CPU (nor its CPU time accounting): autocannon against one URL, every response time kept
// to compute exact percentiles. Input: one JSON argument; output: one JSON line on stdout.
// @ts-expect-error autocannon ships no types
import autocannon from "autocannon";

interface Input {
  url: string;
  connections: number;
  seconds: number;
  /** A fixed number of requests instead of a duration (warm-up). */
  amount?: number;
  headers: Record<string, string>;
}
interface AutocannonResult {
  duration: number;
  errors: number;
  timeouts: number;
  non2xx: number;
}
interface AutocannonInstance {
  on(event: "response", listener: (client: unknown, status: number, bytes: number, ms: number) => void): void;
}
type Autocannon = (
  options: Record<string, unknown>,
  done: (error: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

const { url, connections, seconds, amount, headers } = JSON.parse(process.argv[2] ?? "{}") as Input;

const latencies: number[] = [];
const statusCodes: Record<string, number> = {};
const instance = (autocannon as Autocannon)(
  { url, connections, ...(amount ? { amount } : { duration: seconds }), headers, timeout: 10 },
  (error, result) => {
    if (error) {
      console.error(error);
      process.exit(1);
    }
    latencies.sort((a, b) => a - b);
    const at = (share: number) =>
      latencies.length === 0
        ? null
        : latencies[Math.min(latencies.length - 1, Math.floor(share * latencies.length))]!;
    const responses = latencies.length;
    process.stdout.write(
      JSON.stringify({
        responses,
        seconds: result.duration,
        rps: responses / result.duration,
        p50: at(0.5),
        p95: at(0.95),
        p99: at(0.99),
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        statusCodes,
      }) + "\n",
    );
  },
);
instance.on("response", (_client, statusCode, _bytes, responseTime) => {
  latencies.push(responseTime);
  statusCodes[statusCode] = (statusCodes[statusCode] ?? 0) + 1;
});
