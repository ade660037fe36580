/**
 * The cable scenarios, written once and run against both the simulator and a real Rails
 * ActionCable server: any drift between the two fails a test. Expected frames are exact
 * strings; within one `expect` step their order is free, because Rails hands commands to a
 * worker pool and answers them in any order.
 */
import type { CableTarget } from './targets';

export interface Connect {
  /** `host` is the server's own http://host:port, which Rails allows by default. */
  origin?: 'allowed' | 'foreign' | 'none' | 'host';
  auth?: 'member' | 'garbage' | 'none';
  protocols?: string[];
}

type Of<T> = (t: CableTarget) => T;

export type Step =
  | { send: Of<string> }
  | { subscribe: Of<string> }
  | { unsubscribe: Of<string> }
  | { expect: Of<string[]> }
  | { expectNothing: true }
  | { broadcast: Of<string>; payload: unknown }
  | { trigger: 'restart' | 'disconnect' }
  | { expectClose: number }
  | { expectPing: true };

export type Handshake = { http: { status: number; body: string } } | { error: string };

export interface Scenario {
  name: string;
  connect?: Connect;
  /** A plain GET of /cable, no upgrade. */
  plainGet?: boolean;
  /** For a handshake that must not open. */
  handshake?: Handshake;
  protocol?: string;
  steps?: Step[];
}

export const WELCOME = '{"type":"welcome"}';

const id = (params: Record<string, unknown>): string => JSON.stringify(params);
export const channels = {
  notifications: (t: CableTarget) => id({ channel: 'NotificationChannel', community_member_id: t.member.id }),
  rooms: (t: CableTarget) => id({ channel: 'ChatRoomChannel', community_member_id: t.member.id }),
  threads: (t: CableTarget) => id({ channel: 'Chats::CommunityMemberThreadsChannel', community_member_id: t.member.id }),
  room: (t: CableTarget) => id({ channel: 'Chats::RoomChannel', chat_room_id: t.roomId }),
};
export const streamsOf = {
  notifications: (t: CableTarget) => `notification-channel-${t.member.id}`,
  rooms: (t: CableTarget) => `chat-room-channel-${t.member.id}`,
  threads: (t: CableTarget) => `chat-community-member-${t.member.id}-threads-channel`,
  room: (t: CableTarget) => `chat-room-${t.roomId}-channel`,
};

/** Rails' frames, spelled out. JSON.stringify of an identifier matches Rails while it holds no <, > or &. */
const confirm = (identifier: string) => `{"identifier":${JSON.stringify(identifier)},"type":"confirm_subscription"}`;
const reject = (identifier: string) => `{"identifier":${JSON.stringify(identifier)},"type":"reject_subscription"}`;
const message = (identifier: string, encoded: string) => `{"identifier":${JSON.stringify(identifier)},"message":${encoded}}`;

const welcomed = (...steps: Step[]): Step[] => [{ expect: () => [WELCOME] }, ...steps];
const subscribed = (identifier: Of<string>, ...steps: Step[]): Step[] =>
  welcomed({ subscribe: identifier }, { expect: (t) => [confirm(identifier(t))] }, ...steps);

const GARBAGE: Of<string>[] = [
  () => 'not json at all',
  () => '[1,2,3]',
  () => '"a string"',
  () => '{"command":"subscribe"}',
  () => '{"command":"subscribe","identifier":"not json"}',
  () => '{"command":"subscribe","identifier":{"channel":"NotificationChannel"}}',
  () => '{"command":"subscribe","identifier":"{\\"community_member_id\\":1}"}',
  () => '{"command":"launch","identifier":"{}"}',
  (t) => JSON.stringify({ command: 'message', identifier: channels.notifications(t), data: '{"action":"speak"}' }),
];

