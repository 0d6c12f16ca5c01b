import { OutboundError } from "./outbound-error.js";

/**
 * One request from start to the end of its body: owns the total deadline, the caller's abort
 * signal and the phase timers, and records the first failure so every later error reports it.
 */
export interface RequestLifetime {
  /** The first failure, if any; a destroyed socket's own error is less useful than this. */
  readonly failure: OutboundError | undefined;
  /** Rejects with the failure; race it against any wait so a stalled step cannot hang. */
  readonly failed: Promise<never>;
  /** Records the failure (the first one wins), tears down through the listeners, and ends. */
  fail(error: OutboundError): void;
  /** Runs when the request fails; used to destroy the request or response in flight. */
  onFailure(listener: (error: OutboundError) => void): void;
  /** Fails with `makeError()` after `milliseconds` unless the returned function is called. */
  startTimer(milliseconds: number, makeError: () => OutboundError): () => void;
  /** Clears every timer and the abort listener; later failures are ignored. */
  end(): void;
}

/** Starts the lifetime: the total deadline runs from now, and an aborted signal fails it at once. */
export function createRequestLifetime(
  signal: AbortSignal | undefined,
  totalTimeoutMs: number,
): RequestLifetime {
  let ended = false;
  let rejectFailed: (error: OutboundError) => void = () => {};
  const failed = new Promise<never>((_resolve, reject) => (rejectFailed = reject));
  // Nobody may be racing `failed` when it rejects; that must not count as unhandled.
  failed.catch(() => {});
  const listeners: Array<(error: OutboundError) => void> = [];
  const timers = new Set<NodeJS.Timeout>();

  const end = () => {
    ended = true;
    timers.forEach((timer) => clearTimeout(timer));
    timers.clear();
    signal?.removeEventListener("abort", onAbort);
  };
  const fail = (error: OutboundError) => {
    if (ended || lifetime.failure) return;
    lifetime.failure = error;
    rejectFailed(error);
    listeners.forEach((listener) => listener(error));
    end();
  };
  const startTimer = (milliseconds: number, makeError: () => OutboundError) => {
    const timer = setTimeout(() => fail(makeError()), milliseconds);
    timers.add(timer);
    return () => {
      clearTimeout(timer);
      timers.delete(timer);
    };
  };
  function onAbort() {
    fail(new OutboundError("aborted", "the request was aborted", { cause: signal?.reason }));
  }

  // A data property, not a getter: an object literal with a getter gets a hidden class of its
  // own per call, which V8 keeps (with what the getter reaches) until a full GC.
  const lifetime: { -readonly [K in keyof RequestLifetime]: RequestLifetime[K] } = {
    failure: undefined,
    failed,
    fail,
    onFailure: (listener) => {
      listeners.push(listener);
    },
    startTimer,
    end,
  };
  signal?.addEventListener("abort", onAbort, { once: true });
  startTimer(totalTimeoutMs, () => {
    return new OutboundError("timeout", `the request did not finish within ${totalTimeoutMs} ms`);
  });
  if (signal?.aborted) onAbort();
  return lifetime;
}
