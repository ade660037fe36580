// @vitest-environment node
import { describe, expect, it, vi } from 'vitest';
import { Emitter } from './emitter.ts';

interface Events {
  tick: number;
  other: string;
}

describe('Emitter', () => {
  it('delivers to listeners of that event until unbound', () => {
    const emitter = new Emitter<Events>(() => {});
    const tick = vi.fn();
    const other = vi.fn();
    const unbind = emitter.on('tick', tick);
    emitter.on('other', other);
    emitter.emit('tick', 1);
    unbind();
    unbind();
    emitter.emit('tick', 2);
    expect(tick.mock.calls).toEqual([[1]]);
    expect(other).not.toHaveBeenCalled();
  });

  it('isolates a throwing listener and reports it', () => {
    const onError = vi.fn();
    const emitter = new Emitter<Events>(onError);
    const after = vi.fn();
    const boom = new Error('boom');
    emitter.on('tick', () => {
      throw boom;
    });
    emitter.on('tick', after);
    expect(() => emitter.emit('tick', 1)).not.toThrow();
    expect(after).toHaveBeenCalledWith(1);
    expect(onError).toHaveBeenCalledWith(boom, 'tick');
  });

  it('binds the same function twice and unbinds one at a time', () => {
    const emitter = new Emitter<Events>(() => {});
    const listener = vi.fn();
    const first = emitter.on('tick', listener);
    emitter.on('tick', listener);
    first();
    emitter.emit('tick', 1);
    expect(listener).toHaveBeenCalledOnce();
  });

  it('is not confused by listeners unbinding during an emit', () => {
    const emitter = new Emitter<Events>(() => {});
    const second = vi.fn();
    const unbindSecond: { fn: () => void } = { fn: () => {} };
    emitter.on('tick', () => unbindSecond.fn());
    unbindSecond.fn = emitter.on('tick', second);
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);
    expect(second.mock.calls).toEqual([[1]]);
  });
});

describe('Emitter.batch', () => {
  it('holds events until the outermost batch is done, in order', () => {
    const emitter = new Emitter<Events>(() => {});
    const seen: string[] = [];
    emitter.on('tick', (n) => seen.push(`tick ${n}`));
    const result = emitter.batch(() => {
      emitter.emit('tick', 1);
      emitter.batch(() => emitter.emit('tick', 2));
      seen.push('work done');
      return 'ok';
    });
    expect(result).toBe('ok');
    expect(seen).toEqual(['work done', 'tick 1', 'tick 2']);
  });

  it('delivers events raised by a listener after the current one, not inside it', () => {
    const emitter = new Emitter<Events>(() => {});
    const seen: string[] = [];
    emitter.on('tick', (n) => {
      seen.push(`tick ${n} start`);
      if (n === 1) emitter.batch(() => emitter.emit('tick', 2));
      seen.push(`tick ${n} end`);
    });
    emitter.emit('tick', 1);
    expect(seen).toEqual(['tick 1 start', 'tick 1 end', 'tick 2 start', 'tick 2 end']);
  });

  it('still delivers when the batched work throws', () => {
    const emitter = new Emitter<Events>(() => {});
    const tick = vi.fn();
    emitter.on('tick', tick);
    expect(() =>
      emitter.batch(() => {
        emitter.emit('tick', 1);
        throw new Error('work failed');
      }),
    ).toThrow('work failed');
    expect(tick).toHaveBeenCalledWith(1);
  });
});
