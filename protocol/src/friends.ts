import { z } from 'zod';
import { endpoint } from './http';
import { Handle, PublicProfile, UserId } from './accounts';

export const FriendCode = z.string().regex(/^[0-9a-z]{10,40}$/, 'a friend code');

export const Friend = z
  .object({
    user: PublicProfile,
    favourite: z.boolean(),
    hidden: z.boolean(),
    /** Whether this person has added you back. */
    mutual: z.boolean(),
    addedAt: z.string(),
  })
  .meta({ id: 'Friend' });
export type Friend = z.infer<typeof Friend>;

export const AddFriendBody = z.union([
  z.object({ handle: Handle }).strict(),
  z.object({ code: FriendCode }).strict(),
]);

export const UpdateFriendBody = z
  .object({ favourite: z.boolean().optional(), hidden: z.boolean().optional() })
  .refine((b) => b.favourite !== undefined || b.hidden !== undefined, 'nothing to update');

const userParams = z.object({ userId: UserId });
const tags = ['friends'];

export const FriendList = z.object({ friends: z.array(Friend) });
export const ProfileList = z.object({ users: z.array(PublicProfile) });

export const friendsApi = {
  list: endpoint({
    method: 'GET', path: '/api/friends', auth: 'user', tags,
    summary: 'Friends, favourites first; `q` searches names and handles; `hidden=true` lists hidden friends',
    query: z.object({
      q: z.string().trim().max(40).optional(),
      hidden: z.enum(['true', 'false']).optional(),
    }),
    response: FriendList,
  }),
  add: endpoint({
    method: 'POST', path: '/api/friends', auth: 'user', tags, status: 201,
    summary: 'Add a friend by handle or by the code in their QR (one-way, like KakaoTalk)',
    body: AddFriendBody, response: Friend,
  }),
  update: endpoint({
    method: 'PATCH', path: '/api/friends/:userId', auth: 'user', tags,
    summary: 'Favourite or hide a friend', params: userParams, body: UpdateFriendBody, response: Friend,
  }),
  remove: endpoint({
    method: 'DELETE', path: '/api/friends/:userId', auth: 'user', tags, status: 204,
    summary: 'Remove a friend', params: userParams,
  }),
  addedMe: endpoint({
    method: 'GET', path: '/api/friends/added-me', auth: 'user', tags,
    summary: 'People who added you and whom you have not added back', response: ProfileList,
  }),
  blocked: endpoint({
    method: 'GET', path: '/api/blocks', auth: 'user', tags,
    summary: 'People you blocked', response: ProfileList,
  }),
  block: endpoint({
    method: 'PUT', path: '/api/blocks/:userId', auth: 'user', tags, status: 204,
    summary: 'Block someone: they can no longer see your profile, add you or message you', params: userParams,
  }),
  unblock: endpoint({
    method: 'DELETE', path: '/api/blocks/:userId', auth: 'user', tags, status: 204,
    summary: 'Unblock someone', params: userParams,
  }),
  profileByHandle: endpoint({
    method: 'GET', path: '/api/users/:handle', auth: 'user', tags,
    summary: 'A profile by handle', params: z.object({ handle: Handle }), response: PublicProfile,
  }),
  profileByCode: endpoint({
    method: 'GET', path: '/api/friend-codes/:code', auth: 'user', tags,
    summary: 'The profile behind a friend QR code', params: z.object({ code: FriendCode }),
    response: PublicProfile,
  }),
} as const;
