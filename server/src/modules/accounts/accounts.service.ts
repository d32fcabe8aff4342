import { createHash, randomBytes } from 'node:crypto';
import argon2 from 'argon2';
import { isStrongPassword, PASSWORD_RULE, type AuthResult, type Me, type Role, type Session } from '@maum/protocol';
import { requireSystem, requireUser, type Actor, type UserActor } from '../../platform/actor';
import type { EventBus } from '../../platform/bus/event-bus';
import type { Clock } from '../../platform/clock';
import type { Config } from '../../platform/config';
import { isUniqueViolation } from '../../platform/db/database';
import { AppError } from '../../platform/errors';
import { newId, randomToken } from '../../platform/ids';
import { squareWebp } from '../../platform/media/images';
import type { MediaStore } from '../../platform/media/media-store';
import type { RateLimiter } from '../../platform/rate-limit/rate-limiter';
import type { AccountsRepository, UserRow } from './accounts.repository';
import { toMe, toSession } from './accounts.mappers';
import type { CachedSession, SessionCache } from './session-cache';
import type { ProfileCache } from './profile-cache';

export interface AccountsServiceDeps {
  repo: AccountsRepository;
  clock: Clock;
  bus: EventBus;
  media: MediaStore;
  limiter: RateLimiter;
  config: Pick<Config, 'sessionTtlMs' | 'loginLimit' | 'signupLimit' | 'imageMaxPixels' | 'passwordHash'>;
  /** Live sessions kept in memory; only on the embedded PGlite (see SessionCache). */
  sessions?: SessionCache;
  /** The public profiles other modules read (`AccountsDirectory`), dropped here when one changes. */
  profiles: ProfileCache;
}

export interface NewAccount {
  handle: string;
  displayName: string;
  password: string;
}

const AVATAR_SIZE = 512;

/** Accounts that server flows speak as; nobody can sign up with these handles. */
const SERVICE_NAMES = { maum_gift: 'Maum Gift', maum_events: 'Maum', maum_subscriptions: 'Maum Subscriptions' } as const;
export type ServiceHandle = keyof typeof SERVICE_NAMES;
const SERVICE_HANDLES: ReadonlySet<string> = new Set(Object.keys(SERVICE_NAMES));
/** Handles of the accounts that speak for channels; nobody can sign up with one. */
const CHANNEL_HANDLE_PREFIX = 'ch.';
const TOUCH_EVERY_MS = 60_000;

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Sign-up, login and sessions, and the signed-in user's own profile. */
export class AccountsService {
  // Verifying against this when the handle is unknown keeps the answer's timing the same as for a wrong password.
  private dummyHash: Promise<string> | undefined;

  constructor(private readonly deps: AccountsServiceDeps) {}

  async signUp(actor: Actor, input: NewAccount & { deviceName?: string }): Promise<AuthResult> {
    if (actor.kind === 'user') throw new AppError('forbidden', 'Sign out before creating another account.');
    // Counted per address before any work, so a script cannot mint accounts (or make us hash passwords) at speed;
    // the server's own sign-ups (demo seeding) come from no address.
    if (actor.kind !== 'system') {
      const { perIp, windowMs } = this.deps.config.signupLimit;
      await this.deps.limiter.hit(`signup-ip:${actor.ip}`, { limit: perIp, windowMs, message: 'Too many accounts were made from this address.' });
    }
    if (SERVICE_HANDLES.has(input.handle) || input.handle.startsWith(CHANNEL_HANDLE_PREFIX)) throw new AppError('handle_taken', `The handle @${input.handle} is taken.`);
    const user = await this.createUser(input, 'user');
    if (actor.kind !== 'system') await this.deps.limiter.note(this.knownKey(user.handle, actor.ip));
    return this.openSession(user, input.deviceName ?? 'Web');
  }

  /**
   * Creates an account with a role, for the CLI and demo seeding. The first account ever created is an operator,
   * so a fresh install always has someone who can run it.
   */
  async createUser(input: NewAccount, role: Role): Promise<UserRow> {
    if (!isStrongPassword(input.password)) throw new AppError('weak_password', PASSWORD_RULE);
    const now = this.deps.clock.now();
    const passwordHash = await argon2.hash(input.password, { type: argon2.argon2id, ...this.deps.config.passwordHash });
    try {
      const user = await this.deps.repo.insertUser({
        id: newId('usr'),
        handle: input.handle,
        displayName: input.displayName,
        passwordHash,
        role,
        friendCode: randomToken(20),
        createdAt: now,
        updatedAt: now,
      });
      await this.deps.bus.publish('accounts.user.created', { userId: user.id, handle: user.handle });
      return user;
    } catch (err) {
      if (isUniqueViolation(err, 'users_handle_key')) {
        throw new AppError('handle_taken', `The handle @${input.handle} is taken.`);
      }
      throw err;
    }
  }

