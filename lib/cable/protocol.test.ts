// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { identifierFor, parseFrame, PROTOCOLS, subscribeCommand, unsubscribeCommand } from './protocol.ts';

describe('parseFrame', () => {
  // Verbatim from the Rails 6.1 transcript in docs/platform.md.
  it.each([
    ['{"type":"welcome"}', { type: 'welcome' }],
    ['{"type":"welcome","sid":"JnehncGjAQuLBIBoImSMk"}', { type: 'welcome' }],
    ['{"type":"ping","message":1795797609}', { type: 'ping' }],
    [
      '{"identifier":"{\\"channel\\":\\"NotificationChannel\\"}","type":"confirm_subscription"}',
      { type: 'confirm_subscription', identifier: '{"channel":"NotificationChannel"}' },
    ],
    ['{"identifier":"x","type":"reject_subscription"}', { type: 'reject_subscription', identifier: 'x' }],
    [
      '{"identifier":"{\\"channel\\":\\"NotificationChannel\\"}","message":{"event":"newNotification"}}',
      { type: 'message', identifier: '{"channel":"NotificationChannel"}', message: { event: 'newNotification' }, chars: 92 },
    ],
    [
      '{"type":"disconnect","reason":"unauthorized","reconnect":false}',
      { type: 'disconnect', reason: 'unauthorized', reconnect: false },
    ],
    [
      '{"type":"disconnect","reason":"server_restart","reconnect":true}',
      { type: 'disconnect', reason: 'server_restart', reconnect: true },
    ],
  ])('parses %s', (raw, frame) => {
    expect(parseFrame(raw)).toEqual({ ok: true, frame });
  });

  it('keeps a null broadcast payload (the key is present)', () => {
    expect(parseFrame('{"identifier":"x","message":null}')).toEqual({
      ok: true,
      frame: { type: 'message', identifier: 'x', message: null, chars: 33 },
    });
  });

  it('reads an ambiguous disconnect as "come back", never as "stop"', () => {
    expect(parseFrame('{"type":"disconnect"}')).toEqual({
      ok: true,
      frame: { type: 'disconnect', reason: 'unknown', reconnect: true },
    });
  });

  it.each([
    [new ArrayBuffer(4), 'binary_frame'],
    [new Uint8Array(3), 'binary_frame'],
    [undefined, 'binary_frame'],
    ['{"type":', 'invalid_json'],
    ['', 'invalid_json'],
    ['[1,2]', 'not_an_object'],
    ['null', 'not_an_object'],
    ['42', 'not_an_object'],
    ['{"type":"confirm_history"}', 'unknown_type'],
    ['{"type":7}', 'missing_field'],
    ['{"type":"confirm_subscription"}', 'missing_field'],
    ['{"type":"reject_subscription","identifier":3}', 'missing_field'],
    ['{"message":{}}', 'missing_field'],
    ['{"identifier":"x"}', 'missing_field'],
  ])('rejects %j as %s without throwing', (raw, reason) => {
    const result = parseFrame(raw);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason).toBe(reason);
      expect(typeof result.detail).toBe('string');
    }
  });

  it('never puts frame content in the failure detail', () => {
    const result = parseFrame('{"secret":"hunter2"');
    expect(result).toEqual({ ok: false, reason: 'invalid_json', detail: '19 chars' });
  });
});

describe('identifierFor', () => {
  it('sorts keys so the same params always give the same bytes', () => {
    expect(identifierFor({ community_member_id: 7, channel: 'ChatRoomChannel' })).toBe(
      '{"channel":"ChatRoomChannel","community_member_id":7}',
    );
    expect(identifierFor({ channel: 'ChatRoomChannel', community_member_id: 7 })).toBe(
      identifierFor({ community_member_id: 7, channel: 'ChatRoomChannel' }),
    );
  });

  it('sorts nested objects and keeps array order', () => {
    expect(identifierFor({ z: [2, 1], channel: 'C', a: { y: 1, b: null } })).toBe(
      '{"a":{"b":null,"y":1},"channel":"C","z":[2,1]}',
    );
  });
});

describe('commands', () => {
  it('match the transcript byte for byte', () => {
    const identifier = identifierFor({ channel: 'NotificationChannel' });
    expect(subscribeCommand(identifier)).toBe(
      '{"command":"subscribe","identifier":"{\\"channel\\":\\"NotificationChannel\\"}"}',
    );
    expect(unsubscribeCommand(identifier)).toBe(
      '{"command":"unsubscribe","identifier":"{\\"channel\\":\\"NotificationChannel\\"}"}',
    );
  });

  it('offers the JSON subprotocol only', () => {
    expect(PROTOCOLS).toEqual(['actioncable-v1-json']);
  });
});
