// @vitest-environment node
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock, Timer } from './clock.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('systemClock', () => {
  it('follows the timers installed after it was created', () => {
    const fired = vi.fn();
    const start = systemClock.now();
    systemClock.setTimeout(fired, 100);
    vi.advanceTimersByTime(99);
    expect(fired).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fired).toHaveBeenCalledOnce();
    expect(systemClock.now() - start).toBe(100);
  });

  it('clears', () => {
    const fired = vi.fn();
    systemClock.clearTimeout(systemClock.setTimeout(fired, 10));
    vi.advanceTimersByTime(20);
    expect(fired).not.toHaveBeenCalled();
  });
});

describe('Timer', () => {
  it('knows when it is due and forgets once fired', () => {
    const timer = new Timer(systemClock);
    const fired = vi.fn();
    const start = Date.now();
    timer.set(500, fired);
    expect(timer.pending).toBe(true);
    expect(timer.due).toBe(start + 500);
    vi.advanceTimersByTime(500);
    expect(fired).toHaveBeenCalledOnce();
    expect([timer.pending, timer.due]).toEqual([false, null]);
  });

  it('replaces rather than stacks', () => {
    const timer = new Timer(systemClock);
    const first = vi.fn();
    const second = vi.fn();
    timer.set(100, first);
    timer.set(200, second);
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(300);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledOnce();
  });

  it('clears, idempotently', () => {
    const timer = new Timer(systemClock);
    const fired = vi.fn();
    timer.set(100, fired);
    timer.clear();
    timer.clear();
    vi.advanceTimersByTime(200);
    expect(fired).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);
  });
});
