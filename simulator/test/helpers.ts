/**
 * Test helpers: a simulator on a free port with a fast heartbeat, a JSON HTTP client, and a
 * cable client already subscribed to what a test needs.
 */
import type { SimulatorOptions } from '../config';
import type { Simulator } from '../index';
import { DEMO, startSimulator } from '../index';
import type { RawClient } from '../testing/raw-client';
import { connect } from '../testing/raw-client';

export const FAST = { port: 0, pingIntervalMs: 200 } satisfies SimulatorOptions;

export function startTestSim(options: SimulatorOptions = {}): Promise<Simulator> {
  return startSimulator({ ...FAST, ...options });
}

export interface HttpResult<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Circle's error body. */
export interface ErrorBody {
  success: false;
  message: string;
  error_details: Record<string, unknown>;
}

/** The body type is what the test expects; the assertions that read it check it. */
export async function request<T = ErrorBody>(sim: Simulator, method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`${sim.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? null : JSON.parse(text)) as T, headers: response.headers };
}

/** A member-API client for one access token. */
export function memberApi(sim: Simulator, token: string) {
  const base = '/api/headless/v1';
  return {
    get: <T = ErrorBody>(path: string) => request<T>(sim, 'GET', `${base}${path}`, { token }),
    post: <T = ErrorBody>(path: string, body: unknown = {}) => request<T>(sim, 'POST', `${base}${path}`, { token, body }),
    put: <T = ErrorBody>(path: string, body: unknown) => request<T>(sim, 'PUT', `${base}${path}`, { token, body }),
    del: <T = ErrorBody>(path: string) => request<T>(sim, 'DELETE', `${base}${path}`, { token }),
  };
}

export const control = <T = ErrorBody>(sim: Simulator, method: string, path: string, body?: unknown) =>
  request<T>(sim, method, `/_sim${path}`, { body });

export const ids = {
  notifications: (memberId: number) => JSON.stringify({ channel: 'NotificationChannel', community_member_id: memberId }),
  rooms: (memberId: number) => JSON.stringify({ channel: 'ChatRoomChannel', community_member_id: memberId }),
  threads: (memberId: number) => JSON.stringify({ channel: 'Chats::CommunityMemberThreadsChannel', community_member_id: memberId }),
  room: (roomId: number) => JSON.stringify({ channel: 'Chats::RoomChannel', chat_room_id: roomId }),
};

/** A socket for `memberId`, welcomed and confirmed on every identifier given. */
export async function subscribedCable(sim: Simulator, memberId: number, identifiers: string[]): Promise<RawClient> {
  const token = sim.issueTokens(memberId).access_token;
  const client = await connect(sim.cableUrl, { origin: DEMO.origin, token });
  await client.take(1);
  for (const identifier of identifiers) client.subscribe(identifier);
  const frames = await client.take(identifiers.length);
  if (!frames.every((frame) => frame.endsWith('"type":"confirm_subscription"}'))) throw new Error(`not confirmed: ${frames.join(' ')}`);
  return client;
}

const isBroadcastOn = (identifier: string) => (frame: string) => frame.startsWith(`{"identifier":${JSON.stringify(identifier)},"message":`);

/** The `message` of the next broadcast frame on `identifier`, parsed. */
export async function nextMessage<T = Record<string, unknown>>(client: RawClient, identifier: string): Promise<T> {
  const frame = await client.waitFor(isBroadcastOn(identifier));
  return (JSON.parse(frame) as { message: T }).message;
}

/** Broadcast frames on `identifier` that arrived within `ms`. */
export async function messagesWithin(client: RawClient, identifier: string, ms = 150): Promise<Record<string, unknown>[]> {
  const frames = await client.quiet(ms);
  return frames.filter(isBroadcastOn(identifier)).map((frame) => (JSON.parse(frame) as { message: Record<string, unknown> }).message);
}
