// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { mergeShapes, recordShape, shapeOf, SHAPE_SAMPLES } from './shape';

describe('shapeOf', () => {
  it('keeps keys, types, nesting and bucketed lengths, sorted, and no value', () => {
    const frame = { type: 'message', data: { id: 4711, body: 'Hi Anna, the code is 0420', read: false, tags: ['a', 'b', 'c'], parent: null, none: [] } };
    expect(shapeOf(frame)).toBe('{data:{body:str,id:num,none:[0],parent:null,read:bool,tags:[2-9 str]},type:str}');
  });

  it("names Circle's own event names, and only those", () => {
    expect(shapeOf({ kind: 'newMessage', other: 'newMessages', record: {} })).toBe('{kind:"newMessage",other:str,record:{}}');
  });

  it('masks keys that are not field names: ids, names, text', () => {
    expect(shapeOf({ 123: 1, 'Anna Smith': 2, 'eyJhbGciOi.secret': 3, ok_key: 4 })).toBe('{<n>:num,<key>:num,<key>:num,ok_key:num}');
  });

  it('buckets lengths and mixes at most two item shapes', () => {
    expect(shapeOf([1])).toBe('[1 num]');
    expect(shapeOf(Array.from({ length: 12 }, (_, i) => i))).toBe('[10-99 num]');
    expect(shapeOf(Array.from({ length: 150 }, () => 'x'))).toBe('[100+ str]');
    expect(shapeOf([1, 'a', true, null])).toBe('[2-9 num|str|…]');
  });

  it('stays short for deep and wide frames', () => {
    let deep: unknown = 'x';
    for (let i = 0; i < 50; i += 1) deep = { next: deep };
    expect(shapeOf(deep)).toBe('{next:{next:{next:{next:{next:{next:{…}}}}}}}');
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`field_${i}`, { a: [i] }]));
    expect(shapeOf(wide).length).toBeLessThanOrEqual(600);
    expect(shapeOf(wide)).toContain('…');
  });

  it('takes what JSON cannot hold without throwing', () => {
    expect(shapeOf(undefined)).toBe('undefined');
    expect(shapeOf('plain text')).toBe('str');
  });
});

describe('recordShape', () => {
  it('counts a shape seen again and moves it last', () => {
    let samples = recordShape([], 'no_event_name', { a: 1 }, 1);
    samples = recordShape(samples, 'unknown_event', { event: 'x' }, 2);
    samples = recordShape(samples, 'no_event_name', { a: 2 }, 3);
    expect(samples).toEqual([
      { kind: 'unknown_event', shape: '{event:str}', count: 1, lastAt: 2 },
      { kind: 'no_event_name', shape: '{a:num}', count: 2, lastAt: 3 },
    ]);
  });

  it(`keeps the last ${SHAPE_SAMPLES} distinct shapes`, () => {
    let samples = recordShape([], 'k', { first: 1 }, 0);
    for (let i = 0; i < 30; i += 1) samples = recordShape(samples, 'k', { [`f${i}`]: 1 }, i + 1);
    expect(samples).toHaveLength(SHAPE_SAMPLES);
    expect(samples.at(-1)?.shape).toBe('{f29:num}');
    expect(samples.some((s) => s.shape === '{first:num}')).toBe(false);
  });

  it("adds an earlier worker's samples to this one's", () => {
    const older = [{ kind: 'a', shape: '{x:num}', count: 3, lastAt: 1 }, { kind: 'b', shape: '{y:num}', count: 1, lastAt: 2 }];
    const newer = [{ kind: 'a', shape: '{x:num}', count: 2, lastAt: 5 }];
    expect(mergeShapes(older, newer)).toEqual([older[1], { kind: 'a', shape: '{x:num}', count: 5, lastAt: 5 }]);
  });
});
