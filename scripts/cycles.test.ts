import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cyclesOf, graphOf, specifiersOf } from './cycles';

describe('cyclesOf', () => {
  it('finds none in a graph that only goes down', () => {
    expect(cyclesOf(new Map([['a', ['b', 'c']], ['b', ['c']], ['c', []]]))).toEqual([]);
  });

  it('gives each loop once, as a path back to where it started', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a', 'd']],
      ['d', ['e']],
      ['e', ['d']],
      ['f', ['f']],
    ]);
    expect(cyclesOf(graph)).toEqual([['a', 'b', 'c', 'a'], ['d', 'e', 'd'], ['f', 'f']]);
  });
});

describe('graphOf', () => {
  it('follows type imports, re-exports and multi-line imports, and leaves out tests and outside modules', () => {
    const root = mkdtempSync(join(tmpdir(), 'cycles-'));
    mkdirSync(join(root, 'lib', 'wire'), { recursive: true });
    writeFileSync(join(root, 'lib', 'a.ts'), "import type {\n  B,\n} from './b';\nimport { x } from 'outside';\n");
    writeFileSync(join(root, 'lib', 'b.ts'), "export { c } from './wire';\n");
    writeFileSync(join(root, 'lib', 'wire', 'index.ts'), "import './../a';\n");
    writeFileSync(join(root, 'lib', 'a.test.ts'), "import { b } from './b';\n");
    const graph = graphOf(join(root, 'lib'), root);
    expect(Object.fromEntries(graph)).toEqual({ 'lib/a.ts': ['lib/b.ts'], 'lib/b.ts': ['lib/wire/index.ts'], 'lib/wire/index.ts': ['lib/a.ts'] });
    expect(cyclesOf(graph)).toEqual([['lib/a.ts', 'lib/b.ts', 'lib/wire/index.ts', 'lib/a.ts']]);
  });

  it('reads dynamic imports too', () => {
    expect(specifiersOf("const m = await import('./store');")).toEqual(['./store']);
  });
});
