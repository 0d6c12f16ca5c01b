import { createDrain } from "./relay/drain.js";
import type { Logger } from "pino";
import { createAdminService } from "./admin/admin-service.js";
import { createAccountProfiles } from "./auth/account-profile.js";
import { createAccounts } from "./auth/accounts.js";
import { createOidcLogin } from "./auth/oidc/oidc-login.js";
import { ssoAdmission } from "./auth/oidc/sso-admission.js";
import { createInvites } from "./auth/invites.js";
import { createLoginThrottle } from "./auth/login-throttle.js";
import { createSignupPolicy } from "./auth/signup-policy.js";
import { createSignups } from "./auth/signups.js";
import { createClientAddressFinder } from "./http/client-address.js";
import { createPasswordChanges } from "./auth/change-password.js";
import { createAccountDeletion } from "./auth/delete-account.js";
import { createSecretBox } from "./auth/secret-box.js";
import { createBotAvatars } from "./bots/bot-avatars.js";
import { createBotRegistry } from "./bots/bot-registry.js";
import { createBotsService } from "./bots/bots-service.js";
import { BUILTIN_BOTS } from "./bots/builtin-bots.js";
import { createChatService } from "./chat/chat-service.js";
import { createAttachmentLoader } from "./chat/load-attachments.js";
import { createFeedbackService } from "./chat/feedback-service.js";
import type { Config } from "./config/config.js";
import { createCspReports } from "./csp/csp-reports.js";
import { createLogger } from "./logger.js";
import { createCluster } from "./cluster/cluster.js";
import { startSharedReplies } from "./cluster/shared-replies.js";
import { createMemoryRateLimiter, type RateLimiter } from "./limits/rate-limiter.js";
import { createRedisRateLimiter } from "./limits/redis-rate-limiter.js";
import { createMetrics } from "./metrics.js";
import { createFileUrlRenewer } from "./poe-api/files/file-url-renewer.js";
import { signedFileUrl } from "./poe-api/files/signed-file-url.js";

/** How long the URL of a user's attachment works for the bot that receives it. */
const ATTACHMENT_URL_LIFETIME_MS = 10 * 60 * 1000;
import { createOutboundClient, type HostnameResolver } from "./outbound/index.js";
import { createCallLog } from "./relay/call-log.js";
import type { GenerationDeps } from "./relay/run-generation.js";
import { createMemoryGenerationLog, type GenerationLog } from "./relay/generation-log.js";
import { createLiveCalls } from "./relay/live-calls.js";
import { createLiveQueries } from "./relay/live-queries.js";
import { createRedisLiveQueries } from "./relay/redis-live-queries.js";
import type { EmbeddingTargets } from "./openai-api/embeddings/embedding-targets.js";
import { createCorsOrigins } from "./openai-api/cors/cors-origins.js";
import { migrateToLatest, openDatabase } from "./store/database.js";
import { createStore } from "./store/store.js";
import { createImageInliner } from "./models/inline-images.js";
import { createModelsService } from "./models/models-service.js";
import { createPromptBases } from "./prompt-bots/prompt-bases.js";
import { createPromptRunner } from "./prompt-bots/prompt-runner.js";
import { createModelsAdmin } from "./models/models-admin.js";
import type { ProviderOptions } from "./models/provider-entries.js";
import { createDailyLimits } from "./usage/daily-limits.js";
import { createPriceBook } from "./usage/price-book.js";

/** What tests and embedders may replace. */
export interface PlatformOverrides {
  logger?: Logger;
  clock?: () => number;
  generationLog?: GenerationLog;
  resolveHostname?: HostnameResolver;
  limits?: GenerationDeps["limits"];
  rateLimiter?: RateLimiter;
  /** How the login throttle waits (its backoff). */
  sleep?: (ms: number) => Promise<void>;
  /** Options every model provider gets (tests shorten the retry waits). */
  providerOptions?: ProviderOptions;
  /** Where `/v1/embeddings` finds embedding models; tests give their own. */
  embeddingTargets?: EmbeddingTargets;
}

/**
 * Builds every service from the configuration: the composition root. Nothing here is a
 * singleton, so tests build as many platforms as they like.
 */
