import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { systemApi } from '@maum/protocol';
import { MAX_FRAME_BYTES } from '@maum/protocol';
import {
  AccountsDirectory,
  AccountsRepository,
  AccountsService,
  FriendsRepository,
  FriendsService,
  registerAccountsRoutes,
  registerFriendsRoutes,
  SessionCache,
  ProfileCache,
} from './modules/accounts';
import { chatCertificateMessenger } from './flows/certificate-messages';
import { certsCommerce, itemCertificates } from './flows/certificates-commerce';
import { channelChat } from './flows/channel-chat';
import { chatGiftMessenger } from './flows/gift-messages';
import { giftShopListing } from './flows/gift-shop-listing';
import { openRoomChat, openRoomPolicy } from './flows/openlink-chat';
import { chatReceiptCards, chatRoomSeats, subscribedRooms, subscriptionRoomHooks } from './flows/room-subscriptions';
import { certificateShelf, chatEventCards, profileGiftOccasions, profileWishlists } from './flows/profile-spaces';
import { CelebrationsService, ProfilesRepository, ProfilesService, registerProfilesRoutes } from './modules/profiles';
import { registerSubscriptionsRoutes, SubscriptionsRepository, SubscriptionsService } from './modules/subscriptions';
import { createTranslator } from './platform/translate/create-translator';
import { OpenlinkRepository, OpenlinkService, registerOpenlinkRoutes, TranslationsService } from './modules/openlink';
import {
  ChannelsRepository,
  ChannelsService,
  OrdersService,
  ProductsService,
  registerCommerceRoutes,
  SellerGate,
  SellersRepository,
  SellersService,
  SettlementsService,
  ShopRepository,
} from './modules/commerce';
import {
  CatalogueService,
  CouponPins,
  GiftsRepository,
  GiftsService,
  registerGiftsRoutes,
  registerStoreRoutes,
  StoresRepository,
  StoresService,
  VoucherPolicy,
} from './modules/gifts';
import { LedgerRepository, LedgerService, PayoutsRepository, PayoutsService, registerWalletRoutes, WalletService } from './modules/ledger';
import {
  CertificatesRepository,
  CertificatesService,
  CheckpointAnchoring,
  LogRepository,
  logOrigin,
  registerCertificateRoutes,
  registerLogRoutes,
  TransparencyLog,
} from './modules/certs';
import { ChatMediaService, ChatRepository, ChatService, chatWsHandlers, registerChatRoutes } from './modules/chat';
import { InProcessEventBus, type EventBus } from './platform/bus/event-bus';
import { NatsEventBus } from './platform/bus/nats-bus';
import { OffsetClock, systemClock, type Clock } from './platform/clock';
import type { Config } from './platform/config';
import { openDatabase, type Database } from './platform/db/database';
import { AppError } from './platform/errors';
import { closeGracefully, createHttpServer } from './platform/http/http-server';
import { Idempotency } from './platform/http/idempotency/idempotency';
import { IdempotencyRepository } from './platform/http/idempotency/idempotency.repository';
import { Router } from './platform/http/routes';
import { SandboxPayments, type PaymentsPort } from './platform/payments/payments';
import { RateLimitRepository } from './platform/rate-limit/rate-limit.repository';
import { RateLimiter } from './platform/rate-limit/rate-limiter';
import { LeaseRepository } from './platform/scheduler/lease.repository';
import { atMostEvery, Scheduler } from './platform/scheduler/scheduler';
import { loadSecret } from './platform/secrets';
import { createLogger, type Logger } from './platform/log';
import { LocalMediaStore, type MediaStore } from './platform/media/media-store';
import { S3MediaStore } from './platform/media/s3-media-store';
import { AudioProcessor } from './platform/media/audio';
import { VideoProcessor } from './platform/media/video';
import { RealtimeGateway } from './realtime/gateway';
import { WsHandlerRegistry } from './realtime/handlers';

