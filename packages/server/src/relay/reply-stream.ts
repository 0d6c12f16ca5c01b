import type { GenerationEvent } from "./generation-log.js";

// How a reply's events are kept in Redis, for the log that writes them and the readers.

/** The Redis keys and channels of one deployment (`prefix`) and one reply. */
export function replyKeys(prefix: string, id: string) {
  return {
    /** A stream of the reply's events, entry ids `0-<event id>`. */
    events: `${prefix}:reply:${id}:events`,
    /** The id of the instance running the reply; gone once it finished. */
    instance: `${prefix}:reply:${id}:instance`,
    /** Where each event is published as it is appended. */
    channel: `${prefix}:reply:${id}`,
  };
}

/** A stream entry as ioredis returns it: its id and its fields, name then value. */
export type StreamEntry = [id: string, fields: string[]];

/** The event a stream entry holds. */
export const toEvent = ([entryId, fields]: StreamEntry): GenerationEvent => ({
  id: Number(entryId.split("-")[1]),
  event: fields[1]!,
  data: JSON.parse(fields[3]!) as unknown,
});
