import type { FastifyInstance } from 'fastify';
import { accountsApi } from '@maum/protocol';
import { z } from 'zod';
import { AppError } from '../../platform/errors';
import type { Router } from '../../platform/http/routes';
import type { AccountsService } from './accounts.service';

function deviceName(userAgent: string | undefined, given: string | undefined): string {
  if (given) return given;
  if (!userAgent) return 'Unknown device';
  const browser = /(Edg|Chrome|Firefox|Safari)\/[\d.]+/.exec(userAgent)?.[1] ?? 'Browser';
  // Most specific first: an Android user agent also says Linux, an iPhone one also says Mac OS X.
  const os = ['Android', 'iPhone', 'iPad', 'Windows', 'Mac OS X', 'Linux'].find((name) => userAgent.includes(name));
  return `${browser === 'Edg' ? 'Edge' : browser}${os ? ` on ${os.replace('Mac OS X', 'macOS')}` : ''}`;
}

export function registerAccountsRoutes(app: FastifyInstance, router: Router, accounts: AccountsService): void {
  router.add(accountsApi.signUp, ({ actor, body, request }) =>
    accounts.signUp(actor, { ...body, deviceName: deviceName(request.headers['user-agent'], undefined) }),
  );
  router.add(accountsApi.login, ({ actor, body, request }) =>
    accounts.login(actor, { ...body, deviceName: deviceName(request.headers['user-agent'], body.deviceName) }),
  );
  router.add(accountsApi.logout, ({ actor }) => accounts.logout(actor));
  router.add(accountsApi.me, ({ actor }) => accounts.me(actor));
  router.add(accountsApi.updateMe, ({ actor, body }) => accounts.updateMe(actor, body));
  router.add(accountsApi.uploadAvatar, async ({ actor, upload }) => accounts.setAvatar(actor, await (await upload()).toBuffer()));
  router.add(accountsApi.removeAvatar, ({ actor }) => accounts.removeAvatar(actor));
  router.add(accountsApi.renewFriendCode, ({ actor }) => accounts.renewFriendCode(actor));
  router.add(accountsApi.sessions, async ({ actor }) => ({ sessions: await accounts.listSessions(actor) }));
  router.add(accountsApi.revokeSession, ({ actor, params }) => accounts.revokeSession(actor, params.sessionId));
  router.add(accountsApi.revokeOtherSessions, async ({ actor }) => ({
    revoked: await accounts.revokeOtherSessions(actor),
  }));

  app.get(
    '/media/avatars/:file',
    { schema: { hide: true, params: z.object({ file: z.string().regex(/^[0-9a-z]{24}\.webp$/) }) } },
    async (request, reply) => {
      const { file } = request.params as { file: string };
      const actor = await router.actorOf(request, 'none');
      const data = await accounts.avatar(actor, `avatars/${file}`);
      if (!data) throw new AppError('not_found', 'No such picture.');
      // A new picture gets a new key, so a stored one never changes.
      return reply.type('image/webp').header('cache-control', 'public, max-age=31536000, immutable').send(data);
    },
  );
}
