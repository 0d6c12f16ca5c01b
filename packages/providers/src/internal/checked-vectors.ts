import { ProviderUnavailableError } from "../provider-errors.js";

/**
 * The vectors of an embeddings answer, refused when the vendor did not answer one vector per
 * input (a caller pairs them by position, so a short answer would mislabel every vector).
 */
export function checkedVectors(
  vectors: (number[] | undefined)[],
  inputCount: number,
  vendorName: string,
): number[][] {
  const complete = vectors.filter((vector): vector is number[] => Array.isArray(vector));
  if (complete.length !== inputCount) {
    throw new ProviderUnavailableError(vendorName, undefined, {
      detail: `${vendorName} answered ${complete.length} embeddings for ${inputCount} inputs`,
    });
  }
  return complete;
}
