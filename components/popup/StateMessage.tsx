import type { ComponentChildren } from 'preact';

/**
 * An empty, loading or error state: what is going on, and what to do about it. `quiet` when
 * something else (the connection bar) already announces it.
 */
export function StateMessage({ title, help, tone = 'info', quiet, children }: { title: string; help?: string; tone?: 'info' | 'error'; quiet?: boolean; children?: ComponentChildren }) {
  return (
    <div class={`state ${tone}`} role={quiet ? undefined : tone === 'error' ? 'alert' : 'status'}>
      <p class="state-title">{title}</p>
      {help && <p class="muted">{help}</p>}
      {children}
    </div>
  );
}

/** Grey rows where the list will be: the cache usually answers before they are ever painted. */
export function Skeleton({ rows, label }: { rows: number; label: string }) {
  return (
    <div class="skeleton" role="status" aria-busy="true" aria-label={label}>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} class="skeleton-row" aria-hidden="true">
          <span class="skeleton-avatar" />
          <span class="skeleton-lines">
            <span />
            <span />
          </span>
        </div>
      ))}
    </div>
  );
}
