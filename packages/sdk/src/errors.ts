/**
 * The SDK's error root. Each subclass has a stable `code` and says whether trying again may help.
 * Names follow fastapi_poe's so ported bots read the same.
 */
export class SdkError extends Error {
  readonly code: string;
  readonly isRetryable: boolean;

  constructor(code: string, message: string, isRetryable: boolean, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.isRetryable = isRetryable;
  }
}

/** Calling another bot failed; the call may be tried again if nothing was yielded yet. */
export class BotError extends SdkError {
  constructor(message: string, options?: ErrorOptions & { code?: string }) {
    super(options?.code ?? "bot_error", message, true, options);
  }
}

/** Calling another bot failed in a way that trying again will not fix. */
export class BotErrorNoRetry extends BotError {
  constructor(message: string, options?: ErrorOptions & { code?: string }) {
    super(message, { ...options, code: options?.code ?? "bot_error_no_retry" });
    (this as { isRetryable: boolean }).isRetryable = false;
  }
}

/** The user cannot pay for what the bot wants to charge; the bot replies with an error. */
export class InsufficientFundError extends SdkError {
  constructor(message = "Insufficient funds") {
    super("insufficient_fund", message, false);
  }
}

/** The platform refused or failed a cost authorize/capture request. */
export class CostRequestError extends SdkError {
  constructor(message: string) {
    super("cost_request_failed", message, false);
  }
}

/** Uploading a file to the platform failed. */
export class AttachmentUploadError extends SdkError {
  constructor(message: string) {
    super("attachment_upload_failed", message, false);
  }
}

/**
 * `serve` could not start, for a reason its one-line message explains: a missing or malformed
 * access key (`missing_access_key`, `invalid_access_key`), a bad `PORT` (`invalid_port`), or a
 * port already in use (`port_in_use`).
 */
export class ServeError extends SdkError {
  constructor(code: string, message: string) {
    super(code, message, false);
  }
}

/** A bot's settings could not be synced with the platform. */
export class InvalidBotSettings extends SdkError {
  constructor(message: string) {
    super("invalid_bot_settings", message, false);
  }
}
