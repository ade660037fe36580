import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../lib/platform/i18n';
import { NoAnswer } from '../../lib/wire/ask';
import { failureText } from '../shared/reason-text';

export interface ConfirmProps {
  /** Unique on the page: the question's id is made from it. */
  id: string;
  /** The button's words, and which community it is about, for screen readers. */
  label: string;
  about: string;
  question: string;
  confirm: string;
  busy: string;
  /** What went wrong, with the reason put in. */
  failed: (why: string) => string;
  /** Resolves once done; the page then says so elsewhere. */
  onConfirm: () => Promise<void>;
}

/**
 * Asks first, in the page rather than a browser dialog: signing out revokes the tokens at
 * Circle and deletes the local copy, which a stray Enter should not do.
 */
export function Confirm({ id, label, about, question, confirm, busy, failed, onConfirm }: ConfirmProps) {
  const [step, setStep] = useState<'idle' | 'confirming' | 'busy'>('idle');
  const [error, setError] = useState<string | undefined>();
  const questionRef = useRef<HTMLParagraphElement>(null);
  const opener = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (step === 'confirming') questionRef.current?.focus();
  }, [step]);

  function cancel() {
    setStep('idle');
    // Back where the member was, not at the top of the page.
    setTimeout(() => opener.current?.focus());
  }

  async function run() {
    setStep('busy');
    setError(undefined);
    try {
      await onConfirm();
    } catch (failure) {
      setError(failed(failureText(failure instanceof NoAnswer ? 'no_answer' : 'unknown')));
      setStep('idle');
    }
  }

  return (
    <>
      {step === 'idle' ? (
        <button ref={opener} type="button" class="button secondary danger small" onClick={() => setStep('confirming')}>
          {label}<span class="visually-hidden"> ({about})</span>
        </button>
      ) : (
        <div class="confirm" role="group" aria-labelledby={`${id}-question`}>
          <p id={`${id}-question`} class="question" ref={questionRef} tabIndex={-1}>{question}</p>
          <div class="actions">
            <button type="button" class="button danger" onClick={() => void run()} disabled={step === 'busy'}>
              {step === 'busy' ? busy : confirm}
            </button>
            <button type="button" class="button secondary" onClick={cancel} disabled={step === 'busy'}>
              {t('optionsCancel')}
            </button>
          </div>
        </div>
      )}
      {error && <p class="error" role="alert">{error}</p>}
    </>
  );
}
