import { BOT_EVENT_NAMES, type BotEvent, type BotEventName } from "../events/bot-event.js";
import type { SseMessage } from "../sse/sse-decoder.js";

/** Why an SSE message is not a valid protocol event, with the report the bot should get. */
export interface EventDataProblem {
  kind: "invalid_json" | "not_an_object" | "invalid_field" | "unknown_event";
  /** The `report_error` message, worded as Poe's reference client words it. */
  report: string;
  metadata: Record<string, unknown>;
}

/** The outcome of reading one SSE message as a protocol event. */
export type ParsedEventData =
  { ok: true; event: BotEvent } | { ok: false; problem: EventDataProblem };

type JsonObject = Record<string, unknown>;

/** Truncates untrusted text before it goes into a report, as the reference client does. */
function ellipsis(value: string, limit: number): string {
  return value.length > limit ? `${value.slice(0, limit - 3)}...` : value;
}

function problem(
  kind: EventDataProblem["kind"],
  report: string,
  metadata: JsonObject,
): ParsedEventData {
  return { ok: false, problem: { kind, report, metadata } };
}

/** Keeps `index` only when it is an integer; anything else is dropped, not an error. */
function withIndex<T extends object>(data: T, source: JsonObject): T & { index?: number } {
  const index = source.index;
  return Number.isInteger(index) ? { ...data, index: index as number } : data;
}

function stringField(
  name: string,
  field: string,
  data: JsonObject,
): { ok: true; value: string } | { ok: false; result: ParsedEventData } {
  const value = data[field];
  if (typeof value === "string") return { ok: true, value };
  return {
    ok: false,
    result: problem("invalid_field", `Expected string in '${field}' field for '${name}' event`, {
      data,
    }),
  };
}

function parseMeta(data: JsonObject): ParsedEventData {
  for (const field of ["linkify", "suggested_replies", "refetch_settings"] as const) {
    if (field in data && typeof data[field] !== "boolean") {
      return problem("invalid_field", `Invalid ${field} value in 'meta' event`, {
        [field]: data[field],
      });
    }
  }
  if ("content_type" in data && typeof data.content_type !== "string") {
    return problem("invalid_field", "Invalid content_type value in 'meta' event", {
      content_type: data.content_type,
    });
  }
  const meta: BotEvent & { event: "meta" } = { event: "meta", data: {} };
  if (typeof data.content_type === "string") meta.data.content_type = data.content_type;
  if (typeof data.suggested_replies === "boolean")
    meta.data.suggested_replies = data.suggested_replies;
  if (typeof data.refetch_settings === "boolean")
    meta.data.refetch_settings = data.refetch_settings;
  if (typeof data.linkify === "boolean") meta.data.linkify = data.linkify;
  return { ok: true, event: meta };
}

function parseFile(data: JsonObject): ParsedEventData {
  const fields: Record<string, string> = {};
  for (const field of ["url", "content_type", "name"]) {
    const read = stringField("file", field, data);
    if (!read.ok) return read.result;
    fields[field] = read.value;
  }
  const inlineRef = data.inline_ref;
  if (inlineRef !== undefined && inlineRef !== null && typeof inlineRef !== "string") {
    return problem("invalid_field", "Expected string in 'inline_ref' field for 'file' event", {
      data,
    });
  }
  const file = {
    url: fields.url!,
    content_type: fields.content_type!,
    name: fields.name!,
    inline_ref: inlineRef ?? null,
  };
  return { ok: true, event: { event: "file", data: withIndex(file, data) } };
}

function parseError(data: JsonObject): ParsedEventData {
  // Python truthiness, as in the reference client: only a present, falsy value forbids retry.
  const allowRetry = "allow_retry" in data ? Boolean(data.allow_retry) : true;
  const error: BotEvent & { event: "error" } = {
    event: "error",
    data: { allow_retry: allowRetry },
  };
  if (typeof data.text === "string") error.data.text = data.text;
  if (typeof data.error_type === "string") error.data.error_type = data.error_type;
  if (typeof data.raw_response === "string") error.data.raw_response = data.raw_response;
  return { ok: true, event: error };
}

function parseObject(name: BotEventName, data: JsonObject): ParsedEventData {
  switch (name) {
    case "meta":
      return parseMeta(data);
    case "text":
    case "replace_response":
    case "suggested_reply": {
      const text = stringField(name, "text", data);
      if (!text.ok) return text.result;
      return { ok: true, event: { event: name, data: withIndex({ text: text.value }, data) } };
    }
    case "file":
      return parseFile(data);
    case "data": {
      const metadata = stringField(name, "metadata", data);
      if (!metadata.ok) return metadata.result;
      return {
        ok: true,
        event: { event: "data", data: withIndex({ metadata: metadata.value }, data) },
      };
    }
    case "json":
      return { ok: true, event: { event: "json", data } };
    case "error":
      return parseError(data);
    case "done":
      return { ok: true, event: { event: "done", data: {} } };
  }
}

const KNOWN_EVENTS: ReadonlySet<string> = new Set(BOT_EVENT_NAMES);

function isKnownEvent(name: string): name is BotEventName {
  return KNOWN_EVENTS.has(name);
}

/**
 * Reads one SSE message as a protocol event: the data must be a JSON object with the fields
 * the event requires, of the right types. Extra fields are ignored.
 */
export function parseEventData(message: SseMessage): ParsedEventData {
  const name = message.event;
  if (!isKnownEvent(name)) {
    return problem("unknown_event", `Unknown event type: ${ellipsis(name, 100)}`, {
      event_data: ellipsis(message.data, 500),
    });
  }
  let data: unknown;
  try {
    data = JSON.parse(message.data);
  } catch {
    return problem("invalid_json", `Invalid JSON in '${name}' event`, { data: message.data });
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    return problem("not_an_object", `Expected JSON dict in '${name}' event`, {
      data: message.data,
    });
  }
  return parseObject(name, data as JsonObject);
}
