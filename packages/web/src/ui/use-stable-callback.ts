import { useCallback, useLayoutEffect, useRef } from "react";

/**
 * A function whose identity never changes but that always runs the latest `callback`, so memoised
 * children given it do not re-render when the parent does (a streamed reply re-renders the chat
 * ten times a second; the composer and the other messages should not follow).
 */
export function useStableCallback<Args extends unknown[], Result>(
  callback: (...args: Args) => Result,
): (...args: Args) => Result {
  const latest = useRef(callback);
  useLayoutEffect(() => {
    latest.current = callback;
  });
  return useCallback((...args: Args) => latest.current(...args), []);
}
