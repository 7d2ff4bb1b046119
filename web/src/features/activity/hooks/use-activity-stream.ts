import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { activityKeys, type StreamStatus } from '../api/get-activity';
import type { ActivityStreamFrame, LiveActivityEvent } from '../api/types';

const STREAM_URL = '/api/activity/stream';
const TAIL_LENGTH = 200;
// Job returns arrive in bursts (one per minion): refetch at most once per window.
const FLUSH_MS = 1000;
const RETRY_MIN_MS = 5_000;
const RETRY_MAX_MS = 60_000;

interface ActivityStreamOptions {
  enabled: boolean;
  /** Query keys to refresh per event category (`job` → the jobs queries), supplied by the page. */
  invalidate: Partial<Record<string, QueryKey>>;
}

function parseFrame(data: string): ActivityStreamFrame | null {
  try {
    const frame = JSON.parse(data) as Partial<ActivityStreamFrame>;
    if (typeof frame.category !== 'string' || typeof frame.event_type !== 'string') return null;
    return {
      category: frame.category,
      event_type: frame.event_type,
      minion_id: frame.minion_id ?? null,
      jid: frame.jid ?? null,
      fun: frame.fun ?? null,
      success: frame.success ?? null,
      changed: frame.changed ?? null,
      summary: frame.summary ?? '',
    };
  } catch {
    return null;
  }
}

/**
 * The one reader of `/api/activity/stream`. Each event goes into the activity tail in the query
 * cache, refreshes the stored activity lists, and refreshes the queries of its category (a job
 * event the jobs, a key event the keys and minions…). A refused or dropped stream (503 when the
 * event stream is off, 403 without any view permission) is retried with a growing pause.
 */
export function useActivityStream({ enabled, invalidate }: ActivityStreamOptions): void {
  const queryClient = useQueryClient();
  const invalidateRef = useRef(invalidate);
  invalidateRef.current = invalidate;

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    let source: EventSource | null = null;
    let retryTimer: number | undefined;
    let flushTimer: number | undefined;
    let retryMs = RETRY_MIN_MS;
    let seq = 0;
    const pending = new Set<string>();

    const setStatus = (status: StreamStatus) => queryClient.setQueryData(activityKeys.streamStatus, status);

    const flush = () => {
      flushTimer = undefined;
      void queryClient.invalidateQueries({ queryKey: activityKeys.lists });
      for (const category of pending) {
        const key = invalidateRef.current[category];
        if (key) void queryClient.invalidateQueries({ queryKey: key });
      }
      pending.clear();
    };

    const handleMessage = (message: MessageEvent<string>) => {
      const frame = parseFrame(message.data);
      if (!frame) return;
      seq += 1;
      const event: LiveActivityEvent = { ...frame, seq, received_at: new Date().toISOString() };
      queryClient.setQueryData<LiveActivityEvent[]>(activityKeys.tail, (tail = []) => [event, ...tail].slice(0, TAIL_LENGTH));
      pending.add(frame.category);
      // A key change also changes the minion's status.
      if (frame.category === 'key') pending.add('minion');
      flushTimer ??= window.setTimeout(flush, FLUSH_MS);
    };

    const connect = () => {
      setStatus('connecting');
      source = new EventSource(STREAM_URL, { withCredentials: true });
      source.onopen = () => {
        retryMs = RETRY_MIN_MS;
        setStatus('open');
      };
      source.onmessage = handleMessage;
      source.onerror = () => {
        // The browser reconnects by itself after a dropped connection; not after an HTTP error.
        if (source?.readyState !== EventSource.CLOSED) {
          setStatus('connecting');
          return;
        }
        source.close();
        setStatus('closed');
        retryTimer = window.setTimeout(connect, retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
      };
    };

    connect();
    return () => {
      window.clearTimeout(retryTimer);
      window.clearTimeout(flushTimer);
      source?.close();
      setStatus('closed');
    };
  }, [enabled, queryClient]);
}
