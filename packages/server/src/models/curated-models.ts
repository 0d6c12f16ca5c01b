/** A model the platform offers as a bot with a hand-written name and description. */
export interface CuratedModel {
  /** The vendor's model id the bot calls. */
  id: string;
  /** Display name and (lowercased) handle. */
  name: string;
  description: string;
  acceptsImages: boolean;
}

/**
 * The chat models a vendor key gets as bots even before (or without) discovery, so a fresh key
 * gives sensible bots. When the vendor's model list is read, those it does not serve to the key
 * are left out, and its other chat models join with generated names.
 */
export const CURATED_MODELS: Readonly<Record<"openai" | "anthropic" | "gemini", CuratedModel[]>> = {
  openai: [
    {
      id: "gpt-4o",
      name: "GPT-4o",
      description: "OpenAI's fast multimodal flagship: text and images in, text out.",
      acceptsImages: true,
    },
    {
      id: "gpt-4o-mini",
      name: "GPT-4o-Mini",
      description: "A small, fast and inexpensive GPT-4o for everyday tasks. Reads images.",
      acceptsImages: true,
    },
    {
      id: "gpt-4.1",
      name: "GPT-4.1",
      description:
        "OpenAI's model for coding and following long instructions, with a 1M-token context.",
      acceptsImages: true,
    },
    {
      id: "gpt-4.1-mini",
      name: "GPT-4.1-Mini",
      description: "A smaller, cheaper GPT-4.1 with the same long context.",
      acceptsImages: true,
    },
    {
      id: "o3",
      name: "o3",
      description:
        "OpenAI's reasoning model: thinks before it answers, for math, code and science.",
      acceptsImages: true,
    },
    {
      id: "o4-mini",
      name: "o4-mini",
      description: "A fast, affordable OpenAI reasoning model. Reads images.",
      acceptsImages: true,
    },
  ],
  anthropic: [
    {
      id: "claude-sonnet-4-20250514",
      name: "Claude-Sonnet-4",
      description:
        "Anthropic's balanced model: strong at writing, analysis and code. Reads images.",
      acceptsImages: true,
    },
    {
      id: "claude-opus-4-20250514",
      name: "Claude-Opus-4",
      description: "Anthropic's most capable model, for complex and long tasks. Reads images.",
      acceptsImages: true,
    },
    {
      id: "claude-3-5-haiku-20241022",
      name: "Claude-Haiku-3.5",
      description: "Anthropic's fastest model, for quick answers.",
      acceptsImages: true,
    },
  ],
  gemini: [
    {
      id: "gemini-2.5-flash",
      name: "Gemini-2.5-Flash",
      description: "Google's fast thinking model with a 1M-token context. Reads images.",
      acceptsImages: true,
    },
    {
      id: "gemini-2.5-pro",
      name: "Gemini-2.5-Pro",
      description: "Google's most capable Gemini, for reasoning over long documents and code.",
      acceptsImages: true,
    },
    {
      id: "gemini-2.5-flash-lite",
      name: "Gemini-2.5-Flash-Lite",
      description: "The fastest, cheapest Gemini 2.5.",
      acceptsImages: true,
    },
  ],
};
