/** Small data-loading hooks shared by the pages. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, type Query } from './api.ts';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload(): void;
}

/**
 * Runs `load` when the deps change (and on reload()), keeping only the latest answer: a slow earlier
 * request never overwrites a newer one. The signal aborts the superseded fetch.
 */
export function useLoader<T>(load: (signal: AbortSignal) => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(undefined);
    loadRef.current(controller.signal)
      .then((d) => {
        if (!controller.signal.aborted) setData(d);
      })
      .catch((err: unknown) => {
        if (!controller.signal.aborted) setError(err);
      })
      .finally(() => {
        if (!controller.signal.aborted) setLoading(false);
      });
    return () => controller.abort();
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

/** The value once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export interface CursorList<T> {
  items: T[];
  total: number | undefined;
  nextCursor: string | null | undefined;
  error: unknown;
  loading: boolean;
  loadingMore: boolean;
  reload(): void;
  loadMore(): void;
}

/**
 * A list endpoint answering `{ items, total, nextCursor }`: the first page whenever the query
 * changes, further pages appended by loadMore().
 */
export function useCursorList<T, R extends { items: T[]; total?: number; nextCursor?: string | null } = { items: T[]; total?: number; nextCursor?: string | null }>(
  path: string,
  query: Query,
  onPage?: (page: R) => void,
): CursorList<T> {
  const key = JSON.stringify(query);
  const [items, setItems] = useState<T[]>([]);
  const [total, setTotal] = useState<number>();
  const [nextCursor, setNextCursor] = useState<string | null>();
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<unknown>();
  const onPageRef = useRef(onPage);
  onPageRef.current = onPage;

  const first = useLoader((signal) => api.get<R>(path, query, signal), [path, key]);
  useEffect(() => {
    if (!first.data) return;
    setItems(first.data.items ?? []);
    setTotal(first.data.total);
    setNextCursor(first.data.nextCursor);
    setMoreError(undefined);
    onPageRef.current?.(first.data);
  }, [first.data]);

  const loadMore = useCallback(() => {
    if (!nextCursor) return;
    setLoadingMore(true);
    api.get<R>(path, { ...query, cursor: nextCursor })
      .then((page) => {
        setItems((prev) => [...prev, ...(page.items ?? [])]);
        setNextCursor(page.nextCursor);
        if (page.total !== undefined) setTotal(page.total);
      })
      .catch(setMoreError)
      .finally(() => setLoadingMore(false));
  }, [path, key, nextCursor]);

  return {
    items, total, nextCursor, error: first.error ?? moreError, loading: first.loading, loadingMore, reload: first.reload, loadMore,
  };
}

/**
 * Every page of a list endpoint (`{ items, nextCursor }`), for lists that are short by nature and
 * must be sorted or filtered as a whole (a review queue by deadline). Stops after `maxPages`.
 */
export async function loadAllPages<T>(path: string, query: Query, signal?: AbortSignal, maxPages = 10): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let page = 0; page < maxPages; page++) {
    const r = await api.get<{ items: T[]; nextCursor?: string | null }>(path, { ...query, cursor }, signal);
    out.push(...(r.items ?? []));
    if (!r.nextCursor) break;
    cursor = r.nextCursor;
  }
  return out;
}
