import type { Room } from '@maum/protocol';
import { signUp, type TestServer } from './test-server';

export type Person = Awaited<ReturnType<typeof signUp>>;

export async function befriend(server: TestServer, owner: Person, ...others: Person[]): Promise<void> {
  for (const other of others) {
    const res = await server.request('POST', '/api/friends', { token: owner.token, body: { handle: other.handle } });
    if (res.status !== 201) throw new Error(`add friend failed: ${res.status}`);
  }
}

/** A group room made by `owner` with `members` (whom the owner adds as friends first). */
export async function groupRoom(server: TestServer, owner: Person, members: Person[], title = 'Team'): Promise<Room> {
  await befriend(server, owner, ...members);
  const res = await server.request<Room>('POST', '/api/rooms', {
    token: owner.token,
    body: { title, memberIds: members.map((m) => m.user.id) },
  });
  if (res.status !== 201) throw new Error(`group failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function directRoom(server: TestServer, a: Person, b: Person): Promise<Room> {
  const res = await server.request<Room>('POST', '/api/rooms/direct', { token: a.token, body: { userId: b.user.id } });
  if (res.status !== 200) throw new Error(`direct room failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function sendText(server: TestServer, who: Person, roomId: string, text: string, clientMsgId: string = crypto.randomUUID()) {
  return server.request('POST', `/api/rooms/${roomId}/messages`, {
    token: who.token,
    body: { clientMsgId, kind: 'text', body: { text } },
  });
}

/** `count` new people, signed up at once (each sign-up hashes a password); the list keeps the order they were asked for. */
export function people(server: TestServer, count: number): Promise<Person[]> {
  return Promise.all(Array.from({ length: count }, () => signUp(server)));
}
