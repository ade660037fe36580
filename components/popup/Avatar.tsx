import { useState } from 'preact/hooks';
import type { Person } from '../../lib/circle/model';
import { useFirstPaintDone } from './first-paint';
import { hueOf, initials } from '../../lib/ui/initials';
import { imageSrc } from '../../lib/ui/safe-url';

/**
 * A person's picture when its source is safe (an inline image or https), their initials
 * otherwise or when the picture fails. Decorative: the name is always said next to it.
 * On the first screen the initials stand in until it is painted: decoding a picture (an SVG
 * is a document of its own) is a task apiece, and the picture takes the initials' box.
 */
export function Avatar({ name, src, size = 36 }: { name: string; src?: string; size?: number }) {
  const [failed, setFailed] = useState(false);
  const painted = useFirstPaintDone();
  const safe = failed || !painted ? undefined : imageSrc(src);
  const style = { width: `${size}px`, height: `${size}px`, fontSize: `${Math.round(size * 0.4)}px` };
  if (safe) return <img class="avatar" src={safe} alt="" width={size} height={size} style={style} loading="lazy" decoding="async" referrerpolicy="no-referrer" onError={() => setFailed(true)} />;
  return (
    <span class="avatar initials" aria-hidden="true" style={{ ...style, '--hue': String(hueOf(name)) }}>
      {initials(name)}
    </span>
  );
}

/** A room's face: the other person of a DM, or up to two members of a group, overlapped. */
export function RoomAvatar({ people, name, direct }: { people: readonly Person[]; name: string; direct: boolean }) {
  const [first, second] = people;
  if (direct || !second) return <Avatar name={first?.name || name} src={first?.avatarUrl} size={40} />;
  return (
    <span class="avatar-pair" aria-hidden="true">
      <Avatar name={first?.name || name} src={first?.avatarUrl} size={26} />
      <Avatar name={second.name} src={second.avatarUrl} size={26} />
    </span>
  );
}
