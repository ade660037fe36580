import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { NoAnswer } from '../../lib/wire/ask';
import { failureText } from '../shared/reason-text';

export interface AccountProps {
  /** Where the member is signed in, for the words. */
  circleUrl?: string;
  /** The sign-in comes whole from a policy: signing out would only sign in again. */
  byPolicy?: boolean;
  /** Resolves once the background has revoked the tokens and forgotten the sign-in. */
  onSignOut: () => Promise<void>;
}

/**
 * Sign out asks first, in the page rather than a browser dialog: it revokes the tokens at
 * Circle and deletes the local copy, which a stray Enter should not do.
 */
export function Account({ circleUrl, byPolicy, onSignOut }: AccountProps) {
  const [step, setStep] = useState<'idle' | 'confirming' | 'signing-out'>('idle');
  const [error, setError] = useState<string | undefined>();
  const question = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step === 'confirming') question.current?.focus();
  }, [step]);

  function cancel() {
    setStep('idle');
    // Back where the member was, not at the top of the page.
    setTimeout(() => opener.current?.focus());
  }

  async function confirm() {
    setStep('signing-out');
    setError(undefined);
    try {
      await onSignOut();
    } catch (failure) {
      setError(t('optionsSignOutFailed', failureText(failure instanceof NoAnswer ? 'no_answer' : 'unknown')));
      setStep('idle');
    }
  }

  const host = circleUrl ? safeHost(circleUrl) : undefined;
  return (
    <section class="card account" aria-labelledby="account-title">
      <div>
        <h2 id="account-title">{t('optionsAccount')}</h2>
        <p class="muted">{host ? t('optionsSignedInTo', host) : t('optionsSignedIn')}</p>
        {byPolicy && <p class="muted">{t('optionsSignedInByPolicy')}</p>}
      </div>
      {byPolicy ? null : step === 'idle' ? (
        <button ref={opener} type="button" class="button secondary danger" onClick={() => setStep('confirming')}>
          {t('optionsSignOut')}
        </button>
      ) : (
        <div class="confirm" role="group" aria-labelledby="sign-out-question">
          <p id="sign-out-question" class="question" ref={question} tabIndex={-1}>{t('optionsSignOutQuestion')}</p>
          <div class="actions">
            <button type="button" class="button danger" onClick={() => void confirm()} disabled={step === 'signing-out'}>
              {step === 'signing-out' ? t('optionsSigningOut') : t('optionsSignOutConfirm')}
            </button>
            <button type="button" class="button secondary" onClick={cancel} disabled={step === 'signing-out'}>
              {t('optionsCancel')}
            </button>
          </div>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}

function safeHost(url: string): string | undefined {
  try {
    return new URL(url).host;
  } catch {
    return undefined;
  }
}