export interface App {
  config: Config;
  log: Logger;
  clock: Clock;
  database: Database;
  bus: EventBus;
  http: FastifyInstance;
  gateway: RealtimeGateway;
  scheduler: Scheduler;
  services: {
    accounts: AccountsService;
    friends: FriendsService;
    chat: ChatService;
    ledger: LedgerService;
    wallet: WalletService;
    catalogue: CatalogueService;
    gifts: GiftsService;
    stores: StoresService;
    sellers: SellersService;
    channels: ChannelsService;
    products: ProductsService;
    orders: OrdersService;
    settlements: SettlementsService;
    payouts: PayoutsService;
    certsLog: TransparencyLog;
    /** Anchoring of the log's checkpoints on a chain; undefined when it is off. */
    certsAnchoring: CheckpointAnchoring | undefined;
    certificates: CertificatesService;
    openlink: OpenlinkService;
    profiles: ProfilesService;
    celebrations: CelebrationsService;
    subscriptions: SubscriptionsService;
  };
  /** Stops accepting, finishes in-flight requests, then closes the bus and the database. */
  close(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  log?: Logger;
  /** The `maum` command this process runs (default `serve`): on PGlite, what another process is told it waits for. */
  command?: string;
  /** Where charges and payouts go (default: the sandbox, where no real money moves). */
  payments?: PaymentsPort;
}

/**
 * The composition root: config → adapters → repositories → services → routes. Everything is wired here, by
 * hand, so a reader can follow each dependency from one place.
 */
export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? createLogger(config.logLevel);
  const devClock = config.devClock && !options.clock ? new OffsetClock() : undefined;
  const clock = options.clock ?? devClock ?? systemClock;

  // A node that cannot reach the shared bucket would store media no other node sees: it stops before serving.
  const s3 = config.s3 && new S3MediaStore(config.s3);
  await s3?.check().catch((err: unknown) => {
    s3.close();
    throw err;
  });
  const media: MediaStore = s3 ?? new LocalMediaStore(config.mediaDir);
  const database = await openDatabase(config.database, log, options.command);
  await database.migrate();
  const bus: EventBus = config.nats ? await NatsEventBus.connect(config.nats, log) : new InProcessEventBus(log);
  const limiter = new RateLimiter(new RateLimitRepository(database.db), clock);

  const accountsRepo = new AccountsRepository(database.db);
  const friendsRepo = new FriendsRepository(database.db);
  // Sessions are kept in memory only on PGlite, where every revocation is made by this process: see SessionCache.
  const sessions = config.database.kind === 'pglite' ? new SessionCache({ max: 100_000, ttlMs: 60_000 }) : undefined;
  // Public profiles are kept a short while on every engine; a change reaches other nodes on the bus: see ProfileCache.
  const profileCache = new ProfileCache({ max: 100_000, ttlMs: 30_000 });
  bus.subscribe('accounts.profile.changed', ({ userId }) => profileCache.changed([userId]));
  const accounts = new AccountsService({ repo: accountsRepo, clock, bus, media, limiter, config, sessions, profiles: profileCache });
  const friends = new FriendsService({ friends: friendsRepo, accounts: accountsRepo, clock, bus });
  const people = new AccountsDirectory(accountsRepo, friendsRepo, profileCache);

  const chatRepo = new ChatRepository(database.db);
  // OpenLink needs chat and chat asks OpenLink about open rooms: OpenLink is made below and handed to chat then.
  // eslint-disable-next-line prefer-const -- declared here so chat's policy can reach it; assigned once, below
  let openRooms: { openlink: OpenlinkService; translations: TranslationsService } | undefined;
  const chat: ChatService = new ChatService({ database, repo: chatRepo, people, clock, bus, log, openRooms: openRoomPolicy(() => openRooms!, (): SubscriptionsService => subscriptions) });
  const chatMedia = new ChatMediaService({
    repo: chatRepo,
    store: media,
    video: new VideoProcessor(log),
    audio: new AudioProcessor(log),
    clock,
    limits: { ...config.mediaMax, maxPixels: config.imageMaxPixels, voiceMs: config.voiceMaxMs },
    spoolDir: path.join(config.dataDir, 'spool'),
  });

  const ledger = new LedgerService(new LedgerRepository(database.db), clock, database);
  const payments = options.payments ?? new SandboxPayments();
  const wallet = new WalletService({ database, ledger, payments });
  const payouts = new PayoutsService({ database, repo: new PayoutsRepository(database.db), ledger, payments, clock, log });

  const profilesRepo = new ProfilesRepository(database.db);
  const celebrations = new CelebrationsService({
    database,
    repo: profilesRepo,
    people,
    limiter,
    cards: chatEventCards(chat, accounts),
    bus,
    clock,
    log,
  });

