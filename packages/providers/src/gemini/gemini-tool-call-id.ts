import { randomUUID } from "node:crypto";

// Gemini gives calls no id but may give a `thoughtSignature` it wants back with the call on the
// next turn; Poe callers echo tool-call ids verbatim, so the signature travels inside the id.
const SEPARATOR = "~";

/** A fresh tool-call id carrying the call's thought signature, when there is one. */
export function encodeGeminiToolCallId(thoughtSignature: string | undefined): string {
  const id = `call_${randomUUID().replaceAll("-", "")}`;
  return thoughtSignature ? `${id}${SEPARATOR}${thoughtSignature}` : id;
}

/** The thought signature inside an id made by `encodeGeminiToolCallId`, if any. */
export function thoughtSignatureOf(toolCallId: string): string | undefined {
  const at = toolCallId.indexOf(SEPARATOR);
  return at === -1 ? undefined : toolCallId.slice(at + 1);
}
