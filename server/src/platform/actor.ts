import { AppError } from './errors';
import type { Role } from '@maum/protocol';

/** Who is calling a service method. Every service method takes one and checks access on its first line. */
export type Actor =
  | { kind: 'anonymous'; ip: string }
  | { kind: 'user'; userId: string; role: Role; sessionId: string; ip: string }
  | { kind: 'store'; storeId: string; brandId: string; staffId: string | null; ip: string }
  | { kind: 'system' };

export type UserActor = Extract<Actor, { kind: 'user' }>;
export type StoreActor = Extract<Actor, { kind: 'store' }>;
export type SystemActor = Extract<Actor, { kind: 'system' }>;

/** The first line of every service method that needs a signed-in user. */
export function requireUser(actor: Actor): UserActor {
  if (actor.kind !== 'user') throw new AppError('unauthorized', 'Sign in first.');
  return actor;
}

/**
 * The first line of every method only the server itself calls: the scheduler, and flows that act on someone's
 * behalf. Nothing a person sends reaches these; the message says who may.
 */
export function requireSystem(actor: Actor, message = 'Only the server itself can do this.'): asserts actor is SystemActor {
  if (actor.kind !== 'system') throw new AppError('forbidden', message);
}

/**
 * The first line of every operator's method: an operator, or the server itself (the CLI, seeding and flows). Answers
 * who acted, for the record (null for the server).
 */
export function requireOperator(actor: Actor, message = 'Only an operator can do this.'): { userId: string | null } {
  if (actor.kind === 'system') return { userId: null };
  if (actor.kind !== 'user') throw new AppError('unauthorized', 'Sign in first.');
  if (actor.role !== 'operator') throw new AppError('forbidden', message);
  return { userId: actor.userId };
}

/** The first line of every store-facing service method. */
export function requireStore(actor: Actor): StoreActor {
  if (actor.kind !== 'store') throw new AppError('unauthorized', 'Sign in as the store, or send its X-Store-Key.');
  return actor;
}
