/** Model ids that are not chat models: they never become bots. */
const NOT_CHAT =
  /(embed|tts|whisper|dall-e|davinci|babbage|moderation|transcribe|realtime|audio|image|search|computer-use|sora|rerank|guard)/i;

/** Whether a model id names an embedding model (kept for `/v1/embeddings`, not a bot). */
export function isEmbeddingModel(id: string): boolean {
  return /embed/i.test(id);
}

/** Whether a model id names a chat model that can be a bot. */
export function isChatModel(id: string): boolean {
  return !NOT_CHAT.test(id);
}

/** A dated snapshot (`gpt-4o-2024-08-06`, `gpt-4-0613`, `claude-…-20250514`): its alias is the bot. */
export function isDatedSnapshot(id: string): boolean {
  return /-(\d{4}-\d{2}-\d{2}|\d{8}|\d{4})$/.test(id);
}

/** Words spelled their own way in names. */
const SPELLINGS: Record<string, string> = { gpt: "GPT", ai: "AI", vl: "VL", it: "IT", moe: "MoE" };

function nameSegment(segment: string): string {
  const lower = segment.toLowerCase();
  if (SPELLINGS[lower]) return SPELLINGS[lower];
  // `o3`, `4o`: OpenAI's own spelling. Sizes (`8b`, `70b`, `128k`) in capitals.
  if (/^o\d/.test(lower) || /^\d+o$/.test(lower)) return lower;
  if (/^\d+(\.\d+)?[bkm]$/.test(lower)) return lower.toUpperCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/**
 * A bot name from a vendor model id: `llama3.1:8b` → `Llama-3.1-8B`,
 * `meta-llama/llama-3.1-70b-instruct` → `Llama-3.1-70B-Instruct`, `claude-opus-4-1-20250805` →
 * `Claude-Opus-4-1`. Only `[A-Za-z0-9._-]` remain, so the name is also a handle.
 */
export function modelBotName(id: string): string {
  const base = (id.split("/").at(-1) ?? id)
    .replace(/:latest$/i, "")
    .replace(/-(\d{4}-\d{2}-\d{2}|\d{8})$/, "")
    .replace(/([a-z]{3,})(\d)/gi, "$1-$2")
    .replace(/[^A-Za-z0-9.-]+/g, "-");
  const name = base.split("-").filter(Boolean).map(nameSegment).join("-").slice(0, 50);
  return /^[A-Za-z0-9]/.test(name) ? name : `Model-${name}`.slice(0, 50);
}

/** A guess, from its id, whether an unlisted model reads images. */
export function guessAcceptsImages(kind: string, id: string): boolean {
  if (kind === "gemini") return true;
  if (kind === "anthropic") return /claude-(3|sonnet|opus|haiku)/i.test(id);
  if (kind === "openai") return /^(gpt-4o|gpt-4\.1|gpt-5|o1(?!-mini)|o3(?!-mini)|o4)/i.test(id);
  return /(vision|llava|-vl|vl-|pixtral|gemma-?3|minicpm-v|moondream|llama-?4)/i.test(id);
}
