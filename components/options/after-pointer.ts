import { useEffect, useRef } from 'preact/hooks';

/**
 * Holds work back while a pointer is pressed and runs it once the click is done. A field's
 * blur comes with the mousedown on a button: a message shown then moves the button out from
 * under the pointer, the mouseup lands elsewhere, and the click is lost.
 */
export function useAfterPointer(): (work: () => void) => void {
  const pressing = useRef(false);
  const queue = useRef<(() => void)[]>([]);
  useEffect(() => {
    const down = () => {
      pressing.current = true;
    };
    const up = () => {
      pressing.current = false;
      // After this task, so the click that follows the mouseup is handled first.
      setTimeout(() => queue.current.splice(0).forEach((work) => work()));
    };
    const events = [['pointerdown', down], ['pointerup', up], ['pointercancel', up]] as const;
    for (const [name, listener] of events) document.addEventListener(name, listener, true);
    return () => {
      for (const [name, listener] of events) document.removeEventListener(name, listener, true);
    };
  }, []);
  return (work) => (pressing.current ? queue.current.push(work) : work());
}
