/**
 * `npm run simulator -- --port 4400 [--origin URL]... [--app-token TOKEN] ...`: the local
 * Circle for development and demos. Prints where it listens and how to sign in.
 */
import { parseArgs } from 'node:util';
import { isEnvelopeVariant } from './envelope';
import { startSimulator } from './index';
import { RAILS_COMPATS } from './protocol';
import type { RailsCompat } from './protocol';
import { DEMO } from './seed';

const USAGE = `Usage: npm run simulator -- [options]
  --port N                 port (default 4400; 0 picks a free one)
  --host HOST              interface (default 127.0.0.1)
  --origin URL             allowed cable Origin, may repeat (default ${DEMO.origin})
  --app-token TOKEN        Headless app token (default ${DEMO.appToken})
  --envelope VARIANT       event | type | data | keyed (default event)
  --compat rails61|rails71 remote-disconnect frame (default rails71)
  --ping-interval MS       heartbeat period (default 3000)
  --access-ttl SECONDS     access token lifetime (default 3600)
  --refresh-ttl SECONDS    refresh token lifetime (default 2592000)
  --reject-channel NAME    reject every subscription to this channel, may repeat
  --no-subprotocol         answer without Sec-WebSocket-Protocol (a broken server)
  --activity N             live demo messages per minute (default 0)
  --seed N                 community seed
  --help`;

function integer(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed)) throw new Error(`--${name} wants an integer, got "${value}"`);
  return parsed;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '4400' },
      host: { type: 'string', default: '127.0.0.1' },
      origin: { type: 'string', multiple: true },
      'app-token': { type: 'string' },
      envelope: { type: 'string' },
      compat: { type: 'string' },
      'ping-interval': { type: 'string' },
      'access-ttl': { type: 'string' },
      'refresh-ttl': { type: 'string' },
      'reject-channel': { type: 'string', multiple: true },
      'no-subprotocol': { type: 'boolean', default: false },
      activity: { type: 'string' },
      seed: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.info(USAGE);
    return;
  }
  const envelope = values.envelope;
  if (envelope !== undefined && !isEnvelopeVariant(envelope)) throw new Error(`--envelope must be event, type, data or keyed`);
  const compat = values.compat;
  const isCompat = (value: string): value is RailsCompat => (RAILS_COMPATS as readonly string[]).includes(value);
  if (compat !== undefined && !isCompat(compat)) throw new Error('--compat must be rails61 or rails71');

  const sim = await startSimulator({
    port: integer(values.port, 'port'),
    host: values.host,
    origins: values.origin,
    appToken: values['app-token'],
    envelope,
    compat,
    pingIntervalMs: integer(values['ping-interval'], 'ping-interval'),
    accessTokenTtlSeconds: integer(values['access-ttl'], 'access-ttl'),
    refreshTokenTtlSeconds: integer(values['refresh-ttl'], 'refresh-ttl'),
    rejectChannels: values['reject-channel'],
    subprotocol: !values['no-subprotocol'],
    activityPerMinute: integer(values.activity, 'activity'),
    seed: integer(values.seed, 'seed'),
  });

  console.info(`Circle simulator: ${sim.community.name}
  HTTP   ${sim.url}
  Cable  ${sim.cableUrl}
  Allowed Origin(s): ${sim.config.origins.join(', ')}

Demo sign-in
  Circle URL     ${sim.url}
  Origin         ${sim.config.origins[0] ?? DEMO.origin}
  App token      ${sim.config.appToken}
  Member e-mail  ${DEMO.email}
  Member id      ${DEMO.memberId}

  curl -s -X POST ${sim.url}/api/v1/headless/auth_token \\
    -H 'Authorization: Bearer ${sim.config.appToken}' -H 'Content-Type: application/json' \\
    -d '{"email":"${DEMO.email}"}'

Control API under ${sim.url}/_sim/ (see simulator/README.md). Ctrl-C stops.`);

  const shutdown = (): void => {
    void sim.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.error(USAGE);
  process.exit(1);
});
