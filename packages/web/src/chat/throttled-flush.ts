/** A flush that runs on an animation frame, at most once per interval, or now on demand. */
export interface ThrottledFlush {
  /** Asks for a flush; several asks before it runs are one flush. */
  schedule(): void;
  /** Flushes at once (a reply's end), cancelling the scheduled one. */
  now(): void;
}

/**
 * Coalesces many updates into one flush per animation frame and at most one per `intervalMs`.
 * A timeout stands in for the frame in hidden tabs, where animation frames do not run.
 */
export function createThrottledFlush(flush: () => void, intervalMs: number): ThrottledFlush {
  let pending = false;
  let lastAt = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let frame: number | undefined;
  const run = () => {
    clearTimeout(timer);
    if (frame !== undefined) cancelAnimationFrame(frame);
    timer = frame = undefined;
    pending = false;
    lastAt = performance.now();
    flush();
  };
  return {
    schedule() {
      if (pending) return;
      pending = true;
      const wait = Math.max(0, lastAt + intervalMs - performance.now());
      timer = setTimeout(() => {
        frame = requestAnimationFrame(run);
        timer = setTimeout(run, 250);
      }, wait);
    },
    now: run,
  };
}
