/** Calling bots and the platform's APIs from a bot or a script (fastapi_poe's client). */
export {
  DEFAULT_BOT_BASE_URL,
  DEFAULT_UPLOAD_BASE_URL,
  type ClientOptions,
  type ErrorHandler,
} from "./client-options.js";
export type {
  PartialResponse,
  PartialResponseAttachment,
  PartialResponseMeta,
} from "./partial-response.js";
export { streamRequest, type StreamRequestOptions } from "./stream-request.js";
export type { QueryOptions } from "./stream-request-base.js";
export { getBotResponse, type GetBotResponseOptions } from "./get-bot-response.js";
export { getFinalResponse } from "./get-final-response.js";
export { aggregateToolCallDeltas } from "./aggregate-tool-call-deltas.js";
export { runToolCalls, type ToolExecutable, type ToolExecutables } from "./run-tool-calls.js";
export { runToolLoop, type RunToolLoopOptions } from "./run-tool-loop.js";
export { syncBotSettings, type SyncBotSettingsOptions } from "./sync-bot-settings.js";
export { uploadFile, type UploadFileOptions, type UploadedFile } from "./upload-file.js";
export { authorizeCost, captureCost, type CostRequestOptions } from "./cost-requests.js";