export async function createPlatform(config: Config, overrides: PlatformOverrides = {}) {
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const clock = overrides.clock ?? Date.now;
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const schema = await migrateToLatest(database.db);
  const store = createStore(database.db);
  const secretBox = createSecretBox(config.secret);
  const outbound = createOutboundClient(
    {
      allowedHosts: config.allowedBotHosts,
      allowLoopback: config.allowLoopbackBots,
      allowedPorts: config.allowedBotPorts,
      requireHttps: config.environment === "production",
    },
    overrides.resolveHostname ? { resolve: overrides.resolveHostname } : {},
  );
  const registry = createBotRegistry({
    secretBox,
    outbound,
    builtins: BUILTIN_BOTS,
    modelRunnerFor: (bot) => models.runnerFor(bot),
    promptRunnerFor: (bot) => createPromptRunner(bot, { ...promptBases, clock }),
    // A built-in bot's own failures go to the platform's log, not to bare stderr.
    botLogger: (message, error) => logger.error({ err: error }, message),
  });
  const avatars = createBotAvatars({
    store,
    outbound,
    plainHttp: { allowedHosts: config.allowedBotHosts, allowLoopback: config.allowLoopbackBots },
    clock,
  });
  const models = createModelsService({
    config: config.models,
    store,
    secretBox,
    avatars,
    logger,
    clock,
    inlineImages: createImageInliner({
      store,
      dataDir: config.dataDir,
      secret: config.secret,
      clock,
    }),
    ...(overrides.providerOptions && { providerOptions: overrides.providerOptions }),
  });
  const bots = createBotsService({
    store,
    registry,
    secretBox,
    outbound,
    avatars,
    clock,
    onSettingsError: (bot, error) =>
      logger.warn({ bot: bot.handle, err: error }, "bot settings fetch failed"),
    isListed: (bot) => models.isListed(bot),
  });
  const accounts = createAccounts(store, clock);
  const admin = createAdminService({ store, clock });
  const signupPolicy = createSignupPolicy({ store, config, clock });
  const invites = createInvites({ store, clock });
  const signups = createSignups({ accounts, policy: signupPolicy, invites });
  // With Redis, instances share running replies, live bot queries and rate-limit counters.
  const cluster = config.redisUrl
    ? createCluster({
        redisUrl: config.redisUrl,
        prefix: config.redisPrefix,
        onError: (error) => logger.error({ err: error }, "redis pub/sub failed"),
      })
    : undefined;
  const sharedReplies =
    cluster && !overrides.generationLog
      ? await startSharedReplies({ cluster, store, clock, logger })
      : undefined;
  const log = overrides.generationLog ?? sharedReplies?.log ?? createMemoryGenerationLog();
  const metrics = createMetrics();
  const passwords = createPasswordChanges(store);
  const profiles = createAccountProfiles({ store, avatars, clock });
  const accountDeletion = createAccountDeletion({ store, dataDir: config.dataDir, log, logger });
  const cspReports = createCspReports({ logger, metrics, clock });
  metrics.gauge("parlor_active_generations", () => log.running().length);
  const prices = createPriceBook({
    store,
    clock,
    onError: (error) => logger.error({ err: error }, "could not read the price overrides"),
  });
  await prices.load();
  const liveCalls = createLiveCalls();
  const callLog = createCallLog(store, {
    clock,
    onRecorded: (row) => liveCalls.recorded(row),
    costOf: (usage) => prices.costOf(usage),
    onError: (error) => logger.error({ err: error }, "call log write failed"),
    // Every call of a bot passes here: chat replies, `/bot/<name>` and `/v1`.
    onReply: (outcome, { botId }) => {
      if (outcome.status === "error") metrics.increment("parlor_bot_errors_total", { bot: botId });
      for (const call of outcome.calls) {
        if (call.firstEventMs !== null) metrics.observeFirstEvent(botId, call.firstEventMs / 1000);
      }
    },
  });
  const dailyLimits = createDailyLimits({
    store,
    clock,
    usage: { store, pendingUsageOf: (userId, day) => callLog.pendingUsageOf(userId, day) },
    onError: (error) => logger.error({ err: error }, "could not read the daily limits"),
  });
  const drain = createDrain();
  const liveQueries = cluster
    ? createRedisLiveQueries({
        ...cluster,
        onError: (error) => logger.warn({ err: error }, "could not end a live bot query"),
      })
    : createLiveQueries();
  const promptBases = createPromptBases({
    store,
    liveQueries,
    runnerFor: (bot) => registry.runnerFor(bot),
  });
  // Where bots fetch attachments from; set to the real address once the server listens.
  let listenUrl = `http://127.0.0.1:${config.port}`;
  const chat = createChatService({
    drain,
    liveQueries,
    store,
    registry,
    bots,
    log,
    secret: config.secret,
    clock,
    // Bots get a short-lived signed URL (Poe's are valid about ten minutes) and, when the bot
    // asks for it, the text of text files.
    resolveAttachment: (stored, settings) => ({
      url: signedFileUrl({
        baseUrl: config.publicUrl ?? listenUrl,
        secret: config.secret,
        id: stored.file_id,
        expiresAt: clock() + ATTACHMENT_URL_LIFETIME_MS,
      }),
      content_type: stored.content_type,
      name: stored.name,
      inline_ref: null,
      parsed_content: settings.expand_text_attachments ? (stored.text ?? null) : null,
    }),
    loadAttachments: createAttachmentLoader(store, config.dataDir),
    onCheckpointError: (error) =>
      logger.warn({ err: error }, "could not save the text of running replies"),
    generation: {
      callLog,
      liveCalls,
      clock,
      costOf: (usage) => prices.costOf(usage),
      ...(overrides.limits ? { limits: overrides.limits } : {}),
      onStoreError: (error, messageId) =>
        logger.error(
          { err: error, messageId },
          "could not store a reply; it will be closed at the next start",
        ),
      onFinished: (outcome, botId) =>
        metrics.increment("parlor_replies_total", { bot: botId, status: outcome.status }),
    },
  });
  // Single sign-on, when configured; its discovery runs now so a wrong issuer shows at start.
  const oidc =
    config.oidc &&
    createOidcLogin({
      config: config.oidc,
      store,
      accounts,
      clock,
      logger,
      baseUrl: () => config.publicUrl ?? listenUrl,
      admission: ssoAdmission(signupPolicy),
    });
  oidc
    ?.prepare()
    .catch((error: unknown) =>
      logger.warn(
        { err: error },
        "single sign-on: the provider could not be reached; retrying at the next sign-in",
      ),
    );
  const feedback = createFeedbackService({ store, registry, chat, secret: config.secret });
  await bots.installBuiltins();
  // Model bots: the curated ones now, every provider's model list in the background.
  const { ready: modelsReady } = await models.start();
  const rateLimiter =
    overrides.rateLimiter ??
    (cluster
      ? createRedisRateLimiter(cluster.redis, { clock, prefix: `${cluster.prefix}:rate` })
      : createMemoryRateLimiter(clock));
  const loginThrottle = createLoginThrottle({
    limiter: rateLimiter,
    failuresPerMinute: config.rateLimits.loginsPerMinute,
    ...(overrides.sleep ? { sleep: overrides.sleep } : {}),
  });
  // Keep the bot call log for the configured number of days.
  const pruneCallLog = () =>
    store.botCalls
      .deleteOlderThan(clock() - config.callLogDays * 86_400_000)
      .catch((error: unknown) => {
        logger.error({ err: error }, "call log pruning failed");
        return 0;
      });
  await pruneCallLog();
  const pruneTimer = setInterval(() => void pruneCallLog(), 3_600_000).unref();

  return {
    config,
    /** The last migration the database has, as `/healthz` reports it. */
    schemaVersion: schema.version,
    logger,
    clock,
    store,
    outbound,
    registry,
    bots,
    avatars,
    /** The graceful drain: once begun, no new replies and `/readyz` fails. */
    drain,
    /** Model providers and model bots; `modelsReady` settles once the first discovery is done. */
    models,
    modelsReady,
    /** Adding, changing and removing model providers (the admin API). */
    modelsAdmin: createModelsAdmin({ store, secretBox, models, clock }),
    accounts,
    /** Single sign-on with OpenID Connect; undefined when not configured. */
    oidc,
    passwords,
    profiles,
    accountDeletion,
    admin,
    signupPolicy,
    invites,
    signups,
    loginThrottle,
    /** The address a request came from, through trusted proxies only. */
    clientAddress: createClientAddressFinder(config.trustedProxies),
    log,
    liveQueries,
    /** Calls running now, which their bots' owners may watch. */
    liveCalls,
    metrics,
    cspReports,
    rateLimiter,
    callLog,
    /** Prices of models' tokens: the price package's, and the admin's overrides. */
    prices,
    /** Per-user daily caps on messages and cost. */
    dailyLimits,
    chat,
    feedback,
    /** The embedding models `/v1/embeddings` serves: the model catalogue's, unless a test's. */
    embeddingTargets: overrides.embeddingTargets ?? models,
    /** The browser origins that may call `/v1`. */
    corsOrigins: createCorsOrigins({ store, config, clock }),
    /** For one conversation: renews its files' expired or expiring URLs in stored text. */
    fileUrlRenewer: createFileUrlRenewer({ store, secret: config.secret, clock }),
    /** Tells the platform its own address, for the file URLs it gives bots. */
    setListenUrl(url: string) {
      listenUrl = url;
    },
    /**
     * Closes the replies a crash left streaming: without Redis all of them, once at start; with
     * it, those whose instance stopped renewing its lease, now and every few seconds from now on.
     */
    async recoverInterruptedReplies(): Promise<number> {
      if (!sharedReplies) return chat.recoverOrphans();
      const closed = await sharedReplies.sweeper.sweep();
      sharedReplies.sweeper.start();
      return closed;
    },
    /**
     * Drains (running replies may finish for up to `drainMs`, default none, then are cut as
     * errors their users may retry), flushes the call log, closes the database.
     */
    async close(drainMs = 0): Promise<void> {
      clearInterval(pruneTimer);
      // No sweeping while this instance's own replies are being stopped.
      sharedReplies?.sweeper.stop();
      await drain.finish(drainMs);
      await chat.settled();
      await callLog.flush();
      await sharedReplies?.close();
      await cluster?.close();
      await database.close();
    },
  };
}

/** The running platform's services. */
export type Platform = Awaited<ReturnType<typeof createPlatform>>;
