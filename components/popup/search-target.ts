/**
 * The message a search result opens, handed from the search view to the room view it opens:
 * both are loaded after the first paint, and passing it through the popup's own state would
 * cost the first chunk bytes it has not got. Taken once, by the room view of that room.
 */
export interface SearchTarget {
  roomUuid: string;
  id: number;
  /** How many of the room's stored timeline messages are newer: the room view reads that far back. */
  newer: number;
}

let target: SearchTarget | undefined;

export function aimAt(next: SearchTarget): void {
  target = next;
}

export function takeTarget(roomUuid: string): SearchTarget | undefined {
  const taken = target?.roomUuid === roomUuid ? target : undefined;
  target = undefined;
  return taken;
}