  const giftsRepo = new GiftsRepository(database.db);
  const profiles = new ProfilesService({
    database,
    repo: profilesRepo,
    people,
    media,
    imageLimits: { maxPixels: config.imageMaxPixels },
    // Certificates are made further down; the shelf reads them only when a space is shown.
    shelf: certificateShelf((): CertificatesService => certificates),
    clock,
  });
  const catalogue = new CatalogueService({ database, repo: giftsRepo, media, people, wishlists: profileWishlists(profiles), clock });
  const pins = new CouponPins(await loadSecret(config.dataDir, 'coupon-pins', config.couponSecret));
  const policy = new VoucherPolicy(config.voucherTerms);
  const messenger = chatGiftMessenger(chat, accounts);
  const occasions = profileGiftOccasions(celebrations);
  const idempotency = new Idempotency(new IdempotencyRepository(database.db), clock);
  const gifts = new GiftsService({ database, repo: giftsRepo, ledger, wallet, people, pins, messenger, occasions, policy, keys: idempotency, clock, log });
  const stores = new StoresService({
    database,
    repo: new StoresRepository(database.db),
    gifts: giftsRepo,
    ledger,
    pins,
    people,
    limiter,
    pinLookupLimit: config.pinLookupLimit,
    keys: idempotency,
    clock,
    log,
  });

  const channelsRepo = new ChannelsRepository(database.db);
  const sellersRepo = new SellersRepository(database.db);
  const shopRepo = new ShopRepository(database.db);
  const gate = new SellerGate(sellersRepo);
  const commerceChat = channelChat(chat, accounts);
  const products = new ProductsService({
    database,
    shop: shopRepo,
    channels: channelsRepo,
    sellers: sellersRepo,
    gate,
    media,
    imageLimits: { maxPixels: config.imageMaxPixels },
    giftShop: giftShopListing(catalogue, stores),
    clock,
  });
  const sellers = new SellersService({ repo: sellersRepo, channels: channelsRepo, gate, people, products, clock });
  const logRepo = new LogRepository(database.db);
  const certsLog = await TransparencyLog.open({
    database,
    repo: logRepo,
    signingKey: await loadSecret(config.dataDir, 'tlog-signing', config.tlog.signingKey),
    origin: logOrigin(config.publicUrl),
    clock,
    log,
    batch: { ms: config.tlog.batchMs, size: config.tlog.batchSize },
  });
  // The chain client (viem) is loaded only when anchoring is on.
  const certsAnchoring = config.anchor
    ? new CheckpointAnchoring({
        repo: logRepo,
        chain: new (await import('./platform/anchor/evm-anchor')).EvmChainAnchor(config.anchor),
        origin: certsLog.origin,
        intervalMs: config.anchor.intervalMs,
        clock,
        log,
      })
    : undefined;
  const certificates = new CertificatesService({
    database,
    repo: new CertificatesRepository(database.db),
    log: certsLog,
    commerce: certsCommerce(gate, products),
    messenger: chatCertificateMessenger(chat),
    logger: log,
    people,
    pseudonymKey: await loadSecret(config.dataDir, 'certificate-owners', config.certOwnerKey),
    publicUrl: config.publicUrl ?? `http://localhost:${config.port}`,
    clock,
  });
  const openlinkRepo = new OpenlinkRepository(database.db);
  const openChat = openRoomChat(chat);
  const openlink = new OpenlinkService({
    database,
    repo: openlinkRepo,
    chat: openChat,
    people,
    limiter,
    clock,
    media,
    imageLimits: { maxPixels: config.imageMaxPixels },
    // Subscriptions are made just below; OpenLink asks them only when someone joins or is taken out.
    hooks: subscriptionRoomHooks((): SubscriptionsService => subscriptions),
  });
  const translations = new TranslationsService({ repo: openlinkRepo, chat: openChat, translator: createTranslator(config.translate), clock, log, bus });
  openRooms = { openlink, translations };
  const receipts = chatReceiptCards(chat, accounts);
  const subscriptions: SubscriptionsService = new SubscriptionsService({
    database,
    repo: new SubscriptionsRepository(database.db),
    rooms: subscribedRooms(openlink),
    seats: chatRoomSeats(chat),
    cards: receipts,
    people,
    ledger,
    payouts,
    config: { graceDays: config.subscriptionGraceDays, payoutIntervalMs: config.settlementIntervalMs },
    clock,
  });
  const channels = new ChannelsService({ repo: channelsRepo, sellers: sellersRepo, shop: shopRepo, products, gate, chat: commerceChat, people, clock, log });
  const orders = new OrdersService({
    database,
    shop: shopRepo,
    channels: channelsRepo,
    sellers: sellersRepo,
    gate,
    ledger,
    chat: commerceChat,
    certificates: itemCertificates(certificates),
    people,
    times: config.orders,
    keys: idempotency,
    clock,
    log,
  });
  const settlements = new SettlementsService({
    database,
    shop: shopRepo,
    sellers: sellersRepo,
    gate,
    ledger,
    payouts,
    intervalMs: config.settlementIntervalMs,
    clock,
  });

