import type { PublicProfile } from '@maum/protocol';
import { Avatar } from '../../ui/Avatar';
import './chat.css';

/** One face for a direct room; up to four, tiled, for a group. */
export function RoomAvatar({ people, size = 50 }: { people: readonly PublicProfile[]; size?: number }) {
  const shown = people.slice(0, 4);
  if (shown.length <= 1) {
    const person = shown[0];
    return <Avatar name={person?.displayName ?? '?'} url={person?.avatarUrl} seed={person?.id ?? 'empty'} size={size} />;
  }
  const small = Math.round(size * (shown.length === 2 ? 0.62 : 0.5));
  return (
    <span className={`room-avatar room-avatar-${shown.length}`} style={{ width: size, height: size }} aria-hidden="true">
      {shown.map((person) => (
        <Avatar key={person.id} name={person.displayName} url={person.avatarUrl} seed={person.id} size={small} />
      ))}
    </span>
  );
}
