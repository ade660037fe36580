/** What a member may do from an alert itself, as its buttons (Chrome; Firefox shows none). */
export type AlertAction = 'mark-read' | 'mute-room';

/** A desktop alert, as the brain decides it and the browser shows it. */
export interface Alert {
  id: string;
  title: string;
  message: string;
  /** Which community it is from, when the member follows several. */
  community?: string;
  /** Where a click goes. */
  url?: string;
  /** Only raster images render in every browser's notifications; anything else is left out. */
  iconUrl?: string;
  /** Without a sound or a wake of the screen where the browser allows (the away summary). */
  silent?: boolean;
  /** Its buttons, in order: a click reports the index, which `alertActions` turns back into one of these. */
  actions?: readonly AlertAction[];
}
