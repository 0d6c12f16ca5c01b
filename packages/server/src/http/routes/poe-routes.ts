import { MAX_FILE_BYTES } from "@parlor/protocol";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { handleBotQuery } from "../../poe-api/handle-bot-query.js";
import { handleCostRequest } from "../../poe-api/cost-requests.js";
import { handleFileUpload } from "../../poe-api/files/handle-file-upload.js";
import { fileTooLarge } from "../../poe-api/files/upload-errors.js";
import { handleFetchSettings, handleUpdateSettings } from "../../poe-api/settings-sync.js";
import type { AppEnv } from "../app-env.js";

// A multipart body is a little larger than the file it carries (app.ts exempts this route
// from its JSON body limit).
const MAX_UPLOAD_BODY_BYTES = MAX_FILE_BYTES + 1024 * 1024;

/**
 * Poe's platform API for bots and scripts, at the paths fastapi_poe uses under its base URL
 * (`http://<host>/bot/`): the bot query API, settings sync, file upload and costs.
 */
export const poeRoutes = new Hono<AppEnv>()
  .post(
    "/file_upload_3RD_PARTY_POST",
    bodyLimit({
      maxSize: MAX_UPLOAD_BODY_BYTES,
      onError: () => {
        throw fileTooLarge();
      },
    }),
    handleFileUpload,
  )
  .post("/fetch_settings/:name/:key/:version?", handleFetchSettings)
  .post("/update_settings/:name/:key/:version?", handleUpdateSettings)
  .post("/cost/:botQueryId/authorize", (context) => handleCostRequest(context, "authorize"))
  .post("/cost/:botQueryId/capture", (context) => handleCostRequest(context, "capture"))
  .post("/:name", handleBotQuery);
