import pino, { type DestinationStream, type Logger } from "pino";

/** Header and field names whose values never reach the log. */
const REDACTED = [
  "req.headers.authorization",
  "req.headers.cookie",
  "headers.authorization",
  "headers.cookie",
  "*.access_key",
  "*.api_key",
  "*.password",
  "access_key",
  "api_key",
  "password",
  "secret",
  "*.secret",
  // Model vendors' keys (config.models, provider rows).
  "apiKey",
  "*.apiKey",
  "*.*.apiKey",
  "api_key_encrypted",
  "*.api_key_encrypted",
];

/** The platform's logger: JSON lines, secrets redacted. */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = { level, redact: { paths: REDACTED, censor: "[redacted]" } };
  return destination ? pino(options, destination) : pino(options);
}
