import type { ProviderEvent } from "../model-provider.js";
import { ProviderError } from "../provider-errors.js";

/** What a provider's stream produced: its events, and the error that ended it, if any. */
export interface CollectedAnswer {
  events: ProviderEvent[];
  /** The concatenated `text` events. */
  text: string;
  error: ProviderError | undefined;
}

/** Reads a provider stream to its end; a `ProviderError` is captured, anything else thrown. */
export async function collectEvents(
  stream: AsyncIterable<ProviderEvent>,
): Promise<CollectedAnswer> {
  const events: ProviderEvent[] = [];
  let error: ProviderError | undefined;
  try {
    for await (const event of stream) events.push(event);
  } catch (caught) {
    if (!(caught instanceof ProviderError)) throw caught;
    error = caught;
  }
  const text = events.map((event) => (event.event === "text" ? event.data.text : "")).join("");
  return { events, text, error };
}
