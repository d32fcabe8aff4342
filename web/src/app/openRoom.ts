import { registerOpenRoomParts } from '../features/chat';
import { openRoomParts } from '../features/openlink';

/** What chat shows in an open room comes from OpenLink, which builds on chat; chat itself imports none of it. */
export function registerOpenRoom(): void {
  registerOpenRoomParts(openRoomParts);
}
