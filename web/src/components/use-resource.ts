/** `useResource`: one loaded value with loading and error state, cancelled when it goes stale. */
import { useCallback, useEffect, useState } from 'react';
import type { Dispatch, SetStateAction } from 'react';

/** Loads a value; `signal` aborts when the caller unmounts or asks for something else. */
export type Loader<T> = (signal: AbortSignal) => Promise<T>;

/** What `useResource` hands back. */
export interface Resource<T> {
  /** The last value loaded (kept while the next one loads), undefined before the first. */
  data: T | undefined;
  /** The error of the last load, cleared when a load succeeds. */
  error: unknown;
  isLoading: boolean;
  /** Loads again with the same loader. */
  reload: () => void;
  /** Replaces the value locally, e.g. with a record a write answered. */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

/**
 * Runs `load` now and whenever its identity changes (wrap it in `useCallback` with the
 * parameters it reads); `null` loads nothing. A load that went stale — the component
 * unmounted or the loader changed — is aborted and its answer ignored.
 */
export function useResource<T>(load: Loader<T> | null): Resource<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  const [isLoading, setIsLoading] = useState(load !== null);
  const [reloadToken, setReloadToken] = useState(0);

  useEffect(() => {
    if (!load) {
      setIsLoading(false);
      return;
    }
    const controller = new AbortController();
    setIsLoading(true);
    load(controller.signal)
      .then((value) => {
        if (controller.signal.aborted) return;
        setData(value);
        setError(null);
      })
      .catch((reason: unknown) => {
        if (!controller.signal.aborted) setError(reason);
      })
      .finally(() => {
        if (!controller.signal.aborted) setIsLoading(false);
      });
    return () => controller.abort();
  }, [load, reloadToken]);

  const reload = useCallback(() => setReloadToken((n) => n + 1), []);
  return { data, error, isLoading, reload, setData };
}