  const system = { kind: 'system' as const };
  const scheduler = new Scheduler({ leases: new LeaseRepository(database.db), clock, log, ...config.scheduler })
    .add({ name: 'deliver scheduled gifts', run: () => gifts.deliverDue(system) })
    .add({ name: 'expire coupons', run: () => gifts.expireDue(system) })
    .add({ name: 'coupon expiry notices', run: () => gifts.sendExpiryNotices(system) })
    .add({ name: 'end unpaid checkouts', run: () => orders.expireDue(system) })
    .add({ name: 'complete delivered orders', run: () => orders.completeDue(system) })
    .add({ name: 'resume channel posts', run: () => channels.deliverPending(system) })
    .add({ name: 'settle sellers', run: () => settlements.settleDue(system) })
    .add({ name: 'renew subscriptions', run: () => subscriptions.renewDue(system) })
    .add({ name: 'pay hosts out', run: () => subscriptions.payOutDue(system) })
    .add({ name: 'send pending payouts', run: () => payouts.sendDue(system) })
    .add({ name: 'finish certificate log entries', run: () => certificates.settleOwedEntries(system) })
    .add({ name: 'profile event cards', run: () => celebrations.postDayCards(system) })
    .add({ name: 'post owed chat cards', run: () => chat.deliverOwedCards(system) });
  if (certsAnchoring) scheduler.add({ name: 'anchor log checkpoints', run: () => certsAnchoring.run() });
  if (config.database.kind === 'pglite') {
    scheduler.add(atMostEvery(config.database.vacuumEveryMs ?? 10_000, { name: 'vacuum the embedded database', run: () => database.vacuum(), routine: true }));
  }

  const http = await createHttpServer(config, log);
  const router = new Router(
    http,
    (token, ip) => accounts.authenticate(token, ip),
    (credentials, ip) => stores.authenticate(credentials, ip),
    idempotency,
  );
  router.add(systemApi.health, async () => {
    await database.ping().catch((cause: unknown) => {
      throw new AppError('unavailable', 'The database is not reachable.', { cause });
    });
    return { status: 'ok' as const };
  });
  registerAccountsRoutes(http, router, accounts);
  registerFriendsRoutes(router, friends);
  registerChatRoutes(http, router, chat, chatMedia);
  registerWalletRoutes(router, wallet);
  registerGiftsRoutes(router, catalogue, gifts);
  registerStoreRoutes(router, stores);
  registerCommerceRoutes(router, { sellers, channels, products, orders, settlements });
  registerLogRoutes(http, router, certsLog, certsAnchoring);
  registerCertificateRoutes(router, certificates);
  registerOpenlinkRoutes(router, openlink, translations);
  registerProfilesRoutes(router, profiles, celebrations);
  registerSubscriptionsRoutes(router, subscriptions);
  if (devClock) {
    router.add(systemApi.devClock, async ({ body }) => {
      devClock.advance(body.advanceMs);
      await scheduler.tick();
      return { now: clock.now().toISOString() };
    });
  }
  await http.ready();

  const gateway = new RealtimeGateway(
    {
      authenticate: (token, ip) => accounts.authenticate(token, ip),
      roomIdsOf: (actor) => chat.roomIdsOf(actor),
      sync: (actor, cursors) => chat.sync(actor, cursors),
      handlers: new WsHandlerRegistry().register(chatWsHandlers(chat)),
      bus,
      log,
    },
    {
      path: '/ws',
      maxFrameBytes: MAX_FRAME_BYTES,
      trustProxy: config.trustProxy,
      ...config.realtime,
    },
  );
  gateway.attach(http.server);
  scheduler.start();

  let closing: Promise<void> | undefined;
  return {
    config,
    log,
    clock,
    database,
    bus,
    http,
    gateway,
    scheduler,
    services: { accounts, friends, chat, ledger, wallet, catalogue, gifts, stores, sellers, channels, products, orders, settlements, payouts, certsLog, certsAnchoring, certificates, openlink, profiles, celebrations, subscriptions },
    close: () =>
      (closing ??= (async () => {
        await scheduler.stop();
        await gateway.close();
        await closeGracefully(http, 10_000);
        // Appends still queued are integrated and checkpointed before the database goes.
        await certsLog.close();
        await bus.close();
        await database.close();
        s3?.close();
      })()),
  };
}
