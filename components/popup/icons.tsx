/**
 * The few icons the popup uses, inline (no icon font, no requests), 16 px on a 24 grid,
 * drawn with currentColor so they follow the theme. Always decorative: text says the same.
 * The first screen's here; the views loaded after it take theirs from ./view-icons.
 */
export const paths = {
  check: 'M5 12.5l4.5 4.5L19 7.5',
  pin: 'M9 4h6l-1 6 3 3v2H7v-2l3-3-1-6zM12 15v6',
  group: 'M16 19v-1.5a3.5 3.5 0 0 0-3.5-3.5h-5A3.5 3.5 0 0 0 4 17.5V19M10 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zM20 19v-1.5a3.5 3.5 0 0 0-2.5-3.35M15.5 5.15a3 3 0 0 1 0 5.7',
  muted: 'M11 5L6 9H3v6h3l5 4V5zM22 9l-6 6M16 9l6 6',
  settings: 'M4 7h9M17 7h3M15 4v6M4 17h3M11 17h9M9 14v6',
} as const;

export type IconName = keyof typeof paths;

export function Svg({ name, d, size = 16 }: { name: string; d: string; size?: number }) {
  return (
    <svg class={`icon icon-${name}`} width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      <path d={d} />
    </svg>
  );
}

export function Icon({ name, size }: { name: IconName; size?: number }) {
  // Called, not rendered: no component of its own for each of the list's icons.
  return Svg({ name, d: paths[name], size });
}
