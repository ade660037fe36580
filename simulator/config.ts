/**
 * The simulator's settings: what `startSimulator` accepts, and the live copy the control API
 * changes at run time. Every other module reads the live copy, so a change applies at once.
 */
import { z } from 'zod';
import type { EnvelopeVariant } from './envelope';
import { ENVELOPE_VARIANTS } from './envelope';
import type { RailsCompat } from './protocol';
import { RAILS_COMPATS } from './protocol';
import { DEMO } from './seed';

export interface SimConfig {
  origins: string[];
  appToken: string;
  /** Rails beats every 3 s; tests want it faster. */
  pingIntervalMs: number;
  accessTokenTtlSeconds: number;
  refreshTokenTtlSeconds: number;
  envelope: EnvelopeVariant;
  compat: RailsCompat;
  /** false answers the upgrade without Sec-WebSocket-Protocol: a broken server, for client tests. */
  subprotocol: boolean;
  /** Channel names whose every subscription is rejected. */
  rejectChannels: string[];
  /** false makes the auth calls answer 403 and the member API 401, as Circle does for a community without Headless access. */
  communityEligible: boolean;
  /** How refresh and both revokes may authenticate; auth_token always needs the app token. */
  authForms: AuthForm[];
  /** true: every member's new message is refused with a 422, as Circle does in a chat they may not post to. */
  refuseMessages: boolean;
}

/**
 * The Authorization an auth call carries: the app token (the spec's `bearerAuth`), none (the
 * refresh's `access_token_not_required` example), or the token the call is about as bearer.
 */
export const AUTH_FORMS = ['app_token', 'none', 'own_token'] as const;
export type AuthForm = (typeof AUTH_FORMS)[number];
/** What Circle's spec documents; `own_token` is only ever a client's guess. */
export const SPEC_AUTH_FORMS: readonly AuthForm[] = ['app_token', 'none'];

export interface SimulatorOptions extends Partial<SimConfig> {
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Seed of the community's PRNG: the same seed and `now` give the same community. */
  seed?: number;
  /** The moment the seeded community is built around. */
  now?: Date;
  /** Live demo traffic from the start (messages per minute); 0 is off. */
  activityPerMinute?: number;
}

export const DEFAULT_SEED = 20241025;

export function resolveConfig(options: SimulatorOptions): SimConfig {
  return {
    origins: options.origins && options.origins.length > 0 ? [...options.origins] : [DEMO.origin],
    appToken: options.appToken ?? DEMO.appToken,
    pingIntervalMs: options.pingIntervalMs ?? 3000,
    accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3600,
    refreshTokenTtlSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
    envelope: options.envelope ?? 'event',
    compat: options.compat ?? 'rails71',
    subprotocol: options.subprotocol ?? true,
    rejectChannels: [...(options.rejectChannels ?? [])],
    communityEligible: options.communityEligible ?? true,
    authForms: [...(options.authForms ?? SPEC_AUTH_FORMS)],
    refuseMessages: options.refuseMessages ?? false,
  };
}

/** The body of `POST /_sim/config`: snake_case like every other JSON the simulator speaks. */
export const configPatchSchema = z
  .strictObject({
    origins: z.array(z.string().min(1)).min(1),
    ping_interval_ms: z.number().int().min(10),
    access_token_ttl_seconds: z.number().int(),
    refresh_token_ttl_seconds: z.number().int(),
    envelope: z.enum(ENVELOPE_VARIANTS),
    compat: z.enum(RAILS_COMPATS),
    subprotocol: z.boolean(),
    reject_channels: z.array(z.string()),
    community_eligible: z.boolean(),
    auth_forms: z.array(z.enum(AUTH_FORMS)),
    refuse_messages: z.boolean(),
  })
  .partial();

export type ConfigPatch = z.infer<typeof configPatchSchema>;

export function applyConfigPatch(config: SimConfig, patch: ConfigPatch): void {
  if (patch.origins) config.origins = [...patch.origins];
  if (patch.ping_interval_ms !== undefined) config.pingIntervalMs = patch.ping_interval_ms;
  if (patch.access_token_ttl_seconds !== undefined) config.accessTokenTtlSeconds = patch.access_token_ttl_seconds;
  if (patch.refresh_token_ttl_seconds !== undefined) config.refreshTokenTtlSeconds = patch.refresh_token_ttl_seconds;
  if (patch.envelope) config.envelope = patch.envelope;
  if (patch.compat) config.compat = patch.compat;
  if (patch.subprotocol !== undefined) config.subprotocol = patch.subprotocol;
  if (patch.reject_channels) config.rejectChannels = [...patch.reject_channels];
  if (patch.community_eligible !== undefined) config.communityEligible = patch.community_eligible;
  if (patch.auth_forms) config.authForms = [...patch.auth_forms];
  if (patch.refuse_messages !== undefined) config.refuseMessages = patch.refuse_messages;
}

/** The config as the control API shows it: never the app token itself. */
export function publicConfig(config: SimConfig): Record<string, unknown> {
  return {
    origins: config.origins,
    ping_interval_ms: config.pingIntervalMs,
    access_token_ttl_seconds: config.accessTokenTtlSeconds,
    refresh_token_ttl_seconds: config.refreshTokenTtlSeconds,
    envelope: config.envelope,
    compat: config.compat,
    subprotocol: config.subprotocol,
    reject_channels: config.rejectChannels,
    community_eligible: config.communityEligible,
    auth_forms: config.authForms,
    refuse_messages: config.refuseMessages,
  };
}
