// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from './clock.ts';
import type { Clock } from './clock.ts';
import { StaleMonitor } from './monitor.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

function setup() {
  const onStale = vi.fn();
  const clock: Clock = { ...systemClock, setTimeout: vi.fn(systemClock.setTimeout) };
  const monitor = new StaleMonitor(clock, 6000, onStale);
  return { monitor, onStale, clock };
}

describe('StaleMonitor', () => {
  it('stays quiet while frames keep coming every 3 s', () => {
    const { monitor, onStale } = setup();
    monitor.start();
    for (let i = 0; i < 40; i++) {
      vi.advanceTimersByTime(3000);
      monitor.touch();
    }
    expect(onStale).not.toHaveBeenCalled();
    expect(monitor.watching).toBe(true);
  });

  it('calls a link dead just over 6 s after its last frame, well within 7 s', () => {
    const { monitor, onStale } = setup();
    monitor.start();
    vi.advanceTimersByTime(2500);
    monitor.touch();
    const lastFrameAt = Date.now();
    vi.advanceTimersByTime(6000);
    expect(onStale).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onStale).toHaveBeenCalledOnce();
    expect(onStale).toHaveBeenCalledWith(6001);
    expect(Date.now() - lastFrameAt).toBeLessThan(7000);
    expect(monitor.watching).toBe(false);
  });

  it('does not touch a timer per frame: a burst re-arms once', () => {
    const { monitor, clock, onStale } = setup();
    monitor.start();
    expect(clock.setTimeout).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    for (let i = 0; i < 5000; i++) monitor.touch();
    vi.advanceTimersByTime(5001);
    expect(clock.setTimeout).toHaveBeenCalledTimes(2);
    // The re-armed timer covers exactly the silence still allowed: 6 s after the burst.
    vi.advanceTimersByTime(999);
    expect(onStale).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onStale).toHaveBeenCalledWith(6001);
  });

  it('stops cleanly and keeps the last frame time for status', () => {
    const { monitor, onStale } = setup();
    monitor.start();
    monitor.touch(1234);
    monitor.stop();
    vi.advanceTimersByTime(60_000);
    expect(onStale).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
    expect(monitor.lastFrameAt).toBe(1234);
  });
});
