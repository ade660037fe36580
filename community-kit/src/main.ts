import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { createLogger } from './log.ts';

/** The Node entry point; edge runtimes call `createApp` with their own `clientIp`. */
const config = loadConfig(process.env);
const app = createApp(config, { clientIp: (c) => getConnInfo(c).remote.address ?? 'unknown' });
const port = Number(process.env.PORT ?? 8787);
serve({ fetch: app.fetch, port, hostname: process.env.HOST ?? '0.0.0.0' }, (info) => {
  createLogger((line) => console.info(line), Date.now).log('listening', { port: info.port });
});
