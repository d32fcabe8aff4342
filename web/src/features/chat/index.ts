// Chat, as the app and other features see it: they import chat only from here (see eslint.config.js); every other
// file in the folder is the feature's own.
export { chatKeys, useOpenDirect, useRooms } from './api';
export { registerCard, type CardRenderer } from './cards';
export { ChatSession } from './ChatSession';
export { ChatsLayout, NoRoomOpen } from './ChatsLayout';
export { ChatsPage } from './ChatsPage';
export { kindPreview, listNames, previewText } from './format';
export { FriendPicker } from './FriendPickerSheet';
export { registerOpenRoomParts, type OpenRoomParts } from './openRoom';
export { RoomPage } from './RoomPage';
export { LeaveRoomButton } from './RoomSheets';
