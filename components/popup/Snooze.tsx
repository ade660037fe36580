import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { t, type MessageKey } from '../../lib/platform/i18n';
import { browserZone, onRawPreferences, readRawPreferences, writeRawPreferences } from '../../lib/platform/snooze-storage';
import { endsLater, minutesLeft, quietNow, quietOf, snooze, SNOOZE_CHOICES, SNOOZE_ENDED, type QuietNow, type SnoozeChoice } from '../../lib/quiet/quiet';
import { zoneOf } from '../../lib/quiet/zone';
import { Svg } from './icons';

/** Where the control reads and writes the member's quiet: storage.local in the popup, a fake in tests. */
export interface SnoozeStore {
  read(): Promise<unknown>;
  write(change: Record<string, unknown>): Promise<void>;
  onChange(listener: (preferences: unknown) => void): () => void;
  zone(): string;
}

const storage: SnoozeStore = { read: readRawPreferences, write: writeRawPreferences, onChange: onRawPreferences, zone: browserZone };

const CHOICE_WORDS: Record<SnoozeChoice, MessageKey> = { '30m': 'snooze30m', '1h': 'snooze1h', '2h': 'snooze2h', morning: 'snoozeMorning', off: 'snoozeOff' };
/** A crescent moon: quiet, in the header's stroke style. */
const MOON = 'M20 14.5A8 8 0 1 1 9.5 4a6.5 6.5 0 0 0 10.5 10.5z';
/** The time left is told to the minute: redrawn this often while quiet. */
const TICK_MS = 15_000;

function clock(at: number, zone: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit', timeZone: zone }).format(at);
}

/** "Snoozed · 42 min", "Snoozed · until 08:00", "Snoozed · until you turn it off", "Quiet hours · until 07:00". */
export function quietWords(quiet: QuietNow, now: number, zone: string, locale: string): string {
  if (quiet.endsAt === undefined) return t('snoozeUntilOff');
  const until = clock(quiet.endsAt, zone, locale);
  if (quiet.cause === 'schedule') return t('snoozeQuietHours', until);
  return endsLater(quiet.endsAt, now) ? t('snoozeUntil', until) : t('snoozeMinutesLeft', String(minutesLeft(quiet.endsAt, now)));
}

/**
 * The header's snooze: a menu button showing the time left while alerts are held, and a menu
 * of the five ends (and a way back). Loaded after the first paint: it costs the popup's first
 * load nothing.
 */
export function Snooze({ store = storage }: { store?: SnoozeStore }) {
  const [raw, setRaw] = useState<unknown>();
  const [now, setNow] = useState(() => Date.now());
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const locale = document.documentElement.lang || 'en';

  useEffect(() => {
    let alive = true;
    void store.read().then((value) => alive && setRaw(value));
    const unbind = store.onChange((value) => {
      setRaw(value);
      setNow(Date.now());
    });
    return () => {
      alive = false;
      unbind();
    };
  }, [store]);

  const preferences = quietOf(raw);
  const zone = zoneOf(preferences.timeZone, store.zone());
  const quiet = quietNow(preferences, now, zone);
  const ends = quiet?.endsAt;
  useEffect(() => {
    if (!quiet) return;
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(timer);
  }, [!quiet, ends]);

  const close = (back: boolean) => {
    setOpen(false);
    if (back) button.current?.focus();
  };
  const choose = (change: Record<string, unknown>) => {
    close(true);
    void store.write(change);
  };
  const words = quiet && quietWords(quiet, now, zone, locale);
  return (
    <div class="snooze">
      <button
        ref={button}
        type="button"
        class={quiet ? 'snooze-button quiet' : 'snooze-button icon-button'}
        aria-haspopup="menu"
        aria-expanded={open}
        title={words || t('snoozeButton')}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
          event.preventDefault();
          setOpen(true);
        }}
      >
        {Svg({ name: 'snooze', d: MOON, size: 16 })}
        {words ? <span class="snooze-left">{words}</span> : <span class="visually-hidden">{t('snoozeButton')}</span>}
      </button>
      {open && (
        <SnoozeMenu
          morning={clock(snooze('morning', Date.now(), zone).snoozedUntil, zone, locale)}
          canEnd={!!quiet && quiet.cause !== 'schedule'}
          onEnd={() => choose(SNOOZE_ENDED)}
          onChoose={(choice) => choose(snooze(choice, Date.now(), zone))}
          onClose={close}
        />
      )}
    </div>
  );
}

interface MenuProps {
  /** "Tomorrow morning" as a clock time, so the member sees which hour it means. */
  morning: string;
  canEnd: boolean;
  onEnd: () => void;
  onChoose: (choice: SnoozeChoice) => void;
  onClose: (back: boolean) => void;
}

/** The menu pattern: the first item takes the focus, arrows, Home and End move, Escape and Tab go back. */
function SnoozeMenu({ morning, canEnd, onEnd, onChoose, onClose }: MenuProps) {
  const list = useRef<HTMLDivElement>(null);
  const items = () => [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  useLayoutEffect(() => items()[0]?.focus(), []);
  return (
    <div
      class="room-menu snooze-menu"
      role="menu"
      aria-label={t('snoozeMenu')}
      ref={list}
      onKeyDown={(event) => {
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
      }}
      onFocusOut={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) onClose(false);
      }}
    >
      {canEnd && (
        <button type="button" role="menuitem" tabIndex={-1} class="snooze-end" onClick={onEnd}>
          {t('snoozeEnd')}
        </button>
      )}
      {SNOOZE_CHOICES.map((choice) => (
        <button key={choice} type="button" role="menuitem" tabIndex={-1} onClick={() => onChoose(choice)}>
          {choice === 'morning' ? t(CHOICE_WORDS[choice], morning) : t(CHOICE_WORDS[choice])}
        </button>
      ))}
    </div>
  );
}

