import type { Worker } from '@playwright/test';
import { badgeText, connections, control, DEMO, storeDump, type Simulator } from './circle';

/** Circle's truth for the demo member, over the simulator's own REST API. */
async function circleTruth(sim: Simulator) {
  const { access_token } = await control<{ access_token: string }>(sim, 'tokens', { community_member_id: DEMO.memberId });
  const get = async <T,>(path: string) =>
    (await (await fetch(`${sim.url}/api/headless/v1${path}`, { headers: { Authorization: `Bearer ${access_token}` } })).json()) as T;
  const rooms = (await get<{ records: { uuid: string; unread_messages_count: number }[] }>('/messages?page=1&per_page=100')).records;
  const messages = new Map<string, number[]>();
  for (const room of rooms) {
    const window = await get<{ records: { id: number; parent_message_id: number | null }[] }>(`/messages/${room.uuid}/chat_room_messages?previous_per_page=100&next_per_page=0`);
    messages.set(room.uuid, window.records.filter((m) => m.parent_message_id === null).map((m) => m.id));
  }
  const count = (await get<{ new_notifications_count: number }>('/notifications/new_notifications_count')).new_notifications_count;
  return { rooms, messages, count };
}

/**
 * The extension's cache against Circle's truth: every room's unread, no message missing
 * from the newest one stored down to the oldest one it holds (no gap), none it holds that
 * Circle does not have, the badge, and at most one socket for the member.
 */
export async function convergence(sim: Simulator, worker: Worker): Promise<string[]> {
  const [truth, dump, badge, sockets] = await Promise.all([circleTruth(sim), storeDump(worker), badgeText(worker), connections(sim)]);
  const problems: string[] = [];
  for (const room of truth.rooms) {
    const stored = dump.rooms.find((r) => r.uuid === room.uuid && !r.deleted);
    if (!stored) problems.push(`room ${room.uuid} missing`);
    else if (stored.unread !== room.unread_messages_count) problems.push(`room ${room.uuid} unread ${stored.unread} ≠ ${room.unread_messages_count}`);
    const held = dump.messages.filter((m) => m.roomUuid === room.uuid && !m.deleted && !m.placeholder && !(m as { parentId?: number }).parentId).map((m) => m.id);
    const circle = truth.messages.get(room.uuid) ?? [];
    const oldest = Math.min(...held);
    const missing = circle.filter((id) => id >= oldest && !held.includes(id));
    const extra = held.filter((id) => !circle.includes(id) && id >= (circle[0] ?? Infinity));
    if (missing.length) problems.push(`room ${room.uuid} misses ${missing.length} messages`);
    if (extra.length) problems.push(`room ${room.uuid} holds ${extra.length} messages Circle has not`);
  }
  const expectedBadge = truth.count > 99 ? '99+' : truth.count > 0 ? String(truth.count) : '';
  if (badge !== expectedBadge) problems.push(`badge "${badge}" ≠ "${expectedBadge}"`);
  const mine = sockets.filter((c) => c.community_member_id === DEMO.memberId && c.state === 'open');
  if (mine.length > 1) problems.push(`${mine.length} sockets for the member`);
  return problems;
}

export async function handshakes(sim: Simulator): Promise<number> {
  return (await control<{ handshakes: number }>(sim, 'health')).handshakes;
}
