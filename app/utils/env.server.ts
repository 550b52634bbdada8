import { z } from "zod";

/**
 * Every environment variable the portal reads, validated once at start-up.
 * `.env.example` documents each of them; keep the two in step.
 */
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "expected true or false" })
  .transform((value) => value === "true" || value === "1" || value === "yes");

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  HOST: z.string().min(1).default("0.0.0.0"),
  PORT: z.coerce
    .number({ message: "expected a port number" })
    .int("expected a whole number")
    .min(1, "expected a port between 1 and 65535")
    .max(65535, "expected a port between 1 and 65535")
    .default(3000),
  /**
   * Public origin of the portal (scheme://host[:port]): links in mail, the origin check, the only Host
   * answered. Required in production on a PostgreSQL server.
   */
  APP_URL: z
    .string()
    .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?\/?$/, {
      message: "expected an absolute URL such as https://portal.example.gov.cn (scheme://host[:port] only)",
    })
    .optional(),
  /**
   * Without APP_URL: the host names (optionally host:port) the portal answers for, comma-separated;
   * any other Host header gets 400. The embedded demo answers on localhost and 127.0.0.1.
   */
  ALLOWED_HOSTS: z
    .string()
    .regex(
      /^\s*[A-Za-z0-9.[\]:-]+(\s*,\s*[A-Za-z0-9.[\]:-]+)*\s*$/,
      "expected host names separated by commas, such as localhost,127.0.0.1",
    )
    .default("localhost,127.0.0.1")
    .transform((value) => value.split(",").map((host) => host.trim().toLowerCase())),
  /** A PostgreSQL server; when unset the embedded PGlite database in PGLITE_DIR is used. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expected a postgres:// or postgresql:// connection string")
    .optional(),
  /** Folder of the embedded database (or `memory://` for a throw-away in-memory one). */
  PGLITE_DIR: z.string().min(1).default("./.data/pglite"),
  /** Seed demo data when the database is empty at start-up. */
  SEED_DEMO_DATA: booleanFlag.optional(),
  /** Number of reverse proxies in front of the app (for the client IP and protocol). */
  TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Resend API key; when unset no mail leaves the machine (it is kept in the development mailbox). */
  RESEND_API_KEY: z.string().min(1).optional(),
  /** Resend API endpoint; tests point it at the fake Resend server. */
  RESEND_BASE_URL: z.url({ message: "expected an absolute URL such as https://api.resend.com" }).optional(),
  /** Sender address of every email; the display name is the portal's neutral short name. */
  EMAIL_FROM: z
    .email({ message: "expected an email address such as no-reply@portal.example.gov.cn" })
    .default("no-reply@portal.invalid"),
  /** Run the email dispatcher inside the web process (turn off when `npm run dispatch` runs separately). */
  DISPATCHER_ENABLED: booleanFlag.default(true),
  /**
   * Run the recurring jobs (digests, expiry, check-outs, the oversight refresh, pruning…) in this web
   * server. Off only where another process runs them (`npm run dispatch`) or none should (the bench,
   * which measures pages; it settles the jobs once before it starts the server).
   */
  JOBS_ENABLED: booleanFlag.default(true),
  /**
   * Web worker processes of `npm start` on a PostgreSQL server (node:cluster); default one per CPU
   * core. The embedded PGlite database is single-process, so it always runs one.
   */
  WEB_CONCURRENCY: z.coerce
    .number({ message: "expected a number of processes" })
    .int("expected a whole number")
    .min(1, "expected at least 1")
    .max(64, "expected at most 64")
    .optional(),
  /** `npm run bench` only: the trivial route /bench/trivial and an SQL statement count per response. */
  BENCH_MODE: booleanFlag.default(false),
  /** End-to-end tests only: lets each browser context move the clock (server/test-clock.ts). Never in use. */
  E2E_CLOCK_CONTROL: booleanFlag.default(false),
  /** Encryption keys at rest: "id:base64(32 bytes)", comma-separated, the first encrypts. */
  ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]+)*$/,
      "expected id:base64key[,id:base64key…]",
    )
    .optional(),
  /**
   * Days after a subject's correction ends before `npm run purge-expired` erases the identifying
   * fields (case code and statistics stay). Default 3 years (PIPL art. 56 keeps records ≥ 3 years).
   */
  SUBJECT_RETENTION_DAYS: z.coerce
    .number({ message: "expected a number of days" })
    .int("expected a whole number of days")
    .min(30, "expected at least 30 days")
    .max(36_500, "expected at most 36500 days")
    .default(1095),
  /**
   * Minutes of grace after the 2 working days a provider has to answer a referral, before it
   * expires and the need goes back to matching (app/domains/matching/expiry.ts).
   */
  REFERRAL_GRACE_MINUTES: z.coerce
    .number({ message: "expected a number of minutes" })
    .int("expected a whole number of minutes")
    .min(0, "expected at least 0 minutes")
    .max(2880, "expected at most 2880 minutes")
    .default(120),
});

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(public readonly issues: { variable: string; message: string }[]) {
    super(
      "Invalid configuration:\n" +
        issues.map((issue) => `  - ${issue.variable}: ${issue.message}`).join("\n") +
        "\nSee .env.example for every variable and its meaning.",
    );
    this.name = "EnvError";
  }
}

/** Pure: parse a set of variables, throwing an EnvError that names every bad one. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings mean "unset" — that is how most shells and .env files express it.
  const cleaned = Object.fromEntries(
    Object.entries(source).filter(([, value]) => value !== undefined && value !== ""),
  );
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({
        variable: issue.path.join(".") || "(root)",
        message: issue.message,
      })),
    );
  }
  if (result.data.NODE_ENV === "production" && result.data.DATABASE_URL && !result.data.APP_URL)
    throw new EnvError([
      {
        variable: "APP_URL",
        message:
          "required in production on a PostgreSQL server: the public origin links in mail point to (and the only Host answered)",
      },
    ]);
  if (result.data.E2E_CLOCK_CONTROL && result.data.APP_URL?.startsWith("https://"))
    throw new EnvError([
      { variable: "E2E_CLOCK_CONTROL", message: "end-to-end tests only, never on a public origin" },
    ]);
  return result.data;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** Tests only: read process.env again on the next getEnv() (after a test changed a variable). */
export function reloadEnv(): void {
  cached = undefined;
}

/** Demo data goes in by default only on the embedded database, never silently into a real server. */
export function shouldSeedDemoData(env: Env): boolean {
  return env.SEED_DEMO_DATA ?? env.DATABASE_URL === undefined;
}
