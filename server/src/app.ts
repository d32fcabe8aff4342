import type { FastifyInstance } from 'fastify';
import { systemApi } from '@maum/protocol';
import {
  AccountsRepository,
  AccountsService,
  FriendsRepository,
  FriendsService,
  registerAccountsRoutes,
  registerFriendsRoutes,
} from './modules/accounts';
import { InProcessEventBus, type EventBus } from './platform/bus/event-bus';
import { systemClock, type Clock } from './platform/clock';
import type { Config } from './platform/config';
import { openDatabase, type Database } from './platform/db/database';
import { AppError } from './platform/errors';
import { createHttpServer } from './platform/http/http-server';
import { Router } from './platform/http/routes';
import { createLogger, type Logger } from './platform/log';
import { LocalMediaStore } from './platform/media/media-store';

export interface App {
  config: Config;
  log: Logger;
  clock: Clock;
  database: Database;
  bus: EventBus;
  http: FastifyInstance;
  services: { accounts: AccountsService; friends: FriendsService };
  /** Stops accepting, finishes in-flight requests, then closes the bus and the database. */
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  log?: Logger;
}

/**
 * The composition root: config → adapters → repositories → services → routes. Everything is wired here, by
 * hand, so a reader can follow each dependency from one place.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const clock = options.clock ?? systemClock;

  const database = await openDatabase(config.database, log);
  await database.migrate();
  const bus = new InProcessEventBus(log);
  const media = new LocalMediaStore(config.mediaDir);

  const accountsRepo = new AccountsRepository(database.db);
  const friendsRepo = new FriendsRepository(database.db);
  const accounts = new AccountsService({ repo: accountsRepo, clock, bus, media, config });
  const friends = new FriendsService({ friends: friendsRepo, accounts: accountsRepo, clock, bus });

  const http = await createHttpServer(config, log);
  const router = new Router(http, (token, ip) => accounts.authenticate(token, ip));
  router.add(systemApi.health, async () => {
    await database.ping().catch((cause: unknown) => {
      throw new AppError('unavailable', 'The database is not reachable.', { cause });
    });
    return { status: 'ok' as const };
  });
  registerAccountsRoutes(http, router, accounts);
  registerFriendsRoutes(router, friends);
  await http.ready();

  let closing: Promise<void> | undefined;
  return {
    config,
    log,
    clock,
    database,
    bus,
    http,
    services: { accounts, friends },
    close: () =>
      (closing ??= (async () => {
        await http.close();
        await bus.close();
        await database.close();
      })()),
  };
}
