import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/platform/i18n';
import { Avatar } from './Avatar';
import { Icon } from './view-icons';
import { badgeNumber, counted } from './words';
import type { ConnectionPhase, ConnectionStatus } from '../../lib/wire/status';

/** States a community cannot leave by itself: the member is told in the switcher, wherever they look. */
const TROUBLE: Partial<Record<ConnectionPhase, MessageKey>> = { 'signed-out': 'switcherSignedOut', error: 'switcherStopped', offline: 'switcherOffline' };

/** Choosing a community remounts the header with its views: whichever switcher renders next takes the focus back. */
let refocus = false;

interface Props {
  communities: readonly ConnectionStatus[];
  current: ConnectionStatus;
  onSwitch: (key: string) => void;
}

/**
 * A menu button: the community shown, what waits in the others, and the menu to change it.
 * The header loads it only for a member with two or more communities: one community costs
 * the popup's first load nothing.
 */
export function CommunitySwitcher({ communities, current, onSwitch }: Props) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const locale = document.documentElement.lang || 'en';
  const others = communities.filter((c) => c.key !== current.key);
  const elsewhere = others.reduce((sum, c) => sum + (c.count ?? 0), 0);
  const trouble = others.some((c) => TROUBLE[c.phase]);

  useLayoutEffect(() => {
    if (!refocus) return;
    refocus = false;
    button.current?.focus();
  });

  const close = (back: boolean) => {
    setOpen(false);
    // Or: the menu's focused item going away says "focus moved out" too (Chrome), and must not undo an Escape.
    refocus ||= back;
  };
  return (
    <div class="switcher">
      <button
        ref={button}
        type="button"
        class="switcher-button"
        aria-haspopup="menu"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          event.preventDefault();
          setOpen(true);
        }}
      >
        <span class="switcher-label">{current.label}</span>
        {elsewhere > 0 && (
          <span class="tab-count" aria-hidden="true">
            {badgeNumber(elsewhere, locale)}
          </span>
        )}
        {trouble && <span class="trouble-dot" aria-hidden="true" />}
        <span class="visually-hidden">
          , {t('switcherHint')}
          {elsewhere > 0 && `, ${counted(locale, elsewhere, 'switcherElsewhereOne', 'switcherElsewhereOther')}`}
          {trouble && `, ${t('switcherTrouble')}`}
        </span>
        <Icon name="back" size={14} />
      </button>
      {open && (
        <CommunityMenu
          communities={communities}
          current={current.key}
          locale={locale}
          onClose={close}
          onChoose={(key) => {
            close(true);
            if (key !== current.key) onSwitch(key);
          }}
        />
      )}
    </div>
  );
}

interface MenuProps {
  communities: readonly ConnectionStatus[];
  current: string | undefined;
  locale: string;
  onChoose: (key: string) => void;
  /** Closed without choosing: by Escape or Tab (`back`: the switcher gets the focus back), or by focus moving elsewhere. */
  onClose: (back: boolean) => void;
}

/** The communities, each with its initials, name, count and trouble: arrows move, Enter chooses, Escape goes back. */
function CommunityMenu({ communities, current, locale, onChoose, onClose }: MenuProps) {
  const list = useRef<HTMLDivElement>(null);
  const items = () => [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? [])];
  useLayoutEffect(() => items()[Math.max(0, communities.findIndex((c) => c.key === current))]?.focus(), []);
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape' || event.key === 'Tab') {
      event.preventDefault();
      onClose(true);
      return;
    }
    const all = items();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const next = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    all[(next + all.length) % all.length]?.focus();
  };
  return (
    <div
      class="room-menu community-menu"
      role="menu"
      aria-label={t('switcherMenu')}
      ref={list}
      onKeyDown={onKeyDown}
      onFocusOut={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose(false);
      }}
    >
      {communities.map((c) => {
        const trouble = TROUBLE[c.phase];
        const count = c.count ?? 0;
        const label = c.label ?? '';
        return (
          <button key={c.key} type="button" role="menuitemradio" aria-checked={c.key === current} tabIndex={-1} class={trouble ? `trouble ${c.phase}` : undefined} onClick={() => c.key && onChoose(c.key)}>
            <Avatar name={label} size={28} />
            <span class="community-name">
              {label}
              {trouble && (
                <span class="community-state">
                  <span class="visually-hidden">, </span>
                  {t(trouble)}
                </span>
              )}
            </span>
            {count > 0 && (
              <>
                <span class="badge" aria-hidden="true">
                  {badgeNumber(count, locale)}
                </span>
                <span class="visually-hidden">, {counted(locale, count, 'tabNotificationsNewOne', 'tabNotificationsNewOther')}</span>
              </>
            )}
            <span class="mark">{c.key === current && <Icon name="check" />}</span>
          </button>
        );
      })}
    </div>
  );
}
