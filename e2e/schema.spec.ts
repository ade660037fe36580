import { build } from 'esbuild';
import { V1_FOUND, V2_FOUND } from '../tests/fixtures/schema/read';
import { writeSchemaV1 } from '../tests/fixtures/schema/v1';
import { writeSchemaV2 } from '../tests/fixtures/schema/v2';
import { expect, test } from './fixtures';

/**
 * lib/store/schema.test.ts in real Chromium IndexedDB: each released schema version's database,
 * written as that release wrote it, opened and read by the current code (bundled as it
 * stands). Every schema change adds its version here.
 */
const ORIGIN = 'http://schema.test';
const COMMUNITY = 'http://circle.test/7';

async function currentCode(): Promise<string> {
  const bundle = await build({
    stdin: { contents: "import { readWithCurrentCode } from './tests/fixtures/schema/read'; Object.assign(globalThis, { readWithCurrentCode });", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    format: 'iife',
    write: false,
    target: 'es2022',
  });
  return bundle.outputFiles[0]!.text;
}

const versions = [
  { version: 'v1', write: writeSchemaV1, found: V1_FOUND, says: 'every record is found by the current code' },
  { version: 'v2', write: writeSchemaV2, found: V2_FOUND, says: "every message, one record each then, is found in its room's pages, in order" },
];

for (const { version, write, found: expected, says } of versions) {
  test(`${version}: ${says}`, async ({ context }) => {
    const script = await currentCode();
    await context.route(`${ORIGIN}/**`, (route) =>
      route.fulfill(route.request().url().endsWith('/current.js') ? { contentType: 'text/javascript', body: script } : { contentType: 'text/html', body: '<title>schema</title>' }),
    );
    const page = await context.newPage();
    await page.goto(`${ORIGIN}/`);
    await page.evaluate(write, { name: 'circle-live', community: COMMUNITY });
    await page.addScriptTag({ url: `${ORIGIN}/current.js` });
    const found = await page.evaluate(([name, community]) => (globalThis as unknown as { readWithCurrentCode: (n: string, c: string) => Promise<unknown> }).readWithCurrentCode(name, community), ['circle-live', COMMUNITY] as const);
    expect(found).toEqual(JSON.parse(JSON.stringify(expected)));
  });
}
