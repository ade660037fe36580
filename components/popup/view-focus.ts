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

/** Lands in the view's message log once it is ready, so the arrows scroll it straight away; once, not on every update. */
export function useFocusLogOnce(logSelector: string, ready: boolean): void {
  const focused = useRef(false);
  useLayoutEffect(() => {
    if (focused.current || !ready) return;
    focused.current = true;
    document.querySelector<HTMLElement>(logSelector)?.focus({ preventScroll: true });
  }, [logSelector, ready]);
}
