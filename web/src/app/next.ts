import { isOwnPath } from '../api/paths';

/**
 * Where to go after signing in. Only paths inside this app are accepted, so a crafted link cannot send
 * someone to another site after they log in.
 */
export function safeNext(raw: string | null): string {
  if (!isOwnPath(raw)) return '/friends';
  if (raw.startsWith('/login') || raw.startsWith('/signup')) return '/friends';
  return raw;
}
