import type { ModelProvider } from "@parlor/providers";

/** Where an embedding model is served: its provider and the vendor's model id. */
export interface EmbeddingTarget {
  provider: ModelProvider;
  model: string;
}

/**
 * How `/v1/embeddings` finds the model a request names: the platform's model catalogue
 * (`platform.models`) answers this; null for a model no configured provider embeds with.
 */
export interface EmbeddingTargets {
  embeddingTarget(model: string): Promise<EmbeddingTarget | null>;
}
