// @vitest-environment node
/**
 * `npm run simulator` starts the server and prints where it listens and how to sign in.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { DEMO } from '../index';

it('prints the HTTP and cable URLs and the demo sign-in, then serves', async () => {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const child = spawn(process.execPath, ['--import', 'tsx', 'simulator/cli.ts', '--port', '0', '--origin', 'https://a.example', '--origin', 'https://b.example'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    let output = '';
    const printed = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ctrl-C stops')) resolve(output);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)));
    });
    const http = /HTTP\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(printed)?.[1];
    expect(printed).toMatch(/Cable\s+ws:\/\/127\.0\.0\.1:\d+\/cable/);
    expect(printed).toContain('https://a.example, https://b.example');
    for (const detail of [DEMO.email, DEMO.appToken, String(DEMO.memberId)]) expect(printed).toContain(detail);
    const health = await fetch(`${http}/_sim/health`);
    expect(health.status).toBe(200);
  } finally {
    child.kill('SIGTERM');
  }
}, 20_000);
