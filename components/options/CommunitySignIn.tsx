import { useState } from 'preact/hooks';
import { discoveryHosts, type DiscoveryResult, type Exchange, type SignInError } from '../../lib/circle/community';
import { t, type MessageKey } from '../../lib/platform/i18n';
import { hostPermissionsForUrls } from '../../lib/platform/permissions';
import { discoveryUrl, type Discovery } from '../../lib/settings/discovery';
import type { StoredCommunity } from '../../lib/settings/merge';
import { Field } from './Field';
import type { Problems } from './problems';

export interface CommunitySignInServices {
  discover(address: string): Promise<DiscoveryResult>;
  /** Must ask at once, inside the click: see lib/platform/permissions. */
  requestHostPermissions(origins: string[]): Promise<boolean>;
  signInWithCommunity(discovery: Discovery, address: string): Promise<Exchange>;
}

export interface CommunitySignInProps {
  /** The community signed in to again, or none: one is added. */
  entry?: StoredCommunity;
  services: CommunitySignInServices;
  /** Stores the community with its new sign-in; resolves to its problems (none: saved). */
  onSave: (entry: StoredCommunity) => Promise<Problems>;
  onSignedIn: (name: string, entry: StoredCommunity) => void;
}

const SIGN_IN_TEXT: Record<SignInError, MessageKey> = {
  cancelled: 'signInCancelled',
  state_mismatch: 'signInRetry',
  invalid_request: 'signInRetry',
  invalid_grant: 'signInRetry',
  login_failed: 'signInRetry',
  redirect_uri_not_allowed: 'signInNotAllowed',
  not_eligible: 'reason_not_eligible',
  unknown_member: 'signInUnknownMember',
  email_not_verified: 'signInEmailNotVerified',
  rate_limited: 'signInRateLimited',
  circle_unavailable: 'signInUnavailable',
  unreachable: 'signInUnavailable',
  service_misconfigured: 'signInMisconfigured',
};

const PROBLEM_TEXT: Record<Exclude<DiscoveryResult, { ok: true }>['problem'], MessageKey> = {
  address: 'optionsCommunityErrorAddress',
  missing: 'optionsCommunityErrorMissing',
  malformed: 'optionsCommunityErrorMalformed',
  unreachable: 'optionsCommunityErrorUnreachable',
};

type Step = 'idle' | 'finding' | 'signing-in';
type Said = { error: boolean; text: string } | undefined;

const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).host : url);

/**
 * The member's way in: the community's address, what it publishes about itself, and its own
 * login. Nothing is saved until the sign-in has a token pair; every failure before that says
 * so and leaves the settings as they were.
 */
export function CommunitySignIn({ entry = {}, services, onSave, onSignedIn }: CommunitySignInProps) {
  const [address, setAddress] = useState(() => (entry.auth?.mode === 'community' && typeof entry.auth.address === 'string' ? entry.auth.address : ''));
  const [found, setFound] = useState<{ address: string; discovery: Discovery } | undefined>();
  const [step, setStep] = useState<Step>('idle');
  const [said, setSaid] = useState<Said>();
  const fail = (key: MessageKey, substitutions?: string | string[]) => setSaid({ error: true, text: t(key, substitutions) });

  // Both handlers ask for the host permission before their first await: Firefox requires it.
  function find(event: Event) {
    event.preventDefault();
    setFound(undefined);
    const url = discoveryUrl(address);
    if (!url) return fail('optionsCommunityErrorAddress');
    const hosts = hostPermissionsForUrls([url]);
    const permission = services.requestHostPermissions(hosts);
    setStep('finding');
    setSaid({ error: false, text: t('optionsCommunityFinding') });
    void (async () => {
      try {
        if (!(await permission)) return fail('optionsCommunityPermissionDenied', hosts.join(', '));
        const result = await services.discover(address);
        if (!result.ok) return fail(PROBLEM_TEXT[result.problem], hostOf(url));
        setFound({ address, discovery: result.discovery });
        setSaid(undefined);
      } finally {
        setStep('idle');
      }
    })();
  }

  function signIn() {
    if (!found) return;
    const { discovery } = found;
    const hosts = hostPermissionsForUrls(discoveryHosts(discovery));
    const permission = services.requestHostPermissions(hosts);
    setStep('signing-in');
    setSaid({ error: false, text: t('optionsCommunitySigningIn') });
    void (async () => {
      try {
        if (!(await permission)) return fail('optionsCommunityPermissionDenied', hosts.join(', '));
        const exchange = await services.signInWithCommunity(discovery, found.address);
        if (!exchange.ok) return fail(SIGN_IN_TEXT[exchange.error]);
        const { circleUrl, cableUrl, origin } = discovery;
        // The community's own name labels it, unless the member gave it one.
        const name = typeof entry.name === 'string' && entry.name ? entry.name : discovery.name.slice(0, 60);
        const next: StoredCommunity = { ...entry, circleUrl, cableUrl, origin, name, auth: exchange.auth };
        const problems = await onSave(next).catch(() => new Map([['', t('optionsSaveFailed')]]));
        if (problems.size) return setSaid({ error: true, text: [...new Set(problems.values())].join(' ') });
        setSaid(undefined);
        onSignedIn(discovery.name, next);
      } finally {
        setStep('idle');
      }
    })();
  }

  const busy = step !== 'idle';
  return (
    <div class="community">
      <h3>{t('optionsCommunityTitle')}</h3>
      <form class="settings" onSubmit={find} noValidate>
        <Field id="community-address" label={t('optionsCommunityAddress')} help={t('optionsCommunityAddressHelp')} type="url"
          autoComplete="url" value={address} onInput={(value) => {
            setAddress(value);
            setFound(undefined);
            setSaid(undefined);
          }} />
        <div class="actions">
          <button type="submit" class="button secondary" disabled={busy}>{t('optionsCommunityFind')}</button>
        </div>
      </form>
      {found && (
        <div class="found" role="group" aria-labelledby="community-name">
          {found.discovery.iconUrl && <img src={found.discovery.iconUrl} alt="" width={40} height={40} referrerpolicy="no-referrer" />}
          <div>
            <p id="community-name" class="name">{found.discovery.name}</p>
            <p class="muted">{t('optionsCommunityFound', [found.discovery.name, hostOf(found.discovery.circleUrl)])}</p>
          </div>
          <button type="button" class="button" onClick={signIn} disabled={busy}>{t('optionsCommunitySignIn')}</button>
        </div>
      )}
      <p id="community-status" role="status" class={said?.error ? 'error' : 'muted'}>{said?.text ?? ''}</p>
    </div>
  );
}
