import { render, type VNode } from 'preact';
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks';

/**
 * A portal of our own, before `anchor` or at the end of it: preact/compat's would pull compat
 * into the chunk the first screen shares. What it renders gets no context: props only.
 */
export function usePortal(anchor: () => Element | null, vnode: VNode, where: 'before' | 'append' = 'before', name = 'waiting'): void {
  const host = useRef<HTMLElement | undefined>(undefined);
  useLayoutEffect(() => {
    const at = anchor();
    if (!at) {
      if (host.current) render(null, host.current);
      host.current?.remove();
      host.current = undefined;
      return;
    }
    if (!host.current) {
      host.current = document.createElement(where === 'append' ? 'div' : 'span');
      host.current.className = where === 'append' ? `${name}-host` : `${name}-entry`;
      if (where === 'append') at.append(host.current);
      else at.before(host.current);
    }
    render(vnode, host.current);
  });
  useEffect(
    () => () => {
      if (host.current) render(null, host.current);
      host.current?.remove();
    },
    [],
  );
}
