import { z } from "zod";

/** A vendor as the environment configures it; each part may also be set by an admin. */
export interface VendorEnvConfig {
  /** Never logged. */
  apiKey: string | undefined;
  baseUrl: string | undefined;
}

/** An OpenAI-compatible server (vLLM, llama.cpp, OpenRouter, Groq…) named in the environment. */
export interface CompatibleServerConfig {
  name: string;
  baseUrl: string;
  /** Never logged. */
  apiKey: string | undefined;
}

/** Model vendors and servers the environment configures. */
export interface ModelsConfig {
  openai: VendorEnvConfig;
  anthropic: VendorEnvConfig;
  gemini: VendorEnvConfig;
  /**
   * Where a local Ollama is looked for (its OpenAI-compatible `/v1`); `explicit` when
   * `OLLAMA_HOST` named it. Undefined: `OLLAMA_HOST=off`, no lookup.
   */
  ollama: { baseUrl: string; explicit: boolean } | undefined;
  compatibleServers: CompatibleServerConfig[];
}

/** Ollama's own default address. */
export const OLLAMA_DEFAULT_HOST = "http://127.0.0.1:11434";

/** Names the three vendors use as provider ids; a compatible server may not take them. */
export const VENDOR_IDS = ["openai", "anthropic", "gemini"] as const;

/** A provider name: shown to people and used as its id; letters, digits, space, `.`, `_`, `-`. */
export const providerNameSchema = z
  .string()
  .trim()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,39}$/,
    "must be 1–40 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit",
  )
  .refine(
    (name) => !(VENDOR_IDS as readonly string[]).includes(name.toLowerCase()),
    "is a built-in vendor's name",
  );

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });

const compatibleServersSchema = z.array(
  z.strictObject({
    name: providerNameSchema,
    base_url: httpUrl,
    api_key: z.string().min(1).optional(),
  }),
);

/** `PARLOR_OPENAI_COMPATIBLE_SERVERS`: a JSON list of `{name, base_url, api_key?}`. */
const compatibleServersVariable = z
  .string()
  .default("[]")
  .transform((text, context) => {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      context.addIssue({ code: "custom", message: "must be a JSON list" });
      return z.NEVER;
    }
    const parsed = compatibleServersSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      context.addIssue({ code: "custom", message: `${issue.path.join(".")}: ${issue.message}` });
      return z.NEVER;
    }
    return parsed.data;
  });

/** The environment variables of model providers, merged into the config schema. */
export const modelsEnvironment = {
  OPENAI_API_KEY: z.string().min(1).optional(),
  OPENAI_BASE_URL: httpUrl.optional(),
  ANTHROPIC_API_KEY: z.string().min(1).optional(),
  ANTHROPIC_BASE_URL: httpUrl.optional(),
  GEMINI_API_KEY: z.string().min(1).optional(),
  GEMINI_BASE_URL: httpUrl.optional(),
  /** `host:port` or a URL, as Ollama reads it; `off` stops the lookup. */
  OLLAMA_HOST: z.string().trim().min(1).optional(),
  PARLOR_OPENAI_COMPATIBLE_SERVERS: compatibleServersVariable,
};

type ModelsEnvironment = z.infer<z.ZodObject<typeof modelsEnvironment>>;

/** `OLLAMA_HOST` as a URL with a port (Ollama's defaults filled in), or undefined for off. */
function ollamaBaseUrl(value: string | undefined): ModelsConfig["ollama"] {
  if (value === undefined) return { baseUrl: `${OLLAMA_DEFAULT_HOST}/v1`, explicit: false };
  if (["off", "false", "0", "none"].includes(value.toLowerCase())) return undefined;
  const url = new URL(/^https?:\/\//i.test(value) ? value : `http://${value}`);
  if (url.port === "" && url.protocol === "http:") url.port = "11434";
  return { baseUrl: `${url.origin}/v1`, explicit: true };
}

/** The models part of the config. */
export function modelsConfig(values: ModelsEnvironment): ModelsConfig {
  return {
    openai: { apiKey: values.OPENAI_API_KEY, baseUrl: values.OPENAI_BASE_URL },
    anthropic: { apiKey: values.ANTHROPIC_API_KEY, baseUrl: values.ANTHROPIC_BASE_URL },
    gemini: { apiKey: values.GEMINI_API_KEY, baseUrl: values.GEMINI_BASE_URL },
    ollama: ollamaBaseUrl(values.OLLAMA_HOST),
    compatibleServers: values.PARLOR_OPENAI_COMPATIBLE_SERVERS.map((server) => ({
      name: server.name,
      baseUrl: server.base_url,
      apiKey: server.api_key,
    })),
  };
}