export const SCENARIOS: Scenario[] = [
  { name: 'welcome on connect, with the actioncable-v1-json subprotocol', protocol: 'actioncable-v1-json', steps: welcomed() },
  { name: 'a ping with the unix time in seconds, repeatedly', steps: welcomed({ expectPing: true }, { expectPing: true }) },
  ...(['notifications', 'rooms', 'threads', 'room'] as const).map((kind): Scenario => ({
    name: `subscribe ${kind}: confirm echoes the identifier, then a broadcast arrives verbatim`,
    steps: subscribed(
      channels[kind],
      { broadcast: streamsOf[kind], payload: { event: 'newMessage', id: 7, body: 'hi', nested: { b: 1, a: [true, null] } } },
      { expect: (t) => [message(channels[kind](t), '{"event":"newMessage","id":7,"body":"hi","nested":{"b":1,"a":[true,null]}}')] },
    ),
  })),
  {
    name: 'all four channels at once: confirmations in any order',
    steps: welcomed(
      ...Object.values(channels).map((identifier): Step => ({ subscribe: identifier })),
      { expect: (t) => Object.values(channels).map((identifier) => confirm(identifier(t))) },
    ),
  },
  {
    name: 'the identifier is echoed byte for byte (spacing, key order)',
    steps: welcomed(
      { subscribe: (t) => `{ "community_member_id" : ${t.member.id},  "channel":"NotificationChannel" }` },
      { expect: (t) => [confirm(`{ "community_member_id" : ${t.member.id},  "channel":"NotificationChannel" }`)] },
    ),
  },
  {
    name: 'a member id given as a string is accepted',
    steps: welcomed(
      { subscribe: (t) => id({ channel: 'ChatRoomChannel', community_member_id: String(t.member.id) }) },
      { expect: (t) => [confirm(id({ channel: 'ChatRoomChannel', community_member_id: String(t.member.id) }))] },
    ),
  },
  {
    name: 'HTML-unsafe characters are escaped as Rails does, in identifiers and messages',
    steps: welcomed(
      { subscribe: (t) => id({ channel: 'NotificationChannel', community_member_id: t.member.id, tag: '<b>&</b>' }) },
      { expect: (t) => [`{"identifier":"{\\"channel\\":\\"NotificationChannel\\",\\"community_member_id\\":${t.member.id},\\"tag\\":\\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\\"}","type":"confirm_subscription"}`] },
      { broadcast: streamsOf.notifications, payload: { html: '<p>Tom & Jerry</p>', text: 'café 😀 \u2028 \u2029 / \u0001 "q" \\' } },
      { expect: (t) => [`{"identifier":"{\\"channel\\":\\"NotificationChannel\\",\\"community_member_id\\":${t.member.id},\\"tag\\":\\"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\\"}","message":{"html":"\\u003cp\\u003eTom \\u0026 Jerry\\u003c/p\\u003e","text":"café 😀 \\u2028 \\u2029 / \\u0001 \\"q\\" \\\\"}}`] },
    ),
  },
  {
    name: 'a broadcast payload that is a string or an array goes out as is',
    steps: subscribed(
      channels.rooms,
      { broadcast: streamsOf.rooms, payload: 'plain text' },
      { expect: (t) => [message(channels.rooms(t), '"plain text"')] },
      { broadcast: streamsOf.rooms, payload: [1, 'two', { three: 3 }] },
      { expect: (t) => [message(channels.rooms(t), '[1,"two",{"three":3}]')] },
    ),
  },
  {
    name: 'two identifiers on one stream each get the broadcast',
    steps: subscribed(
      channels.notifications,
      { subscribe: (t) => id({ community_member_id: t.member.id, channel: 'NotificationChannel' }) },
      { expect: (t) => [confirm(id({ community_member_id: t.member.id, channel: 'NotificationChannel' }))] },
      { broadcast: streamsOf.notifications, payload: { n: 1 } },
      { expect: (t) => [message(channels.notifications(t), '{"n":1}'), message(id({ community_member_id: t.member.id, channel: 'NotificationChannel' }), '{"n":1}')] },
    ),
  },
  {
    name: 'another member\'s channels are rejected',
    steps: welcomed(
      ...(['NotificationChannel', 'ChatRoomChannel', 'Chats::CommunityMemberThreadsChannel'] as const).map((channel): Step => ({
        subscribe: (t) => id({ channel, community_member_id: t.otherMemberId }),
      })),
      { expect: (t) => ['NotificationChannel', 'ChatRoomChannel', 'Chats::CommunityMemberThreadsChannel'].map((channel) => reject(id({ channel, community_member_id: t.otherMemberId }))) },
    ),
  },
  {
    name: 'a member id missing from the identifier is rejected',
    steps: welcomed({ subscribe: () => id({ channel: 'NotificationChannel' }) }, { expect: () => [reject(id({ channel: 'NotificationChannel' }))] }),
  },
  {
    name: 'a room the member is not in, a string room id and an unknown room are rejected',
    steps: welcomed(
      { subscribe: (t) => id({ channel: 'Chats::RoomChannel', chat_room_id: t.foreignRoomId }) },
      { subscribe: (t) => id({ channel: 'Chats::RoomChannel', chat_room_id: String(t.roomId) }) },
      { subscribe: () => id({ channel: 'Chats::RoomChannel', chat_room_id: 987654321 }) },
      {
        expect: (t) => [
          reject(id({ channel: 'Chats::RoomChannel', chat_room_id: t.foreignRoomId })),
          reject(id({ channel: 'Chats::RoomChannel', chat_room_id: String(t.roomId) })),
          reject(id({ channel: 'Chats::RoomChannel', chat_room_id: 987654321 })),
        ],
      },
    ),
  },
  {
    name: 'a rejected subscription is rejected again when repeated',
    steps: welcomed(
      { subscribe: (t) => id({ channel: 'ChatRoomChannel', community_member_id: t.otherMemberId }) },
      { expect: (t) => [reject(id({ channel: 'ChatRoomChannel', community_member_id: t.otherMemberId }))] },
      { subscribe: (t) => id({ channel: 'ChatRoomChannel', community_member_id: t.otherMemberId }) },
      { expect: (t) => [reject(id({ channel: 'ChatRoomChannel', community_member_id: t.otherMemberId }))] },
    ),
  },
  {
    name: 'no frame for an unknown channel',
    steps: welcomed({ subscribe: () => id({ channel: 'PresenceChannel' }) }, { expectNothing: true }),
  },
  {
    name: 'no frame for a duplicate subscribe',
    steps: subscribed(channels.notifications, { subscribe: channels.notifications }, { expectNothing: true }),
  },
  {
    name: 'no frame for an unsubscribe, and no broadcast after it',
    steps: subscribed(
      channels.threads,
      { unsubscribe: channels.threads },
      { expectNothing: true },
      { broadcast: streamsOf.threads, payload: { after: 'unsubscribe' } },
      { expectNothing: true },
    ),
  },
  {
    name: 'no frame for an unsubscribe of something never subscribed',
    steps: welcomed({ unsubscribe: channels.rooms }, { expectNothing: true }),
  },
  {
    name: 'no frame for garbage, and the connection keeps working',
    steps: welcomed(
      ...GARBAGE.map((send): Step => ({ send })),
      { expectNothing: true },
      { subscribe: channels.room },
      { expect: (t) => [confirm(channels.room(t))] },
    ),
  },
  {
    name: 'no frame for a broadcast on another member\'s stream',
    steps: subscribed(channels.notifications, { broadcast: (t) => `notification-channel-${t.otherMemberId}`, payload: { n: 1 } }, { expectNothing: true }),
  },
  {
    name: 'a bad token: 101, then disconnect unauthorized without reconnect, then close 1000',
    connect: { auth: 'garbage' },
    steps: [{ expect: () => ['{"type":"disconnect","reason":"unauthorized","reconnect":false}'] }, { expectClose: 1000 }],
  },
  {
    name: 'no Authorization header: disconnect unauthorized, close 1000',
    connect: { auth: 'none' },
    steps: [{ expect: () => ['{"type":"disconnect","reason":"unauthorized","reconnect":false}'] }, { expectClose: 1000 }],
  },
  { name: 'a foreign Origin: HTTP 404 "Page not found", no upgrade', connect: { origin: 'foreign' }, handshake: { http: { status: 404, body: 'Page not found' } } },
  { name: 'no Origin: HTTP 404 "Page not found"', connect: { origin: 'none' }, handshake: { http: { status: 404, body: 'Page not found' } } },
  { name: 'the server\'s own origin is allowed (allow_same_origin_as_host)', connect: { origin: 'host' }, steps: welcomed() },
  { name: 'a plain GET of /cable: 404 "Page not found"', plainGet: true, handshake: { http: { status: 404, body: 'Page not found' } } },
  { name: 'an unknown subprotocol only: the server picks none and the client refuses', connect: { protocols: ['graphql-ws'] }, handshake: { error: 'Server sent no subprotocol' } },
  { name: 'no subprotocol offered: the server answers anyway', connect: { protocols: [] }, protocol: '', steps: welcomed() },
  {
    name: 'remote disconnect (Rails 6.1): no frame, close 1000',
    steps: subscribed(channels.notifications, { trigger: 'disconnect' }, { expectClose: 1000 }),
  },
  {
    name: 'server restart: disconnect server_restart with reconnect, close 1000',
    steps: subscribed(channels.rooms, { trigger: 'restart' }, { expect: () => ['{"type":"disconnect","reason":"server_restart","reconnect":true}'] }, { expectClose: 1000 }),
  },
];
