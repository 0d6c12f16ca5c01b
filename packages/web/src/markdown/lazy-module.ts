import { useEffect, useSyncExternalStore } from "react";

/** A module loaded with import() the first time something needs it, observable from React. */
export interface LazyModule<T> {
  /** Starts loading (once; again after a failure) and resolves with the module. */
  load: () => Promise<T>;
  /** The module if it has loaded. */
  current: () => T | undefined;
  /** Calls `listener` when the module has loaded. */
  subscribe: (listener: () => void) => () => void;
}

/** Wraps a dynamic import so components can wait for it without each importing it. */
export function createLazyModule<T>(importModule: () => Promise<T>): LazyModule<T> {
  let loaded: T | undefined;
  let loading: Promise<T> | undefined;
  const listeners = new Set<() => void>();
  return {
    load: () => {
      loading ??= importModule().then(
        (module) => {
          loaded = module;
          for (const listener of listeners) listener();
          return module;
        },
        (error: unknown) => {
          loading = undefined;
          throw error;
        },
      );
      return loading;
    },
    current: () => loaded,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * The module once loaded; with `wanted`, this component asks for it to load. A chunk that fails
 * to load (offline, a deploy replaced it) leaves the plain rendering in place.
 */
export function useLazyModule<T>(module: LazyModule<T>, wanted: boolean): T | undefined {
  const current = useSyncExternalStore(module.subscribe, module.current, module.current);
  useEffect(() => {
    if (wanted && current === undefined) module.load().catch(() => undefined);
  }, [module, wanted, current]);
  return current;
}
