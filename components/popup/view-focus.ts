import { useLayoutEffect, useRef } from 'preact/hooks';

// Layout effects: listening, and the focus move, must not wait for the next frame.

/** Escape goes back, unless something inside the view (a menu, the composer) took it first. */
export function useEscapeBack(onBack: () => void): void {
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      event.preventDefault();
      onBack();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onBack]);
}

/**
 * Lands in the view's message log once it shows (Circle's page may still be on its way when the
 * cache is read), so the arrows scroll it straight away; once, not on every update, and never
 * away from where the member has already put the focus (the composer, typed into meanwhile).
 */
export function useFocusLogOnce(logSelector: string, ready: boolean): void {
  const focused = useRef(false);
  useLayoutEffect(() => {
    if (focused.current || !ready) return;
    const log = document.querySelector<HTMLElement>(logSelector);
    if (!log) return;
    focused.current = true;
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    log.focus({ preventScroll: true });
  });
}
