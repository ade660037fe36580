// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { Message, Room } from '../circle/model';
import { parsePreferences } from '../settings/preferences';
import { message, notification, room } from '../store/testing';
import { alertActions, messageAlerts, notificationAlerts, roomUrl, showsRoom, type AlertContext } from './alert-rules';

const now = 1_000_000;
const rooms = new Map<string, Room>([
  ['dm', room('dm', { kind: 'direct', name: 'Ada' })],
  ['group', room('group', { kind: 'group_chat', name: 'Makers' })],
  ['archived', room('archived', { kind: 'direct', name: 'Old friend', archived: true })],
]);
const ctx = (prefs = {}): AlertContext => ({ memberId: 7, now, preferences: parsePreferences(prefs), communityUrl: 'https://community.example', room: (uuid) => rooms.get(uuid) });
const fresh = (id: number, roomUuid: string, overrides: Partial<Message> = {}) => message(id, roomUuid, { sentAt: now - 1_000, ...overrides });

describe('messageAlerts', () => {
  it('raises one alert per room, for the newest message, with a link into Circle', () => {
    const alerts = messageAlerts([fresh(1, 'group'), fresh(2, 'group', { sentAt: now - 500, body: 'second' })], ctx());
    expect(alerts).toEqual([
      { id: 'room:group', title: 'Makers', message: 'Ada: second (+1)', url: 'https://community.example/messages/group', iconUrl: undefined, actions: ['mark-read', 'mute-room'] },
    ]);
  });

  it('titles a DM with the sender', () => {
    expect(messageAlerts([fresh(1, 'dm', { body: 'hi' })], ctx())[0]).toMatchObject({ title: 'Ada', message: 'hi' });
  });

  it('stays quiet for own messages, muted rooms, old replays, deletions and Do Not Disturb', () => {
    expect(messageAlerts([fresh(1, 'group', { sender: { memberId: 7, name: 'Me' } })], ctx())).toEqual([]);
    expect(messageAlerts([fresh(1, 'group')], ctx({ mutedRooms: ['group'] }))).toEqual([]);
    expect(messageAlerts([fresh(1, 'group', { sentAt: now - 6 * 60_000 })], ctx())).toEqual([]);
    expect(messageAlerts([fresh(1, 'group', { deleted: true })], ctx())).toEqual([]);
    expect(messageAlerts([fresh(1, 'group')], ctx({ doNotDisturb: true }))).toEqual([]);
    expect(messageAlerts([fresh(1, 'group')], ctx({ alerts: false }))).toEqual([]);
  });

  it('with only DMs and mentions, lets through DMs and messages that mention the member', () => {
    const mention = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: 7, label: 'Me' } }] }] };
    const alerts = messageAlerts([fresh(1, 'dm'), fresh(2, 'group'), fresh(3, 'group', { richText: mention, sentAt: now - 100 })], ctx({ onlyDmsAndMentions: true }));
    expect(alerts.map((a) => a.id).sort()).toEqual(['room:dm', 'room:group']);
    expect(messageAlerts([fresh(2, 'group')], ctx({ onlyDmsAndMentions: true }))).toEqual([]);
  });

  it('stays quiet for an archived room', () => {
    expect(messageAlerts([fresh(1, 'archived')], ctx())).toEqual([]);
  });

  it('counts a mention by sgid, as Circle sends it, and says Circle\'s one-line text', () => {
    const richText = {
      body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { sgid: 'sg-7' } }, { type: 'text', text: ' look' }] }] },
      circle_ios_fallback_text: '@Me look',
      sgids_to_object_map: { 'sg-7': { type: 'CommunityMember', id: 7, name: 'Me' } },
    };
    const alerts = messageAlerts([fresh(3, 'group', { richText, body: '' })], ctx({ onlyDmsAndMentions: true }));
    expect(alerts).toMatchObject([{ id: 'room:group', message: 'Ada: @Me look' }]);
    const other = { ...richText, sgids_to_object_map: { 'sg-7': { type: 'CommunityMember', id: 9, name: 'Bo' } } };
    expect(messageAlerts([fresh(3, 'group', { richText: other })], ctx({ onlyDmsAndMentions: true }))).toEqual([]);
  });

  it('keeps only raster avatars as icons', () => {
    const svg = fresh(1, 'dm', { sender: { name: 'Ada', avatarUrl: 'data:image/svg+xml;base64,AAA' } });
    const png = fresh(1, 'dm', { sender: { name: 'Ada', avatarUrl: 'https://cdn.example/a.png' } });
    expect(messageAlerts([svg], ctx())[0]?.iconUrl).toBeUndefined();
    expect(messageAlerts([png], ctx())[0]?.iconUrl).toBe('https://cdn.example/a.png');
    // Plain http only where settings allow it: a local Circle.
    const local = fresh(1, 'dm', { sender: { name: 'Ada', avatarUrl: 'http://127.0.0.1:4400/a.png' } });
    const plain = fresh(1, 'dm', { sender: { name: 'Ada', avatarUrl: 'http://cdn.example/a.png' } });
    expect(messageAlerts([local], ctx())[0]?.iconUrl).toBe('http://127.0.0.1:4400/a.png');
    expect(messageAlerts([plain], ctx())[0]?.iconUrl).toBeUndefined();
  });
});