  /**
   * The account a server flow speaks as (the "Maum Gift" account that sends expiry notices), made on first use. Its
   * handle cannot be signed up for, and nobody can sign in as it: its password is random and never kept.
   */
  async serviceAccount(actor: Actor, handle: ServiceHandle): Promise<string> {
    requireSystem(actor, 'Only server flows use service accounts.');
    const existing = await this.deps.repo.findUserByHandle(handle);
    if (existing) return existing.id;
    try {
      return (await this.createUser({ handle, displayName: SERVICE_NAMES[handle], password: `${randomToken(32)}1a` }, 'user')).id;
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'handle_taken')) throw err;
      return (await this.deps.repo.findUserByHandle(handle))!.id;
    }
  }

  /** A new account that speaks for a channel in chat. Like a service account, nobody can sign in as it. */
  async channelAccount(actor: Actor, displayName: string): Promise<string> {
    requireSystem(actor, 'Only server flows make channel accounts.');
    const handle = `${CHANNEL_HANDLE_PREFIX}${randomToken(12)}`;
    return (await this.createUser({ handle, displayName, password: `${randomToken(32)}1a` }, 'user')).id;
  }

  async renameAccount(actor: Actor, userId: string, displayName: string): Promise<void> {
    requireSystem(actor, 'Only server flows rename accounts for others.');
    await this.deps.repo.updateUser(userId, { displayName }, this.deps.clock.now());
    await this.profileChanged(userId);
  }

  /** Drops a changed profile from this node's cache at once, and from every other node's through the bus. */
  private async profileChanged(userId: string): Promise<void> {
    this.deps.profiles.changed([userId]);
    await this.deps.bus.publish('accounts.profile.changed', { userId });
  }

  async isEmpty(): Promise<boolean> {
    return (await this.deps.repo.countUsers()) === 0;
  }

  /**
   * Signs in. Guessing is limited without letting a guesser lock the owner out of their handle:
   *
   * - per address (LOGIN_LIMIT_PER_IP): every attempt, whatever the handle, so one address guesses slowly everywhere;
   * - per handle and address (LOGIN_LIMIT_PER_HANDLE): attempts since the last sign-in that succeeded from that
   *   address. Once over, that address is refused for the handle, the right password included (else the 429 itself
   *   would answer its guesses); other addresses are not affected, so the owner still signs in from theirs;
   * - per handle from new addresses (LOGIN_LIMIT_PER_HANDLE_FROM_NEW_ADDRESSES): attempts on the handle, from all
   *   addresses it has not signed in from (or signed up from) within a session's lifetime, together. This caps a
   *   guesser who spreads over many addresses; the owner's known addresses are exempt, so they still get in.
   *
   * What a guesser gets: LOGIN_LIMIT_PER_HANDLE guesses per address and window on one handle, and no more than
   * LOGIN_LIMIT_PER_HANDLE_FROM_NEW_ADDRESSES per window on it however many addresses they hold. What the owner
   * sees: nothing, from an address they have signed in from lately, unless they mistype there themselves; from a
   * new address while their handle is under a spread-out attack, a 429 until the window ends (or they sign in from
   * a device they have used before). All counting happens before the password is checked, so parallel attempts
   * cannot slip past a limit. Behind a proxy this needs TRUST_PROXY, or every client shares the proxy's address.
   */
  async login(actor: Actor, input: { handle: string; password: string; deviceName?: string }): Promise<AuthResult> {
    if (actor.kind === 'system') throw new AppError('forbidden', 'The system does not sign in.');
    const { ip } = actor;
    const { perIp, perHandle, perHandleFromNewAddresses } = this.deps.config.loginLimit;
    await this.throttle(`login-ip:${ip}`, perIp, 'Too many sign-in attempts from this address.');
    await this.throttle(`login-handle-ip:${input.handle}:${ip}`, perHandle, 'Too many sign-in attempts.');
    if (!(await this.deps.limiter.seenWithin(this.knownKey(input.handle, ip), this.deps.config.sessionTtlMs))) {
      await this.throttle(`login-handle:${input.handle}`, perHandleFromNewAddresses, 'Too many sign-in attempts on this account from new places; sign in from a device you have used before, or wait.');
    }

    const user = await this.deps.repo.findUserByHandle(input.handle);
    const hash = user?.passwordHash ?? (await (this.dummyHash ??= argon2.hash(randomBytes(16).toString('hex'), { type: argon2.argon2id, ...this.deps.config.passwordHash })));
    const ok = await argon2.verify(hash, input.password);
    if (!user || !ok) throw new AppError('invalid_credentials', 'The handle or password is wrong.');

    // The count from new addresses is left alone: the owner getting in must not reset a spread-out guesser's budget.
    await this.deps.limiter.clear(`login-handle-ip:${input.handle}:${ip}`);
    await this.deps.limiter.note(this.knownKey(user.handle, ip));
    return this.openSession(user, input.deviceName ?? 'Web');
  }

  /** Marks an address the handle has signed in (or up) from, exempt from the handle's limit on new addresses. */
  private knownKey(handle: string, ip: string): string {
    return `login-known:${handle}:${ip}`;
  }

  private throttle(key: string, limit: number, message: string): Promise<void> {
    const { windowMs } = this.deps.config.loginLimit;
    return this.deps.limiter.hit(key, { limit, windowMs, message });
  }

  private async openSession(user: UserRow, deviceName: string): Promise<AuthResult> {
    const now = this.deps.clock.now();
    const token = randomBytes(32).toString('base64url');
    await this.deps.repo.insertSession({
      id: newId('ses'),
      userId: user.id,
      tokenHash: hashToken(token),
      deviceName,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + this.deps.config.sessionTtlMs),
    });
    return { token, user: toMe(user) };
  }

  /** Turns a bearer token into an actor, or throws `unauthorized` when the session is unknown, revoked or expired. */
  async authenticate(token: string, ip: string): Promise<UserActor> {
    const now = this.deps.clock.now();
    const hash = hashToken(token);
    const read = () => this.liveSession(hash, now);
    const session = await (this.deps.sessions ? this.deps.sessions.lookup(hash, now, read) : read());
    if (!session) throw new AppError('unauthorized', 'Your session has ended. Sign in again.');
    // The session row says when it was last seen, so most requests need no write at all.
    if (now.getTime() - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      await this.deps.repo.touchSession(session.sessionId, now, TOUCH_EVERY_MS);
      this.deps.sessions?.seen(hash, now);
    }
    return { kind: 'user', userId: session.userId, role: session.role, sessionId: session.sessionId, ip };
  }

  private async liveSession(hash: string, now: Date): Promise<CachedSession | undefined> {
    const found = await this.deps.repo.findLiveSession(hash, now);
    return found && { sessionId: found.session.id, userId: found.user.id, role: found.user.role, expiresAt: found.session.expiresAt, lastSeenAt: found.session.lastSeenAt };
  }

  async logout(actor: Actor): Promise<void> {
    const user = requireUser(actor);
    await this.revoke(user, user.sessionId);
  }

  async listSessions(actor: Actor): Promise<Session[]> {
    const user = requireUser(actor);
    const rows = await this.deps.repo.listLiveSessions(user.userId, this.deps.clock.now());
    return rows.map((row) => toSession(row, user.sessionId));
  }

  async revokeSession(actor: Actor, sessionId: string): Promise<void> {
    const user = requireUser(actor);
    await this.revoke(user, sessionId);
  }

  private async revoke(user: UserActor, sessionId: string): Promise<void> {
    const revoked = await this.deps.repo.revokeSession(user.userId, sessionId, this.deps.clock.now());
    if (!revoked) throw new AppError('not_found', 'No such signed-in device.');
    this.deps.sessions?.revoked([sessionId]);
    await this.deps.bus.publish('accounts.session.revoked', { userId: user.userId, sessionIds: [sessionId] });
  }

  async revokeOtherSessions(actor: Actor): Promise<number> {
    const user = requireUser(actor);
    const ids = await this.deps.repo.revokeSessionsExcept(user.userId, user.sessionId, this.deps.clock.now());
    this.deps.sessions?.revoked(ids);
    if (ids.length > 0) await this.deps.bus.publish('accounts.session.revoked', { userId: user.userId, sessionIds: ids });
    return ids.length;
  }

  async me(actor: Actor): Promise<Me> {
    const user = requireUser(actor);
    return toMe(await this.requireRow(user.userId));
  }

  async updateMe(actor: Actor, input: { displayName?: string; statusMessage?: string; birthday?: string | null }): Promise<Me> {
    const user = requireUser(actor);
    const row = await this.deps.repo.updateUser(user.userId, input, this.deps.clock.now());
    await this.profileChanged(user.userId);
    return toMe(row ?? (await this.requireRow(user.userId)));
  }

  async setAvatar(actor: Actor, upload: Buffer): Promise<Me> {
    const user = requireUser(actor);
    const picture = await squareWebp(upload, AVATAR_SIZE, { maxPixels: this.deps.config.imageMaxPixels });
    const key = `avatars/${randomToken(24)}.webp`;
    await this.deps.media.put(key, picture);
    return this.replaceAvatar(user, key);
  }

  async removeAvatar(actor: Actor): Promise<Me> {
    const user = requireUser(actor);
    return this.replaceAvatar(user, null);
  }

  private async replaceAvatar(user: UserActor, key: string | null): Promise<Me> {
    const previous = await this.requireRow(user.userId);
    const row = await this.deps.repo.updateUser(user.userId, { avatarKey: key }, this.deps.clock.now());
    await this.profileChanged(user.userId);
    if (previous.avatarKey) await this.deps.media.delete(previous.avatarKey);
    return toMe(row!);
  }

  async renewFriendCode(actor: Actor): Promise<Me> {
    const user = requireUser(actor);
    const row = await this.deps.repo.updateUser(user.userId, { friendCode: randomToken(20) }, this.deps.clock.now());
    return toMe(row!);
  }

  /**
   * Reads a stored avatar for anyone, signed in or not: an `<img>` sends no token. Avatar keys are unguessable,
   * so only those who were shown a profile (and so were not blocked) know the URL.
   */
  async avatar(_actor: Actor, key: string): Promise<Buffer | null> {
    return this.deps.media.get(key);
  }

  private async requireRow(userId: string): Promise<UserRow> {
    const row = await this.deps.repo.findUserById(userId);
    if (!row) throw new AppError('unauthorized', 'This account no longer exists.');
    return row;
  }
}
