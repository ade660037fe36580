import { t } from '../../lib/platform/i18n';

export interface MutedRoomsProps {
  muted: string[];
  roomNames: Map<string, string>;
  onUnmute: (uuid: string) => void;
}

/** Rooms are muted from the popup; here the member sees them all and takes any back. */
export function MutedRooms({ muted, roomNames, onUnmute }: MutedRoomsProps) {
  return (
    <fieldset class="muted-rooms">
      <legend>{t('optionsMutedRooms')}</legend>
      <p class="help muted">{t('optionsMutedRoomsHelp')}</p>
      {muted.length === 0 ? (
        <p class="muted">{t('optionsNoMutedRooms')}</p>
      ) : (
        <ul class="rooms">
          {muted.map((uuid) => {
            // A room that left the cache (signed out, or it was deleted) still deserves a way back.
            const name = roomNames.get(uuid) ?? t('optionsUnknownRoom');
            return (
              <li key={uuid}>
                <span class="name">{name}</span>
                <button type="button" class="button secondary small" aria-label={t('optionsUnmuteRoom', name)} onClick={() => onUnmute(uuid)}>
                  {t('optionsUnmute')}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
