/**
 * A signal that aborts after `timeoutMs` or when the caller's signal does, whichever comes
 * first, so a hung platform cannot block a bot forever.
 */
export function timeoutSignal(timeoutMs: number, signal?: AbortSignal): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([signal, timeout]) : timeout;
}