describe('notificationAlerts', () => {
  it('raises unread, recent notifications with only http(s) links', () => {
    const alerts = notificationAlerts(
      [
        notification(1, { createdAt: now - 100, displayAction: 'mentioned you in', notifiableTitle: 'Launch plans', url: 'https://community.example/p/1' }),
        notification(2, { createdAt: now - 100, url: 'javascript:alert(1)' }),
        notification(3, { createdAt: now - 100, readAt: now }),
        notification(4, { createdAt: now - 10 * 60_000 }),
      ],
      ctx(),
    );
    expect(alerts.map((a) => [a.id, a.url])).toEqual([
      ['notification:1', 'https://community.example/p/1'],
      ['notification:2', undefined],
    ]);
    expect(alerts[0]).toMatchObject({ title: 'Ada', message: 'mentioned you in Launch plans' });
  });
});

describe('a room\'s own alert choice', () => {
  const mention = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'mention', attrs: { id: 7, label: 'Me' } }] }] };

  it('"every" alerts for each message even when the member wants only DMs and mentions', () => {
    expect(messageAlerts([fresh(1, 'group')], ctx({ onlyDmsAndMentions: true, roomAlerts: { group: 'every' } })).map((a) => a.id)).toEqual(['room:group']);
  });

  it('"mentions" alerts only for a mention, in a group and in a DM alike', () => {
    const prefs = { roomAlerts: { group: 'mentions', dm: 'mentions' } };
    expect(messageAlerts([fresh(1, 'group'), fresh(2, 'dm')], ctx(prefs))).toEqual([]);
    expect(messageAlerts([fresh(3, 'group', { richText: mention }), fresh(4, 'dm', { richText: mention })], ctx(prefs)).map((a) => a.id).sort()).toEqual(['room:dm', 'room:group']);
  });

  it('"never" is a mute, whatever the room\'s own choice said', () => {
    expect(messageAlerts([fresh(1, 'group')], ctx({ mutedRooms: ['group'], roomAlerts: { group: 'every' } }))).toEqual([]);
  });

  it('leaves the other rooms to the general choice, and Do Not Disturb above every choice', () => {
    const prefs = { onlyDmsAndMentions: true, roomAlerts: { dm: 'mentions' } };
    expect(messageAlerts([fresh(1, 'group'), fresh(2, 'dm')], ctx(prefs))).toEqual([]);
    expect(messageAlerts([fresh(1, 'group')], ctx({ doNotDisturb: true, roomAlerts: { group: 'every' } }))).toEqual([]);
  });
});

describe('alert buttons', () => {
  it('a room alert has "mark read" and "mute room", a notification "mark read" only, in the order alertActions gives', () => {
    expect(messageAlerts([fresh(1, 'group')], ctx())[0]?.actions).toEqual(alertActions('room:group'));
    expect(alertActions('room:group')).toEqual(['mark-read', 'mute-room']);
    expect(alertActions('notification:5')).toEqual(['mark-read']);
    expect(alertActions('summary')).toEqual([]);
  });
});

describe('showsRoom', () => {
  const community = 'https://community.example';
  it('knows the room\'s page on the community\'s origin, with a query or a deeper path', () => {
    expect(showsRoom('https://community.example/messages/group', community, 'group')).toBe(true);
    expect(showsRoom('https://community.example/messages/group?message_id=4', community, 'group')).toBe(true);
    expect(showsRoom('https://community.example/messages/group/threads/9', community, 'group')).toBe(true);
    expect(roomUrl(`${community}/`, 'a b')).toBe('https://community.example/messages/a%20b');
  });

  it('is not fooled by another room, another origin or port, or an address it could not read', () => {
    expect(showsRoom('https://community.example/messages/groupie', community, 'group')).toBe(false);
    expect(showsRoom('https://community.example/messages', community, 'group')).toBe(false);
    expect(showsRoom('https://evil.example/messages/group', community, 'group')).toBe(false);
    expect(showsRoom('https://community.example:8443/messages/group', community, 'group')).toBe(false);
    expect(showsRoom(undefined, community, 'group')).toBe(false);
    expect(showsRoom('not a url', community, 'group')).toBe(false);
  });
});
