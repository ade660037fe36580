import { build } from 'esbuild';
import { V1_FOUND } from '../tests/fixtures/schema/read';
import { writeSchemaV1 } from '../tests/fixtures/schema/v1';
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

test('v1: every record is found by the current code', async ({ context }) => {
  const script = await currentCode();
  await context.route(`${ORIGIN}/**`, (route) =>
    route.fulfill(route.request().url().endsWith('/current.js') ? { contentType: 'text/javascript', body: script } : { contentType: 'text/html', body: '<title>schema</title>' }),
  );
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  await page.evaluate(writeSchemaV1, { name: 'circle-live', community: COMMUNITY });
  await page.addScriptTag({ url: `${ORIGIN}/current.js` });
  const found = await page.evaluate(([name, community]) => (globalThis as unknown as { readWithCurrentCode: (n: string, c: string) => Promise<unknown> }).readWithCurrentCode(name, community), ['circle-live', COMMUNITY] as const);
  expect(found).toEqual(JSON.parse(JSON.stringify(V1_FOUND)));
});
