import type { ProbeEvent } from '../../lib/cable/probe';
import { t, type MessageKey } from '../../lib/platform/i18n';

/** What the test knows when it puts a step into words. */
export interface CheckContext {
  origin: string;
  cableUrl: string;
  seconds: string;
}

const TITLES: Record<ProbeEvent['step'], MessageKey> = {
  handshake: 'optionsStepHandshake',
  subprotocol: 'optionsStepSubprotocol',
  welcome: 'optionsStepWelcome',
  subscription: 'optionsStepSubscription',
};

export function probeTitle(event: ProbeEvent): string {
  return t(TITLES[event.step], event.channel ?? '');
}

/** A failed step: what went wrong, and what the member can do about it. */
export function probeFailure(event: ProbeEvent, ctx: CheckContext): string {
  const { origin, cableUrl, seconds } = ctx;
  const channel = event.channel ?? '';
  switch (event.step) {
    case 'handshake':
      return event.failure === 'timeout' ? t('optionsHandshakeTimeout', [cableUrl, seconds]) : t('optionsOriginRefused', origin);
    case 'subprotocol':
      return t('optionsNoSubprotocol', cableUrl);
    case 'welcome':
      if (event.failure === 'unauthorized') return t('optionsWelcomeUnauthorized');
      if (event.failure === 'timeout') return t('optionsWelcomeTimeout', seconds);
      if (event.failure === 'disconnected') return t('optionsWelcomeDisconnected', event.detail ?? '');
      return t('optionsWelcomeClosed');
    case 'subscription':
      if (event.failure === 'rejected') return t('optionsSubscriptionRejected', channel);
      if (event.failure === 'timeout') return t('optionsSubscriptionTimeout', [channel, seconds]);
      return t('optionsSubscriptionLost', channel);
  }
}
