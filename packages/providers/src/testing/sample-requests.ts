import {
  protocolMessageSchema,
  type ProtocolMessageInput,
  type ToolDefinition,
} from "@parlor/protocol";
import type { ModelRequest } from "../model-provider.js";

/** A protocol message with every wire default applied. */
export function message(input: ProtocolMessageInput) {
  return protocolMessageSchema.parse(input);
}

/** A request for `model` with the given messages (by default one user question). */
export function sampleRequest(model: string, overrides: Partial<ModelRequest> = {}): ModelRequest {
  return { model, query: [message({ role: "user", content: "Hi there" })], ...overrides };
}

/** A weather tool, the usual example of a function a model may call. */
export const weatherTool: ToolDefinition = {
  type: "function",
  function: {
    name: "get_weather",
    description: "Current weather of a city",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};
