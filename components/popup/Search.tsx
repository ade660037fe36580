import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Room } from '../../lib/circle/model';
import { t } from '../../lib/platform/i18n';
import { lazyModule } from './lazy';
import { usePortal } from './portal';
import { useSource } from './popup-source';
import type { ThreadPlace } from './ThreadView';
import { Icon } from './view-icons';

/** The field, the results and the index: fetched when the member first opens search. */
const view = lazyModule(() => import('./SearchView'));
/** For tests about the view, not about its loading. */
export const loadSearchView = view.load;

interface Props {
  /** What the popup already read: room names come from it, no read of their own. */
  rooms: readonly Room[];
  onOpenRoom: (uuid: string) => void;
  onOpenThread: (place: ThreadPlace) => void;
}

const BUTTON = '.popup-header .search-button';
const FIELD = '.search-view input';

/** Typing into something: `/` is then a character, not the shortcut. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

/**
 * Search's way in: a header button and `/` from anywhere that is not a field. The view takes
 * the tabs' place (as "Waiting on you" does) and steps aside while a room or thread opened from
 * it is shown, so Escape there comes back to the same results. The query lives here, not in
 * the view, for that.
 */
export function Search({ rooms, onOpenRoom, onOpenThread }: Props) {
  const source = useSource();
  const [shown, show] = useState(false);
  const [query, setQuery] = useState('');
  const View = view.use(shown)?.SearchView;

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '/' || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
      event.preventDefault();
      // From a room, a thread or "Waiting on you": their own way back, so the popup's state follows.
      document.querySelectorAll<HTMLElement>('main.popup .room-view:not(.search-view) > .room-header > .icon-button:first-child').forEach((back) => back.click());
      show(true);
      document.querySelector<HTMLElement>(FIELD)?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  const close = useCallback(() => {
    show(false);
    setQuery('');
    document.querySelector<HTMLElement>(BUTTON)?.focus();
  }, []);

  usePortal(
    () => document.querySelector('.popup-header .identity > .icon-button:last-child'),
    <button type="button" class="icon-button search-button" onClick={() => (show(true), document.querySelector<HTMLElement>(FIELD)?.focus())} title={`${t('searchOpen')} (/)`} aria-label={t('searchOpen')} aria-keyshortcuts="/" aria-expanded={shown}>
      <Icon name="search" size={18} />
    </button>,
    'before',
    'search',
  );
  usePortal(
    () => (shown && !document.querySelector('main.popup > .room-view') ? document.querySelector('main.popup') : null),
    View ? <View source={source} rooms={rooms} query={query} onQuery={setQuery} onClose={close} onOpenRoom={onOpenRoom} onOpenThread={onOpenThread} /> : <div class="search-view" aria-busy="true" />,
    'append',
    'search',
  );
  return null;
}
