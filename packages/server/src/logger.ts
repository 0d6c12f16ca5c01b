import pino, { type Logger } from "pino";

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
];

/** The platform's logger: JSON lines, secrets redacted. */
export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACTED, censor: "[redacted]" } });
}
