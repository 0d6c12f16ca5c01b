import { createSseDecoder, MAX_EVENT_CHARACTERS } from "@parlor/protocol";
import type { OutboundResponse } from "../outbound/index.js";
import type { BotReplyStream } from "./bot-runner.js";
import { jsonReplyMessages } from "./json-reply.js";
import { withoutLoneSurrogates } from "./replace-lone-surrogates.js";

/**
 * Reads a bot's `text/event-stream` body: bytes from the socket go through the SSE decoder to
 * the sink in the same call, one synchronous path per chunk. An event past the decoder's size
 * cap fails the reply with the decoder's error and closes the connection.
 */
export function readSseReply(response: OutboundResponse): BotReplyStream["read"] {
  return (sink) => {
    const text = new TextDecoder();
    const decoder = createSseDecoder(
      { onMessage: (message) => sink.message(withoutLoneSurrogates(message)) },
      { maxEventSize: MAX_EVENT_CHARACTERS },
    );
    // Set once the sink has heard the outcome; the body reader may still report its own.
    let over = false;
    const overflow = (error: unknown) => {
      over = true;
      sink.fail(error);
      response.cancel();
    };
    return response.read({
      chunk(chunk) {
        if (over) return;
        try {
          decoder.feed(text.decode(chunk, { stream: true }));
        } catch (error) {
          overflow(error);
        }
      },
      end() {
        if (over) return;
        try {
          decoder.feed(text.decode());
          decoder.end();
        } catch (error) {
          return overflow(error);
        }
        sink.end();
      },
      fail(error) {
        if (!over) sink.fail(error);
      },
    });
  };
}

/** Reads a bot's one-document JSON reply as the messages a stream would have carried. */
export function readJsonReply(response: OutboundResponse): BotReplyStream["read"] {
  return (sink) => {
    let stopped = false;
    response.text().then(
      (body) => {
        for (const message of jsonReplyMessages(body)) {
          if (stopped) return;
          sink.message(withoutLoneSurrogates(message));
        }
        if (!stopped) sink.end();
      },
      (error: unknown) => {
        if (!stopped) sink.fail(error);
      },
    );
    return () => {
      stopped = true;
    };
  };
}
