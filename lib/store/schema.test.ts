// @vitest-environment node
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { readWithCurrentCode, V1_FOUND, V2_FOUND } from '../../tests/fixtures/schema/read';
import { writeSchemaV1 } from '../../tests/fixtures/schema/v1';
import { writeSchemaV2 } from '../../tests/fixtures/schema/v2';

const COMMUNITY = 'http://circle.test/7';

/**
 * Each released schema version's database, as that release wrote it, opened by the current
 * code: nothing a member had is lost in an upgrade. Every schema change adds its version here
 * and in e2e/schema.spec.ts (real IndexedDB in Chromium).
 */
describe('schema upgrades', () => {
  it('v1: every record is found by the current code', async () => {
    await writeSchemaV1({ name: 'schema-v1', community: COMMUNITY });
    expect(await readWithCurrentCode('schema-v1', COMMUNITY)).toEqual(V1_FOUND);
  });

  it('v2: every message, one record each then, is found in its room\'s pages, in order', async () => {
    await writeSchemaV2({ name: 'schema-v2', community: COMMUNITY });
    expect(await readWithCurrentCode('schema-v2', COMMUNITY)).toEqual(V2_FOUND);
  });
});
