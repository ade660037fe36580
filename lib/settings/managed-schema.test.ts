// @vitest-environment node
import { describe, expect, it } from 'vitest';
import managed from '../../public/managed_schema.json';
import { BADGE_MODES, quietHoursSchema, ROOM_ALERT_CHOICES } from './preferences';
import { POLICY_PREFERENCES } from './preferences-policy';
import { authSchema, communitySchema, retentionShape } from './schema';

type Node = { type: string; properties?: Record<string, Node>; items?: Node; enum?: string[]; additionalProperties?: Node };

// Chrome drops (and warns about) a policy field its schema does not declare: each field the
// settings contract reads must be there, in the list form and in the first released shape.
const settings = (managed as unknown as { properties: { settings: Node } }).properties.settings;
const authFields = [...new Set(authSchema.options.flatMap((option) => Object.keys(option.shape)))].sort();

function expectCommunity(node: Node) {
  expect(Object.keys(node.properties!).sort()).toEqual(expect.arrayContaining(Object.keys(communitySchema.shape).filter((f) => node !== settings || f !== 'name')));
  expect(Object.keys(node.properties!.auth!.properties!).sort()).toEqual(authFields);
  expect(node.properties!.auth!.properties!.mode!.enum!.sort()).toEqual(authSchema.options.map((o) => o.shape.mode.value).sort());
}

describe('managed_schema.json', () => {
  it('declares every community field for the list and for the first released shape, and the shared retention', () => {
    expect(settings.properties!.communities).toMatchObject({ type: 'array', items: { type: 'object' } });
    expectCommunity(settings.properties!.communities!.items!);
    expectCommunity(settings);
    for (const field of Object.keys(retentionShape)) expect(settings.properties![field], field).toMatchObject({ type: 'integer' });
  });

  it('declares every preference a policy may set, with the values the contract reads, and may lock', () => {
    const preferences = (managed as unknown as { properties: { preferences: Node } }).properties.preferences;
    const defaults = preferences.properties!.defaults!.properties!;
    expect(Object.keys(defaults).sort()).toEqual([...POLICY_PREFERENCES].sort());
    expect(preferences.properties!.locked).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(preferences.properties!.locked!.items!.enum!.sort()).toEqual([...POLICY_PREFERENCES].sort());
    expect(defaults.badgeCounts!.enum).toEqual([...BADGE_MODES]);
    expect(defaults.roomAlerts!.additionalProperties!.enum).toEqual([...ROOM_ALERT_CHOICES]);
    expect(Object.keys(defaults.quietHours!.properties!).sort()).toEqual(Object.keys(quietHoursSchema.shape).sort());
    expect(defaults.quietHours!.properties!.days).toMatchObject({ type: 'array', items: { type: 'integer' } });
    for (const flag of ['alerts', 'awaySummary', 'onlyDmsAndMentions', 'sound', 'resetCountOnOpen']) expect(defaults[flag], flag).toMatchObject({ type: 'boolean' });
    expect(defaults.waitingAfterHours).toMatchObject({ type: 'number' });
  });
});
