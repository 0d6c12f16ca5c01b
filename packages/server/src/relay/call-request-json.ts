import { MISSING_ACCESS_KEY, type QueryRequest } from "@parlor/protocol";

/** How much of a request body the call log keeps. */
export const MAX_REQUEST_JSON_BYTES = 64 * 1024;

const REDACTED = "[redacted]";

/** The signature of the platform's signed file URLs: each lets its holder read a user's file. */
const FILE_URL_SIGNATURE = /([?&]signature=)[\w-]+/g;

/** A credential field as the log shows it: the "no key" placeholder as sent, any real key hidden. */
const redact = (value: string) => (value === MISSING_ACCESS_KEY || value === "" ? value : REDACTED);

/**
 * The request body as the bot received it, for the call log: the JSON the runner sends, with
 * the credentials fields and file URL signatures redacted (admins read other owners' logs, and
 * files are private even to them), cut at {@link MAX_REQUEST_JSON_BYTES}.
 */
export function callRequestJson(request: QueryRequest): { json: string; truncated: boolean } {
  let json = JSON.stringify({
    ...request,
    access_key: redact(request.access_key),
    api_key: redact(request.api_key),
  });
  // Most requests carry no file URL; a search is cheaper than a replace over the whole text.
  if (json.includes("signature=")) json = json.replace(FILE_URL_SIGNATURE, `$1${REDACTED}`);
  if (
    json.length <= MAX_REQUEST_JSON_BYTES / 3 ||
    Buffer.byteLength(json) <= MAX_REQUEST_JSON_BYTES
  )
    return { json, truncated: false };
  // Cut at a byte count; a character split in two at the end is dropped, not shown as garbage.
  const cut = Buffer.from(json).subarray(0, MAX_REQUEST_JSON_BYTES).toString("utf8");
  return { json: cut.replace(/\uFFFD$/, ""), truncated: true };
}
