import { createHash } from "node:crypto";
import { randomBytes } from "@parlor/protocol";

/** A random URL-safe token with `bytes` bytes of entropy. */
export function randomToken(bytes = 32): string {
  return Buffer.from(randomBytes(bytes)).toString("base64url");
}

/** SHA-256 in hex: how session tokens and API keys are stored, so a leak does not leak them. */
export function sha256(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

/** A random id for rows that have no protocol id. */
export function randomId(prefix: string): string {
  return `${prefix}_${Buffer.from(randomBytes(12)).toString("base64url")}`;
}
