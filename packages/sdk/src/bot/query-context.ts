import type { FileEventData } from "@parlor/protocol";

/** Read access to request headers; a `Headers` object satisfies it. */
export interface HeaderReader {
  /** The header's value, or null; names are case-insensitive. */
  get(name: string): string | null;
}

/** What a handler can see of the HTTP request it answers (fastapi_poe's RequestContext). */
export interface RequestContext {
  /** The request's path and query string. */
  url: string;
  headers: HeaderReader;
}

/** The context of a query: the request, a cancellation signal and file attachments. */
export interface QueryContext extends RequestContext {
  /** Aborted when the caller disconnects or the reply ends; pass it to your own calls. */
  signal: AbortSignal;
  /**
   * Queues a `file` event for an already-uploaded file. Queued files are sent before the next
   * event, so Markdown that refers to the file's `inline_ref` always follows it. A function
   * property, so it may be destructured from the context.
   */
  attachFile: (file: FileEventData) => void;
}
