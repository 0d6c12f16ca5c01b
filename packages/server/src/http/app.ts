import { Hono, type Context } from "hono";
import { MAX_FILE_BYTES } from "@parlor/protocol";
import { developmentSwitches } from "../config/development-switches.js";
import { avatarTooLarge, MAX_AVATAR_BYTES } from "../bots/bot-avatars.js";
import { v1Cors } from "../openai-api/cors/v1-cors.js";
import { isOpenAIPath, openaiErrorResponse } from "../openai-api/openai-error.js";
import type { Platform } from "../platform.js";
import type { AppEnv } from "./app-env.js";
import { authenticate } from "./authenticate.js";
import { limitBody } from "./body-limit.js";
import { noSuchRoute } from "./no-such-route.js";
import { openApiDocument } from "./openapi/openapi-document.js";
import { errorResponse } from "./error-response.js";
import { accountRoutes } from "./routes/account-routes.js";
import { adminRoutes } from "./routes/admin-routes.js";
import { authRoutes } from "./routes/auth-routes.js";
import { botCallRoutes } from "./routes/bot-call-routes.js";
import { botRoutes } from "./routes/bot-routes.js";
import { conversationRoutes } from "./routes/conversation-routes.js";
import { handleCspReport } from "./routes/csp-report-route.js";
import { fileRoutes } from "./routes/file-routes.js";
import { imageProxyRoutes } from "./routes/image-proxy-routes.js";
import { keyRoutes } from "./routes/key-routes.js";
import { messageRoutes } from "./routes/message-routes.js";
import { oidcRoutes } from "./routes/oidc-routes.js";
import { uploadRoutes } from "./routes/upload-routes.js";
import { userRoutes } from "./routes/user-routes.js";
import { openaiRoutes } from "./routes/openai-routes.js";
import { poeRoutes } from "./routes/poe-routes.js";
import { webAppRoutes } from "./web-app.js";

/** The largest JSON body any route takes; uploads have their own, larger cap. */
const MAX_JSON_BODY_BYTES = 4 * 1024 * 1024;

function isUpload(path: string): boolean {
  return path === "/bot/file_upload_3RD_PARTY_POST" || path === "/api/files";
}

/** Where browsers post CSP violations; reports are small. */
const CSP_REPORT_PATH = "/api/csp-report";

/** `POST /api/bots/<handle>/avatar` and `/api/account/avatar`: an image of at most 2 MB. */
const AVATAR_PATH = /^\/api\/(bots\/[^/]+|account)\/avatar$/;

/** The platform's HTTP API as a Hono app; `app.request()` tests it without sockets. */
export function createApp(platform: Platform) {
  const app = new Hono<AppEnv>();
  // The one place errors become responses: OpenAI's shape under /v1, the platform's elsewhere.
  const failWith = (context: Context<AppEnv>, error: unknown) =>
    (isOpenAIPath(context.req.path) ? openaiErrorResponse : errorResponse)(
      context,
      error,
      (failure) =>
        platform.logger.error({ err: failure, path: context.req.path }, "request failed"),
    );
  app.onError((error, context) => failWith(context, error));
  app.notFound((context) => failWith(context, noSuchRoute(context)));
  app.use(async (context, next) => {
    context.set("platform", platform);
    await next();
    platform.metrics.increment("parlor_http_requests_total", {
      method: context.req.method,
      status: String(context.res.status),
    });
  });
  // Before the body cap and the routes: preflights are answered here, and every /v1 answer
  // (a 413 or 404 included) gets its CORS headers.
  app.use("/v1/*", v1Cors);
  const jsonBodyLimit = limitBody(MAX_JSON_BODY_BYTES, "The request body is too large");
  // File uploads carry their own, larger cap (50 MB); every other route takes small JSON.
  // The file plus room for the multipart framing and form fields.
  const uploadBodyLimit = limitBody(MAX_FILE_BYTES + 1024 * 1024, "Files may be at most 50 MB");
  // An avatar's own cap (plus its form framing), so the 413 says what the limit is.
  const avatarBodyLimit = limitBody(MAX_AVATAR_BYTES + 64 * 1024, avatarTooLarge().message);
  const cspReportBodyLimit = limitBody(64 * 1024, "CSP reports may be at most 64 KiB");
  app.use((context, next) => {
    const path = context.req.path;
    if (isUpload(path)) return uploadBodyLimit(context, next);
    if (path === CSP_REPORT_PATH) return cspReportBodyLimit(context, next);
    if (AVATAR_PATH.test(path)) return avatarBodyLimit(context, next);
    return jsonBodyLimit(context, next);
  });

  // Development switches are public here on purpose: whoever probes the platform should see them.
  app.get("/healthz", (context) =>
    context.json({
      ok: true,
      schema_version: platform.schemaVersion,
      development_switches: developmentSwitches(platform.config),
    }),
  );
  // Readiness for a load balancer: fails from the moment the instance starts draining.
  app.get("/readyz", (context) =>
    platform.drain.draining
      ? context.json({ ok: false, draining: true }, 503)
      : context.json({ ok: true }),
  );
  app.get("/metrics", (context) =>
    context.text(platform.metrics.render(), 200, { "content-type": "text/plain; version=0.0.4" }),
  );
  app.get("/api/openapi.json", (context) => context.json(openApiDocument));

  // Before the API's authentication: browsers send reports without credentials, cross-context.
  app.post(CSP_REPORT_PATH, handleCspReport);

  const api = new Hono<AppEnv>();
  api.use(authenticate);
  api.route("/auth", authRoutes);
  api.route("/auth", oidcRoutes);
  api.route("/account", accountRoutes);
  api.route("/users", userRoutes);
  api.route("/keys", keyRoutes);
  api.route("/bots", botRoutes);
  api.route("/bots", botCallRoutes);
  api.route("/conversations", conversationRoutes);
  api.route("/messages", messageRoutes);
  api.route("/files", uploadRoutes);
  api.route("/admin", adminRoutes);
  api.route("/image-proxy", imageProxyRoutes);
  app.route("/api", api);
  app.route("/bot", poeRoutes);
  app.route("/v1", openaiRoutes);
  app.route("/files", fileRoutes);
  // Last: every other GET is a page of the web app (client routes fall back to index.html).
  app.route("/", webAppRoutes(platform.config.webDir));
  return app;
}

/** The platform's HTTP app. */
export type App = ReturnType<typeof createApp>;
