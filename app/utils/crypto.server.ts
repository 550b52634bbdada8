import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { getEnv } from "./env.server";
import { singleton } from "./singleton.server";

/** A random secret of `bytes` bytes as lower-case base32 (20 bytes = 160 bits for session tokens). */
export function randomToken(bytes = 20): string {
  return encodeBase32LowerCaseNoPadding(randomBytes(bytes));
}

export function sha256Hex(value: string): string {
  return encodeHexLowerCase(createHash("sha256").update(value).digest());
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** A numeric code of `digits` digits from a uniform distribution (no modulo bias). */
export function randomDigits(digits: number): string {
  let code = "";
  while (code.length < digits) {
    const byte = randomBytes(1)[0]!;
    if (byte < 250) code += String(byte % 10);
  }
  return code;
}

interface KeyRing {
  activeId: string;
  keys: Map<string, Buffer>;
}

/**
 * Data keys for encryption at rest, from ENCRYPTION_KEYS ("id:base64key,…", the first one encrypts,
 * all decrypt — so keys can rotate). The embedded demo without the variable gets a key generated
 * once into its data folder, which never leaves the machine; a PostgreSQL deployment must set it.
 */
function loadKeyRing(): KeyRing {
  const env = getEnv();
  let spec = env.ENCRYPTION_KEYS;
  if (!spec) {
    if (env.DATABASE_URL && env.NODE_ENV === "production") {
      throw new Error(
        "ENCRYPTION_KEYS must be set when the portal runs on a PostgreSQL server in production.",
      );
    }
    const dir = env.PGLITE_DIR.startsWith("memory://") ? undefined : path.resolve(env.PGLITE_DIR, "..");
    const file = dir ? path.join(dir, "encryption-keys") : undefined;
    if (file && existsSync(file)) {
      spec = readFileSync(file, "utf8").trim();
    } else {
      spec = `local1:${randomBytes(32).toString("base64")}`;
      if (file && dir) {
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, spec, { mode: 0o600 });
      }
    }
  }
  const keys = new Map<string, Buffer>();
  let activeId: string | undefined;
  for (const part of spec.split(",")) {
    const [id, material] = part.trim().split(":");
    const key = Buffer.from(material ?? "", "base64");
    if (!id || key.length !== 32) throw new Error(`ENCRYPTION_KEYS: key "${id}" must be 32 bytes in base64.`);
    keys.set(id, key);
    activeId ??= id;
  }
  return { activeId: activeId!, keys };
}

const keyRing = () => singleton("encryption-key-ring", loadKeyRing);

/** AES-256-GCM; output `keyId.iv.tag.ciphertext` (base64url parts) so the key can be found later. */
export function encrypt(plaintext: string): string {
  const { activeId, keys } = keyRing();
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keys.get(activeId)!, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [activeId, iv, cipher.getAuthTag(), body]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

/** Throws on a tampered or foreign ciphertext (GCM authentication). */
export function decrypt(payload: string): string {
  const [keyId, iv, tag, body] = payload.split(".");
  const key = keyId ? keyRing().keys.get(keyId) : undefined;
  if (!key || !iv || !tag || body === undefined) throw new Error("Unreadable ciphertext");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]).toString("utf8");
}

/** Keyed hash for exact-match lookups of secrets (never the plaintext), with the active key. */
export function keyedHash(value: string): string {
  const { activeId, keys } = keyRing();
  return createHmac("sha256", hashKeyOf(keys.get(activeId)!))
    .update(value)
    .digest("hex");
}

/** The HMAC key is derived from an encryption key (HKDF), so one key is never used for two algorithms. */
const hashKeys = new WeakMap<Buffer, Buffer>();
function hashKeyOf(encryptionKey: Buffer): Buffer {
  let derived = hashKeys.get(encryptionKey);
  if (!derived) {
    derived = Buffer.from(hkdfSync("sha256", encryptionKey, Buffer.alloc(0), "portal keyed hash v1", 32));
    hashKeys.set(encryptionKey, derived);
  }
  return derived;
}

/** The keyed hash of a value under every key of the ring, so a search still finds rows hashed before a rotation. */
export function keyedHashesForSearch(value: string): string[] {
  return [...keyRing().keys.values()].map((key) =>
    createHmac("sha256", hashKeyOf(key)).update(value).digest("hex"),
  );
}
