/**
 * Plain text of a body for places that show one line (the room and thread lists). Apart from
 * lib/ui/rich-text so the first screen does not carry the renderer the room view needs.
 */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
