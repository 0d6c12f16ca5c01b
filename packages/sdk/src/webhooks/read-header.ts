import type { HeaderReader } from "../bot/query-context.js";

/**
 * Headers as anything with a case-insensitive `get` (a fetch `Headers` object, the SDK's
 * HeaderReader) or a plain record such as Node's `IncomingHttpHeaders`.
 */
export type HeaderSource =
  HeaderReader | Readonly<Record<string, string | readonly string[] | undefined>>;

function isHeaderReader(headers: HeaderSource): headers is HeaderReader {
  return typeof (headers as { get?: unknown }).get === "function";
}

/**
 * Looks a header up by name, ignoring case. Repeated values are joined with a space, which is
 * how several signatures are listed in one `webhook-signature` header anyway.
 */
export function readHeader(headers: HeaderSource, name: string): string | undefined {
  if (isHeaderReader(headers)) return headers.get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === "string" ? value : value.join(" ");
  }
  return undefined;
}
