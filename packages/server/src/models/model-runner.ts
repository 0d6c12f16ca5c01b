import type { BotEvent, QueryRequest, SettingsResponse } from "@parlor/protocol";
import {
  ProviderError,
  toBotEvents,
  type ModelProvider,
  type ProviderEvent,
} from "@parlor/providers";
import type { BotReplyStream, BotRunner, ReplySink, ReplyUsage } from "../relay/bot-runner.js";
import type { BotRow } from "../store/bots-store.js";
import type { ImageInliner } from "./inline-images.js";
import { toModelRequest } from "./to-model-request.js";

/** The provider a model bot calls, or the sentence that says why there is none. */
export type ProviderLookup = { provider: ModelProvider } | { unavailable: string };

/** What the model runner needs from the models service. */
export interface ModelRunnerDeps {
  providerFor(providerId: string): ProviderLookup;
  /** The vendor refused the platform's key: the admin must hear of it. */
  onAuthFailure(providerId: string, error: ProviderError): void;
  inlineImages: ImageInliner;
}

/** What users read when the vendor refuses the key: only an admin can fix it. */
function keyRefused(vendorName: string): string {
  return `${vendorName} refused this Parlor's API key. An admin must fix the key in Admin → Models.`;
}

/** Reports a refused key, and words it for the user, as the stream passes. */
async function* watchAuth(
  events: AsyncIterable<ProviderEvent>,
  provider: ModelProvider,
  onAuthFailure: ModelRunnerDeps["onAuthFailure"],
): AsyncGenerator<ProviderEvent> {
  try {
    yield* events;
  } catch (error) {
    if (!(error instanceof ProviderError) || error.code !== "provider_auth") throw error;
    onAuthFailure(provider.id, error);
    throw new ProviderError("provider_auth", keyRefused(provider.vendorName), {
      isRetryable: false,
      ...(error.detail !== undefined && { detail: error.detail }),
    });
  }
}

const encode = (event: BotEvent) => ({ event: event.event, data: JSON.stringify(event.data) });

/**
 * Runs a model bot: the Poe query becomes a vendor request (images inlined when the model reads
 * them), the vendor's stream comes back as Poe events (`json` chunks when tools were asked),
 * stopping the reply aborts the vendor request, and `usage()` gives the vendor's token counts.
 */
export function createModelRunner(bot: BotRow, deps: ModelRunnerDeps): BotRunner {
  const providerId = bot.model_provider ?? "";
  const modelId = bot.model_id ?? "";
  const settings = JSON.parse(bot.settings_json ?? "{}") as SettingsResponse;
  const acceptsImages = settings.allow_attachments === true;
  return {
    async query(request: QueryRequest, signal: AbortSignal): Promise<BotReplyStream> {
      let usage: ReplyUsage | null = null;
      const lookup = deps.providerFor(providerId);
      const controller = new AbortController();
      const abort = () => controller.abort();
      signal.addEventListener("abort", abort, { once: true });
      async function* events(): AsyncGenerator<BotEvent> {
        if ("unavailable" in lookup) {
          yield { event: "error", data: { text: lookup.unavailable, allow_retry: false } };
          return;
        }
        const { provider } = lookup;
        const query = acceptsImages ? await deps.inlineImages(request.query) : request.query;
        const modelRequest = toModelRequest({ ...request, query }, modelId, acceptsImages);
        const stream = provider.stream(modelRequest, controller.signal);
        yield* toBotEvents(
          watchAuth(stream, provider, (id, error) => deps.onAuthFailure(id, error)),
          {
            toolsRequested: Boolean(request.tools?.length),
            onUsage: ({ input_tokens, output_tokens }) =>
              (usage = {
                inputTokens: input_tokens,
                outputTokens: output_tokens,
                provider: provider.id,
                model: modelId,
              }),
          },
        );
      }
      return {
        status: 200,
        format: "sse",
        read(sink: ReplySink) {
          let stopped = false;
          // `done` comes only once the vendor stream is spent; stopping after it has nothing to
          // abort, and an abort costs a DOMException and the SDK's abort listeners per reply.
          let vendorSpent = false;
          void (async () => {
            try {
              for await (const event of events()) {
                if (stopped) return;
                if (event.event === "done") vendorSpent = true;
                sink.message(encode(event));
              }
              if (!stopped) sink.end();
            } catch (error) {
              if (!stopped) sink.fail(error);
            } finally {
              signal.removeEventListener("abort", abort);
            }
          })();
          return () => {
            stopped = true;
            if (!vendorSpent) controller.abort();
          };
        },
        usage: () => usage,
      };
    },
    settings: () => Promise.resolve(settings),
    // Feedback and reactions are the platform's to keep; a vendor model has nowhere to take them.
    report: () => Promise.resolve(),
  };
}
