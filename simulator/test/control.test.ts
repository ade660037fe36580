// @vitest-environment node
/**
 * The /_sim/ control API: faults, configuration and introspection.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionInfo, RefusedHandshake, Simulator, TokenPair } from '../index';
import { DEMO, tokenDigest } from '../index';
import type { MessageRecord } from '../records';
import { connect, openRaw } from '../testing/raw-client';
import { control, ids, memberApi, nextMessage, request, startTestSim, subscribedCable } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await startTestSim();
});
afterEach(() => sim.stop());

const WELCOME = '{"type":"welcome"}';
const REMOTE = '{"type":"disconnect","reason":"remote","reconnect":true}';
const demoSocket = (token = sim.issueTokens(DEMO.memberId).access_token) => connect(sim.cableUrl, { origin: DEMO.origin, token });

describe('introspection', () => {
  it('health answers, and connections list member, origin, header presence and subscriptions but never the token', async () => {
    expect(await control(sim, 'GET', '/health')).toMatchObject({ status: 200, body: { ok: true, envelope: 'event', compat: 'rails71' } });
    const token = sim.issueTokens(DEMO.memberId).access_token;
    const client = await subscribedCable(sim, DEMO.memberId, [ids.notifications(DEMO.memberId), ids.rooms(DEMO.memberId)]);
    const other = await demoSocket(token);
    await other.take(1);
    const { body } = await control<{ connections: ConnectionInfo[] }>(sim, 'GET', '/connections');
    expect(body.connections).toHaveLength(2);
    expect(body.connections[0]).toEqual({
      id: expect.any(String), community_member_id: DEMO.memberId, origin: DEMO.origin, authorization_header: true,
      token_digest: expect.stringMatching(/^[0-9a-f]{16}$/), cable_mark: null, query_keys: [],
      subscriptions: [ids.notifications(DEMO.memberId), ids.rooms(DEMO.memberId)], opened_at: expect.any(String), state: 'open',
    });
    expect(body.connections[1]!.token_digest).toBe(tokenDigest(token));
    expect(body.connections[0]!.token_digest).not.toBe(tokenDigest(token));
    expect(JSON.stringify(body)).not.toContain(token.split('.')[2]);
    client.close();
    other.close();
  });

  it('two Circles on one host: each socket shows the digest of the token it carried and its URL mark; the other Circle\'s token is refused as not issued there', async () => {
    const second = await startTestSim({ seed: 7, origins: ['https://second.example'] });
    try {
      const mine = sim.issueTokens(DEMO.memberId).access_token;
      const theirs = second.issueTokens(2401).access_token;
      const a = await connect(`${sim.cableUrl}?circle_live=aaaa1111`, { origin: DEMO.origin, token: mine });
      const b = await connect(`${second.cableUrl}?circle_live=bbbb2222`, { origin: 'https://second.example', token: theirs });
      expect([await a.next(), await b.next()]).toEqual([WELCOME, WELCOME]);
      const listed = async (target: Simulator) => (await control<{ connections: ConnectionInfo[]; refused: RefusedHandshake[] }>(target, 'GET', '/connections')).body;
      expect((await listed(sim)).connections.map((c) => [c.community_member_id, c.token_digest, c.cable_mark, c.query_keys])).toEqual([[DEMO.memberId, tokenDigest(mine), 'aaaa1111', ['circle_live']]]);
      expect((await listed(second)).connections.map((c) => [c.community_member_id, c.token_digest, c.cable_mark])).toEqual([[2401, tokenDigest(theirs), 'bbbb2222']]);

      // The first Circle's token on the second one's cable: a signature it never made.
      const crossed = await connect(`${second.cableUrl}?circle_live=aaaa1111`, { origin: 'https://second.example', token: mine });
      expect(await crossed.next()).toBe('{"type":"disconnect","reason":"unauthorized","reconnect":false}');
      await openRaw(`${second.cableUrl}?circle_live=bbbb2222`, { origin: DEMO.origin, token: theirs });
      await openRaw(second.cableUrl, { origin: 'https://second.example' }).then((h) => (h.kind === 'open' ? h.client.closed : undefined));
      const { refused, connections } = await listed(second);
      expect(connections).toHaveLength(1);
      expect(refused).toEqual([
        { at: expect.any(String), reason: 'unauthorized', token: 'invalid', token_digest: tokenDigest(mine), origin: 'https://second.example', cable_mark: 'aaaa1111' },
        { at: expect.any(String), reason: 'origin', token_digest: null, origin: DEMO.origin, cable_mark: 'bbbb2222' },
        { at: expect.any(String), reason: 'unauthorized', token: 'none', token_digest: null, origin: 'https://second.example', cable_mark: null },
      ]);
      expect(JSON.stringify(refused)).not.toContain(mine.split('.')[2]);
      a.close();
      b.close();
    } finally {
      await second.stop();
    }
  });

  it('issues tokens directly; 404 for an unknown member; unknown routes 404', async () => {
    const pair = await control<TokenPair>(sim, 'POST', '/tokens', { community_member_id: 2405 });
    expect(pair.body).toMatchObject({ community_member_id: 2405, access_token: expect.any(String), refresh_token: expect.any(String) });
    expect((await memberApi(sim, pair.body.access_token).get<{ id: number }>('/community_member')).body.id).toBe(2405);
    expect((await control(sim, 'POST', '/tokens', { community_member_id: 1 })).status).toBe(404);
    expect((await control(sim, 'POST', '/nope')).status).toBe(404);
    expect((await control(sim, 'POST', '/kill', { ms: 'soon' })).status).toBe(422);
  });
});

describe('faults', () => {
  it('restart: server_restart frame and close 1000 for everyone', async () => {
    const client = await demoSocket();
    await client.take(1);
    expect((await control(sim, 'POST', '/restart')).body).toEqual({ closed: 1 });
    expect(await client.next()).toBe('{"type":"disconnect","reason":"server_restart","reconnect":true}');
    expect((await client.closed).code).toBe(1000);
  });

  it('disconnect: a remote disconnect with the Rails 7.1 frame by default', async () => {
    const client = await demoSocket();
    await client.take(1);
    expect((await control(sim, 'POST', '/disconnect', { community_member_id: DEMO.memberId })).body).toEqual({ closed: 1 });
    expect(await client.next()).toBe(REMOTE);
    expect((await client.closed).code).toBe(1000);
  });

  it('kill: sockets die without a frame (1006), upgrades are refused for a while, REST keeps answering', async () => {
    const client = await demoSocket();
    await client.take(1);
    expect((await control(sim, 'POST', '/kill', { ms: 400 })).body).toMatchObject({ terminated: 1 });
    expect((await client.closed).code).toBe(1006);
    expect(client.pending()).toEqual([]);
    const refused = await openRaw(sim.cableUrl, { origin: DEMO.origin, token: sim.issueTokens(DEMO.memberId).access_token });
    expect(refused.kind).toBe('error');
    expect((await control(sim, 'GET', '/health')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 450));
    const back = await demoSocket();
    expect(await back.next()).toBe(WELCOME);
    back.close();
  });

  it('half-open: the member\'s sockets go silent (no pings, no broadcasts), others are served, then they are dropped', async () => {
    const silent = await subscribedCable(sim, DEMO.memberId, [ids.notifications(DEMO.memberId)]);
    const bystander = await subscribedCable(sim, 2401, [ids.notifications(2401)]);
    await silent.nextPing();
    expect((await control(sim, 'POST', '/half-open', { member_id: DEMO.memberId, ms: 700 })).body).toEqual({ silenced: 1 });
    const pingsBefore = silent.pingCount();
    expect((await control(sim, 'POST', '/broadcast', { stream: `notification-channel-${DEMO.memberId}`, payload: { x: 1 } })).body).toEqual({ delivered: 0 });
    silent.subscribe(ids.rooms(DEMO.memberId));
    const fresh = await subscribedCable(sim, DEMO.memberId, [ids.notifications(DEMO.memberId)]);
    await control(sim, 'POST', '/broadcast', { stream: `notification-channel-${DEMO.memberId}`, payload: { x: 2 } });
    expect(await nextMessage(fresh, ids.notifications(DEMO.memberId))).toEqual({ x: 2 });
    await bystander.nextPing();
    await bystander.nextPing();
    expect(silent.pingCount()).toBe(pingsBefore);
    expect(silent.pending()).toEqual([]);
    expect(silent.isOpen).toBe(true);
    expect((await control<{ connections: ConnectionInfo[] }>(sim, 'GET', '/connections')).body.connections.map((c) => c.state).sort()).toEqual(['open', 'open', 'silent']);
    expect((await silent.closed).code).toBe(1006);
    fresh.close();
    bystander.close();
  });

  it('revoke: an access token\'s sockets get a remote disconnect; a revoked or expired token is refused at connect', async () => {
    const pair = sim.issueTokens(DEMO.memberId);
    const client = await demoSocket(pair.access_token);
    await client.take(1);
    expect((await control(sim, 'POST', '/revoke', { token: pair.access_token })).body).toEqual({ revoked: 'access', disconnected: 1 });
    expect(await client.next()).toBe(REMOTE);
    const unauthorized = '{"type":"disconnect","reason":"unauthorized","reconnect":false}';
    const again = await demoSocket(pair.access_token);
    expect(await again.next()).toBe(unauthorized);
    expect((await again.closed).code).toBe(1000);
    const expired = await demoSocket(sim.issueTokens(DEMO.memberId, { accessTokenTtlSeconds: 0 }).access_token);
    expect(await expired.next()).toBe(unauthorized);
    expect((await control(sim, 'POST', '/revoke', { token: pair.refresh_token })).body).toEqual({ revoked: 'refresh', disconnected: 0 });
    expect((await control(sim, 'POST', '/revoke', { token: 'never-issued' })).status).toBe(404);
  });
});

describe('configuration', () => {
  it('rails61 compat: a remote disconnect sends no frame', async () => {
    await control(sim, 'POST', '/config', { compat: 'rails61' });
    const client = await demoSocket();
    await client.take(1);
    await control(sim, 'POST', '/disconnect', { community_member_id: DEMO.memberId });
    expect((await client.closed).code).toBe(1000);
    expect(client.pending()).toEqual([]);
  });

  it('subprotocol off: the client refuses the answer; rejected channels; ping interval', async () => {
    const config = await control<Record<string, unknown>>(sim, 'POST', '/config', { subprotocol: false, reject_channels: ['ChatRoomChannel'], ping_interval_ms: 50 });
    expect(config.body).toMatchObject({ subprotocol: false, reject_channels: ['ChatRoomChannel'], ping_interval_ms: 50 });
    expect(JSON.stringify(config.body)).not.toContain(DEMO.appToken);
    const token = sim.issueTokens(DEMO.memberId).access_token;
    expect(await openRaw(sim.cableUrl, { origin: DEMO.origin, token })).toEqual({ kind: 'error', message: 'Server sent no subprotocol' });
    await control(sim, 'POST', '/config', { subprotocol: true });
    const client = await demoSocket(token);
    await client.take(1);
    client.subscribe(ids.rooms(DEMO.memberId));
    expect(await client.next()).toBe(`{"identifier":${JSON.stringify(ids.rooms(DEMO.memberId))},"type":"reject_subscription"}`);
    const started = Date.now();
    for (let count = 0; count < 3; count += 1) await client.nextPing();
    expect(Date.now() - started).toBeLessThan(600);
    expect((await control(sim, 'POST', '/config', { ping_interval_ms: 'fast' })).status).toBe(422);
    client.close();
  });

  it('origins can change at run time', async () => {
    await control(sim, 'POST', '/config', { origins: ['https://other.example'] });
    const token = sim.issueTokens(DEMO.memberId).access_token;
    expect(await openRaw(sim.cableUrl, { origin: DEMO.origin, token })).toEqual({ kind: 'http', status: 404, body: 'Page not found' });
    const client = await connect(sim.cableUrl, { origin: 'https://other.example', token });
    expect(await client.next()).toBe(WELCOME);
    client.close();
  });
});

describe('activity and helpers', () => {
  it('activity makes other members post into the demo user\'s rooms until stopped', async () => {
    const rooms = sim.community.roomsOf(DEMO.memberId);
    const client = await subscribedCable(sim, DEMO.memberId, rooms.map((room) => ids.room(room.id)));
    expect((await control(sim, 'POST', '/activity', { per_minute: 600 })).body).toEqual({ per_minute: 600 });
    const frame = await client.waitFor((f) => f.includes('"event":"newMessage"'));
    const message = (JSON.parse(frame) as { message: MessageRecord }).message;
    expect(message.sender.community_member_id).not.toBe(DEMO.memberId);
    await control(sim, 'POST', '/activity', { per_minute: 0 });
    expect((await control(sim, 'GET', '/health')).body).toMatchObject({ activity_per_minute: 0 });
    client.close();
  });

  it('POST /_sim/messages validates its room, sender and body', async () => {
    const [room] = sim.community.roomsOf(DEMO.memberId);
    expect((await control(sim, 'POST', '/messages', { chat_room_uuid: 'nope', sender_member_id: DEMO.memberId, body: 'x' })).status).toBe(404);
    expect((await control(sim, 'POST', '/messages', { chat_room_uuid: room?.uuid, sender_member_id: 2412, body: 'x' })).status).toBe(room?.participants.some((p) => p.memberId === 2412) ? 201 : 403);
    expect((await control(sim, 'POST', '/messages', { chat_room_uuid: room?.uuid, sender_member_id: DEMO.memberId, body: '' })).status).toBe(422);
    expect((await request(sim, 'PUT', '/_sim/messages/1', { body: { body: 'x' } })).status).toBe(404);
  });
});
