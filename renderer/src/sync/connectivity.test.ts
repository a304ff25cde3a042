// The connectivity state machine under fake timers: online on contact, offline within 5 s of a
// lost heartbeat, at once on a browser 'offline' event or a request that could not reach the server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConnectivityMonitor, STALE_MS, type Connectivity } from './connectivity';

describe('ConnectivityMonitor', () => {
  let monitor: ConnectivityMonitor;
  let seen: Connectivity[];
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date('2026-12-02T10:00:00Z'));
    monitor = new ConnectivityMonitor();
    seen = [];
    monitor.state$.subscribe((c) => seen.push(c));
  });
  afterEach(() => {
    monitor.stop();
    vi.useRealTimers();
  });

  it('starts offline until the server is reached, never "online" on faith', () => {
    expect(monitor.current).toMatchObject({ state: 'offline', reason: 'not_contacted' });
    monitor.streamOpened();
    expect(monitor.current.state).toBe('online');
  });

  it('stays online while heartbeats arrive every 2 s, and says offline within 5 s after they stop', () => {
    monitor.streamOpened();
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(2_000);
      monitor.streamActivity();
      expect(monitor.current.state).toBe('online');
    }
    const lostAt = Date.now() + 10; // the cable is pulled just after a heartbeat
    vi.advanceTimersByTime(STALE_MS - 1);
    expect(monitor.current.state).toBe('online');
    vi.advanceTimersByTime(1);
    expect(monitor.current).toMatchObject({ state: 'offline', reason: 'no_heartbeat' });
    expect(monitor.current.since - lostAt).toBeLessThan(5_000);
    expect(seen.map((s) => s.state)).toEqual(['offline', 'online', 'offline']);
  });

  it('goes offline at once on a browser offline event or an unreachable server, and back online on contact', () => {
    const target = new EventTarget();
    const unlisten = monitor.listenTo(target as unknown as Window);
    monitor.streamOpened();
    target.dispatchEvent(new Event('offline'));
    expect(monitor.current).toMatchObject({ state: 'offline', reason: 'browser_offline' });
    monitor.streamActivity(); // stale bytes still buffered: the browser's word wins
    expect(monitor.current.state).toBe('offline');
    target.dispatchEvent(new Event('online'));
    expect(monitor.current.state).toBe('online');
    monitor.requestFailed(false);
    expect(monitor.current).toMatchObject({ state: 'offline', reason: 'request_failed' });
    monitor.requestFailed(true); // a refusal (400, 409) is still an answer from the server
    expect(monitor.current.state).toBe('online');
    monitor.streamClosed();
    expect(monitor.current).toMatchObject({ state: 'offline', reason: 'stream_closed' });
    monitor.requestSucceeded();
    expect(monitor.current.state).toBe('online');
    unlisten();
    target.dispatchEvent(new Event('offline'));
    expect(monitor.current.state).toBe('online');
  });

  it('counts a successful request as contact for as long as a heartbeat would', () => {
    monitor.requestSucceeded();
    vi.advanceTimersByTime(STALE_MS - 1);
    monitor.requestSucceeded();
    vi.advanceTimersByTime(STALE_MS - 1);
    expect(monitor.current.state).toBe('online');
    vi.advanceTimersByTime(1);
    expect(monitor.current.state).toBe('offline');
  });
});
