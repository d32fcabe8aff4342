import type { Me, PublicProfile, Session } from '@maum/protocol';
import type { SessionRow, UserRow } from './accounts.repository';

export function avatarUrl(avatarKey: string | null): string | null {
  return avatarKey ? `/media/${avatarKey}` : null;
}

export function toPublicProfile(user: UserRow): PublicProfile {
  return {
    id: user.id,
    handle: user.handle,
    displayName: user.displayName,
    statusMessage: user.statusMessage,
    avatarUrl: avatarUrl(user.avatarKey),
  };
}

export function toMe(user: UserRow): Me {
  return {
    ...toPublicProfile(user),
    role: user.role,
    birthday: user.birthday,
    friendCode: user.friendCode,
    createdAt: user.createdAt.toISOString(),
  };
}

export function toSession(row: SessionRow, currentId: string): Session {
  return {
    id: row.id,
    deviceName: row.deviceName,
    createdAt: row.createdAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    current: row.id === currentId,
  };
}
