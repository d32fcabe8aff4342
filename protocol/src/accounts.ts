import { z } from 'zod';
import { endpoint } from './http';

export const roles = ['user', 'seller', 'store_staff', 'operator'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const Handle = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.]{2,19}$/, '3–20 characters: letters, digits, "_" and "."; starting with a letter or digit');

export const DisplayName = z.string().trim().min(1).max(40);
export const StatusMessage = z.string().trim().max(60);
/** The length cap is checked by the schema; the strength rule by the service, which answers `weak_password`. */
export const Password = z.string().max(200);

export const PASSWORD_RULE = 'Use at least 8 characters, with at least one letter and one digit.';
export function isStrongPassword(password: string): boolean {
  return password.length >= 8 && /\p{L}/u.test(password) && /\p{N}/u.test(password);
}

export const UserId = z.string().regex(/^usr_[0-9a-z]{26}$/, 'a user id');
export const SessionId = z.string().regex(/^ses_[0-9a-z]{26}$/, 'a session id');

export const Me = z
  .object({
    id: z.string(),
    handle: z.string(),
    displayName: z.string(),
    statusMessage: z.string(),
    avatarUrl: z.string().nullable(),
    role: Role,
    /** `MM-DD`, or null; friends who have been added back see it. */
    birthday: z.string().nullable(),
    friendCode: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const PublicProfile = z
  .object({
    id: z.string(),
    handle: z.string(),
    displayName: z.string(),
    statusMessage: z.string(),
    avatarUrl: z.string().nullable(),
  })
  .meta({ id: 'PublicProfile' });
export type PublicProfile = z.infer<typeof PublicProfile>;

export const AuthResult = z.object({ token: z.string(), user: Me }).meta({ id: 'AuthResult' });
export type AuthResult = z.infer<typeof AuthResult>;

export const Session = z
  .object({
    id: z.string(),
    deviceName: z.string(),
    createdAt: z.string(),
    lastSeenAt: z.string(),
    current: z.boolean(),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof Session>;

export const SignUpBody = z.object({ handle: Handle, displayName: DisplayName, password: Password });
export const LoginBody = z.object({
  handle: z.string().trim().toLowerCase().min(1).max(40),
  password: Password,
  deviceName: z.string().trim().max(80).optional(),
});
export const Birthday = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'MM-DD');
export const UpdateMeBody = z
  .object({ displayName: DisplayName.optional(), statusMessage: StatusMessage.optional(), birthday: Birthday.nullable().optional() })
  .refine((b) => b.displayName !== undefined || b.statusMessage !== undefined || b.birthday !== undefined, 'nothing to update');

const tags = ['accounts'];

export const accountsApi = {
  signUp: endpoint({
    method: 'POST', path: '/api/auth/signup', auth: 'none', tags, status: 201,
    summary: 'Create an account and sign in',
    body: SignUpBody, response: AuthResult,
  }),
  login: endpoint({
    method: 'POST', path: '/api/auth/login', auth: 'none', tags,
    summary: 'Sign in with handle and password; returns an opaque session token',
    body: LoginBody, response: AuthResult,
  }),
  logout: endpoint({
    method: 'POST', path: '/api/auth/logout', auth: 'user', tags, status: 204,
    summary: 'Revoke the current session',
  }),
  me: endpoint({
    method: 'GET', path: '/api/me', auth: 'user', tags,
    summary: 'The signed-in account', response: Me,
  }),
  updateMe: endpoint({
    method: 'PATCH', path: '/api/me', auth: 'user', tags,
    summary: 'Change display name, status message or birthday', body: UpdateMeBody, response: Me,
  }),
  uploadAvatar: endpoint({
    method: 'PUT', path: '/api/me/avatar', auth: 'user', tags,
    summary: 'Upload a profile picture (JPEG, PNG, WebP, GIF or AVIF); it is resized and its metadata removed',
    multipart: { field: 'file' }, response: Me,
  }),
  removeAvatar: endpoint({
    method: 'DELETE', path: '/api/me/avatar', auth: 'user', tags,
    summary: 'Remove the profile picture', response: Me,
  }),
  renewFriendCode: endpoint({
    method: 'POST', path: '/api/me/friend-code', auth: 'user', tags,
    summary: 'Replace the friend code shown in the QR; the old code stops working', response: Me,
  }),
  sessions: endpoint({
    method: 'GET', path: '/api/sessions', auth: 'user', tags,
    summary: 'Signed-in devices', response: z.object({ sessions: z.array(Session) }),
  }),
  revokeSession: endpoint({
    method: 'DELETE', path: '/api/sessions/:sessionId', auth: 'user', tags, status: 204,
    summary: 'Sign out one device', params: z.object({ sessionId: SessionId }),
  }),
  revokeOtherSessions: endpoint({
    method: 'POST', path: '/api/sessions/revoke-others', auth: 'user', tags,
    summary: 'Sign out every other device', response: z.object({ revoked: z.number().int() }),
  }),
} as const;
