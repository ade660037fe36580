/**
 * The two servers the cable scenarios run against: the simulator, and a real Rails
 * ActionCable server (Debian's Rails 6.1 under Puma, app in tests/fixtures/rails). Each target
 * describes its members, rooms and triggers the same way, so one scenario fits both.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Simulator } from '../../simulator';
import { DEMO, startSimulator } from '../../simulator';

export const PING_INTERVAL_MS = 200;

export interface CableTarget {
  name: string;
  httpUrl: string;
  cableUrl: string;
  origin: string;
  member: { id: number; token: string };
  otherMemberId: number;
  /** A room the member takes part in, and one they do not. */
  roomId: number;
  foreignRoomId: number;
  broadcast(stream: string, payload: unknown): Promise<void>;
  restart(): Promise<void>;
  /** Rails' remote disconnect of every socket of a member. */
  disconnect(memberId: number): Promise<void>;
  stop(): Promise<void>;
}

async function post(url: string, body: unknown = {}): Promise<void> {
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
}

export async function simulatorTarget(sim?: Simulator): Promise<CableTarget> {
  const server = sim ?? (await startSimulator({ port: 0, pingIntervalMs: PING_INTERVAL_MS, compat: 'rails61' }));
  const [room] = server.community.roomsOf(DEMO.memberId);
  const foreign = [...server.community.rooms.values()].find((r) => !server.community.participantOf(r, DEMO.memberId));
  if (!room || !foreign) throw new Error('the seed lacks the rooms the scenarios need');
  const other = room.participants.find((p) => p.memberId !== DEMO.memberId);
  return {
    name: 'simulator',
    httpUrl: server.url,
    cableUrl: server.cableUrl,
    origin: DEMO.origin,
    member: { id: DEMO.memberId, token: server.issueTokens(DEMO.memberId).access_token },
    otherMemberId: other?.memberId ?? 0,
    roomId: room.id,
    foreignRoomId: foreign.id,
    broadcast: (stream, payload) => post(`${server.url}/_sim/broadcast`, { stream, payload }),
    restart: () => post(`${server.url}/_sim/restart`),
    disconnect: (memberId) => post(`${server.url}/_sim/disconnect`, { community_member_id: memberId }),
    stop: () => (sim ? Promise.resolve() : server.stop()),
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitUntilListening(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`puma exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`puma did not answer ${url} within ${timeoutMs} ms:\n${output()}`);
}

/** Starts the Rails fixture under Puma. Fails loudly when Puma or Rails is missing: never skips. */
export async function railsTarget(extraEnv: Record<string, string> = {}): Promise<CableTarget & { deny(token: string): Promise<void> }> {
  const port = await freePort();
  const appDir = fileURLToPath(new URL('../fixtures/rails/', import.meta.url));
  const child = spawn('puma', ['--bind', `tcp://127.0.0.1:${port}`, 'config.ru'], {
    cwd: appDir,
    env: {
      ...process.env,
      RAILS_ENV: 'production',
      CABLE_BEAT_INTERVAL: String(PING_INTERVAL_MS / 1000),
      CABLE_ORIGINS: DEMO.origin,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const spawnFailure = new Promise<never>((_, reject) => {
    child.once('error', (error) => reject(new Error(`cannot start puma (apt-get install -y ruby-actioncable ruby-railties puma): ${error.message}`)));
  });
  const httpUrl = `http://127.0.0.1:${port}`;
  await Promise.race([waitUntilListening(`${httpUrl}/_test/health`, child, () => output, 30_000), spawnFailure]);
  return {
    name: 'rails',
    httpUrl,
    cableUrl: `ws://127.0.0.1:${port}/cable`,
    origin: DEMO.origin,
    member: { id: 1, token: 'token-1' },
    otherMemberId: 2,
    roomId: 10,
    foreignRoomId: 20,
    broadcast: (stream, payload) => post(`${httpUrl}/_test/broadcast`, { stream, payload }),
    restart: () => post(`${httpUrl}/_test/restart`),
    disconnect: (memberId) => post(`${httpUrl}/_test/disconnect`, { community_member_id: memberId }),
    deny: (token) => post(`${httpUrl}/_test/deny`, { token }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}
