import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/platform/i18n';
import { badgeNumber, counted } from './words';

export type TabId = 'chats' | 'threads' | 'notifications';
const TABS: TabId[] = ['chats', 'threads', 'notifications'];
const WORDS: Record<TabId, [label: MessageKey, one: MessageKey, other: MessageKey]> = {
  chats: ['popupTabChats', 'tabChatsUnreadOne', 'tabChatsUnreadOther'],
  threads: ['popupTabThreads', 'tabThreadsUnreadOne', 'tabThreadsUnreadOther'],
  notifications: ['popupTabNotifications', 'tabNotificationsNewOne', 'tabNotificationsNewOther'],
};

interface Props {
  selected: TabId;
  onSelect: (tab: TabId) => void;
  counts: Record<TabId, number>;
  locale: string;
  children: ComponentChildren;
}

/** WAI-ARIA tabs with automatic activation: Left/Right (and Home/End) move and select. */
export function Tabs({ selected, onSelect, counts, locale, children }: Props) {
  const list = useRef<HTMLDivElement>(null);
  const go = (tab: TabId) => {
    onSelect(tab);
    list.current?.querySelector<HTMLElement>(`#tab-${tab}`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = TABS.indexOf(selected);
    const next = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: TABS.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    go(TABS[(next + TABS.length) % TABS.length]!);
  };
  return (
    <>
      <div class="tabs" role="tablist" aria-label={t('popupSections')} ref={list} onKeyDown={onKeyDown}>
        {TABS.map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`tab-${tab}`}
            aria-controls={tab === selected ? `panel-${tab}` : undefined}
            aria-selected={tab === selected}
            tabIndex={tab === selected ? 0 : -1}
            onClick={() => onSelect(tab)}
          >
            {t(WORDS[tab][0])}
            {counts[tab] > 0 && (
              <>
                <span class="tab-count" aria-hidden="true">
                  {badgeNumber(counts[tab], locale)}
                </span>
                <span class="visually-hidden">
                  , {counted(locale, counts[tab], WORDS[tab][1], WORDS[tab][2])}
                </span>
              </>
            )}
          </button>
        ))}
      </div>
      <div class="panel" role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`}>
        {children}
      </div>
    </>
  );
}
