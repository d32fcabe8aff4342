import sharp from 'sharp';
import type { App } from './app';
import type { UserActor } from './platform/actor';

export interface DemoLogin {
  handle: string;
  password: string;
  role: string;
}

const DEMO_PASSWORD = 'maum-demo-1';

const people = [
  { handle: 'minji', displayName: '김민지 Minji', statusMessage: 'Coffee first ☕' },
  { handle: 'jun', displayName: '이준 Jun', statusMessage: 'At the gym' },
  { handle: 'sora', displayName: '박소라 Sora', statusMessage: 'Birthday next week 🎂' },
  { handle: 'haneul', displayName: '최하늘 Haneul', statusMessage: '' },
];

const STORES: Array<{ brand: string; store: string; staff?: { handle: string; name: string } }> = [
  { brand: 'Moonbean Coffee', store: 'Moonbean Seongsu', staff: { handle: 'barista', name: 'Moonbean Seongsu barista' } },
  { brand: 'Golden Crust Bakery', store: 'Golden Crust Hongdae' },
];

/**
 * Demo data for a first run: an operator and a few people who are friends with each other. Only runs on an empty
 * database, and goes through the services, so the demo obeys the same rules as real use.
 */
export async function seedDemo(app: App): Promise<DemoLogin[] | null> {
  const { accounts, friends, catalogue, wallet, stores } = app.services;
  await catalogue.seedDemo();
  if (!(await accounts.isEmpty())) return null;
  // The server signs its demo people up itself: no visitor's address should pay for them in sign-up limits.
  const seeder = { kind: 'system' as const };
  const seedIp = '127.0.0.1';

  await accounts.createUser({ handle: 'operator', displayName: 'Maum Operator', password: DEMO_PASSWORD }, 'operator');
  const members = [];
  for (const person of people) {
    const { user, token } = await accounts.signUp(seeder, { ...person, password: DEMO_PASSWORD, deviceName: 'Demo seed' });
    const actor = await accounts.authenticate(token, seedIp);
    if (person.statusMessage) await accounts.updateMe(actor, { statusMessage: person.statusMessage });
    members.push({ user, actor });
  }
  // Everyone adds everyone, except that haneul has not added jun back: haneul sees jun under "people who added you".
  for (const { user, actor } of members) {
    for (const other of members) {
      if (other.user.id === user.id || (user.handle === 'haneul' && other.user.handle === 'jun')) continue;
      await friends.add(actor, { handle: other.user.handle });
    }
  }
  const [minji, , sora] = members;
  await friends.update(minji!.actor, sora!.user.id, { favourite: true });
  // Sora's birthday is five days away, so the shop shows her under "friends with a birthday soon".
  const soon = new Date(app.clock.now().getTime() + 5 * 86_400_000);
  const birthday = `${String(soon.getUTCMonth() + 1).padStart(2, '0')}-${String(soon.getUTCDate()).padStart(2, '0')}`;
  await accounts.updateMe(sora!.actor, { birthday });
  // Everyone starts with some sandbox money to send gifts with.
  for (const { user, actor } of members) await wallet.topUp(actor, 100_000, `demo-funds-${user.id}`);
  await seedOpenlink(app, members.map((m) => m.actor));
  await seedProfiles(app, members.map((m) => m.actor), soon);
  for (const { actor } of members) await accounts.logout(actor);

  // One store per brand; the barista works at the café, so the store console can be tried with a demo coupon.
  const system = { kind: 'system' as const };
  for (const brand of STORES) {
    const { storeId } = await stores.createStore(system, { brand: brand.brand, name: brand.store });
    if (brand.staff) {
      const staff = await accounts.createUser({ handle: brand.staff.handle, displayName: brand.staff.name, password: DEMO_PASSWORD }, 'store_staff');
      await stores.addStaff(system, storeId, staff.id);
    }
  }

  await seedShop(app, seedIp, members[0]!.actor);

  return [
    { handle: 'operator', password: DEMO_PASSWORD, role: 'operator' },
    { handle: 'potter', password: DEMO_PASSWORD, role: 'seller: Clay & Kiln (/seller)' },
    ...people.map((p) => ({ handle: p.handle, password: DEMO_PASSWORD, role: 'user' })),
    ...STORES.flatMap((s) => (s.staff ? [{ handle: s.staff.handle, password: DEMO_PASSWORD, role: `store staff at ${s.store} (/store)` }] : [])),
  ];
}

/** A plain square picture in one colour with a white disc: stands in for a product photo in the demo. */
async function demoPicture(colour: string): Promise<Buffer> {
  const disc = Buffer.from('<svg width="600" height="600"><circle cx="300" cy="300" r="170" fill="white" opacity="0.85"/></svg>');
  return sharp({ create: { width: 600, height: 600, channels: 3, background: colour } }).composite([{ input: disc }]).png().toBuffer();
}

/**
 * A small business with a channel: two products (one can be sent as a delivery gift), a coupon code and a deal
 * post, approved by the operator. Minji follows it, so the post is already in her chats.
 */
async function seedShop(app: App, seedIp: string, follower: UserActor): Promise<void> {
  const { accounts, sellers, channels, products } = app.services;
  const system = { kind: 'system' as const };
  const { token } = await accounts.signUp(system, { handle: 'potter', displayName: '한도예 Potter', password: DEMO_PASSWORD, deviceName: 'Demo seed' });
  const potter = await accounts.authenticate(token, seedIp);
  const seller = await sellers.apply(potter, {
    kind: 'small_business',
    businessName: 'Clay & Kiln',
    registrationNumber: '2148612345',
    contactEmail: 'hello@clay-kiln.example',
    contactPhone: '01055550123',
  });
  await sellers.approve(system, seller.id);
  const channel = await channels.save(potter, { name: 'Clay & Kiln', description: 'Hand-thrown stoneware from a small studio in Icheon.', category: 'living' });
  await channels.setPicture(potter, 'profile', await demoPicture('#8d6e63'));
  await channels.setPicture(potter, 'cover', await demoPicture('#d7ccc8'));
  const mug = await products.create(potter, {
    name: 'Moon jar mug',
    description: 'A 350 ml mug glazed in celadon. Dishwasher safe.',
    imageIds: [(await products.uploadImage(potter, await demoPicture('#80cbc4'))).id],
    giftListing: 'delivery',
    variants: [
      { name: 'Celadon', price: 28_000, stock: 20 },
      { name: 'Ash white', price: 28_000, stock: 3 },
    ],
  });
  await products.create(potter, {
    name: 'Rice bowl pair',
    description: 'Two everyday bowls, 12 cm across.',
    imageIds: [(await products.uploadImage(potter, await demoPicture('#bcaaa4'))).id],
    giftListing: 'none',
    variants: [{ name: 'Pair', price: 36_000, stock: 10 }],
  });
  const now = app.clock.now();
  await products.createCoupon(potter, {
    code: 'WELCOME10',
    kind: 'percent',
    value: 10,
    minOrder: 20_000,
    startsAt: now.toISOString(),
    endsAt: new Date(now.getTime() + 90 * 86_400_000).toISOString(),
    totalLimit: 100,
    perUserLimit: 1,
  });
  await channels.follow(follower, channel.id, true);
  await channels.publish(potter, {
    text: 'Opening week: 10% off everything with WELCOME10.',
    imageIds: [],
    deal: { productIds: [mug.product.id], startsAt: now.toISOString(), endsAt: new Date(now.getTime() + 7 * 86_400_000).toISOString() },
  });
  await accounts.logout(potter);
}

/**
 * A few OpenLink rooms to find on a first run: a webcomic fan room in three languages with some talk in it, a local
 * room, a study room behind an entry code, and a one-to-one open profile.
 */
async function seedOpenlink(app: App, [minji, jun, sora, haneul]: UserActor[]): Promise<void> {
  const { openlink, chat } = app.services;
  let n = 0;
  const say = (actor: UserActor, roomId: string, text: string) => chat.send(actor, roomId, { clientMsgId: `demo-open-${++n}`, kind: 'text', body: { text } });

  const fans = await openlink.create(minji!, {
    name: '나 혼자만 레벨업 · 俺だけレベルアップな件 · Solo Leveling',
    description: '한국, 日本, Indonesia fans of Solo Leveling: talk about every chapter in your own language. Spoilers after the notice!',
    category: 'webcomics', tags: ['SoloLeveling', '나혼렙', '俺レベ', 'webtoon'], languages: ['ko', 'ja', 'id'],
    memberCap: 1500, joinMode: 'open', format: 'group', profile: { kind: 'main' },
  });
  await openlink.join(jun!, fans.id, { profile: { kind: 'open', nickname: '그림자 병사' }, lang: 'ko' });
  await openlink.join(sora!, fans.id, { profile: { kind: 'open', nickname: 'ソラ' }, lang: 'ja' });
  await openlink.updateSettings(minji!, fans.id, { pinnedNotice: 'Be kind. Mark spoilers. 스포 주의! ネタバレ注意！' });
  await openlink.setGlossary(minji!, fans.id, { keep: ['Jinwoo', 'Solo Leveling'], terms: [{ term: '헌터', lang: 'ja', text: 'ハンター' }] });
  await say(minji!, fans.id, '이번 화 진짜 대박이다 ㅋㅋㅋ');
  await say(sora!, fans.id, '今週の話、最高だった！草');
  await say(jun!, fans.id, 'Jinwoo 각성 장면 다시 봐도 소름');
  // Minji sells a supporter tier in her room, with a post only supporters read.
  const { subscriptions } = app.services;
  await subscriptions.createTier(minji!, fans.id, { name: 'Supporter', price: 3900, perks: 'Chapter notes a day early · 하루 먼저 보는 해설 · 1日早い解説' });
  await subscriptions.createTier(minji!, fans.id, { name: 'Shadow Monarch', price: 9900, perks: 'Everything in Supporter, and a monthly live Q&A' });
  await subscriptions.createPost(minji!, fans.id, 'Chapter notes: why the dungeon break changes everything. 이번 화 해설은 여기서! 今週の解説はこちら。');

  await openlink.create(jun!, {
    name: 'Seoul café hopping ☕', description: 'Quiet cafés, good beans, where to work from in Seoul.',
    category: 'local', tags: ['Seoul', '카페', 'cafe'], languages: ['ko', 'en'], memberCap: 300, joinMode: 'open', format: 'group', profile: { kind: 'main' },
  });
  await openlink.create(sora!, {
    name: 'Belajar bahasa Korea bareng', description: 'Belajar bahasa Korea untuk pemula. 한국어 같이 공부해요. Entry code: hangul',
    category: 'study', tags: ['한국어', 'belajar', 'korean'], languages: ['id', 'ko'], memberCap: 200, joinMode: 'code', entryCode: 'hangul', format: 'group', profile: { kind: 'main' },
  });
  await openlink.create(haneul!, {
    name: 'Ask an illustrator', description: 'Questions about drawing webcomics, one to one.',
    category: 'webcomics', tags: ['drawing', '일러스트'], languages: ['ko', 'en'], memberCap: 2, joinMode: 'open', format: 'one_to_one',
    profile: { kind: 'open', nickname: 'Sky illustrator' },
  });
}

/**
 * Profile spaces: Sora's is decorated for her birthday (five days away), which Minji and Jun follow and have already
 * celebrated and signed; Minji's shows a feeling, a photo strip and a music link.
 */
async function seedProfiles(app: App, [minji, jun, sora]: UserActor[], birthdaySoon: Date): Promise<void> {
  const { profiles, celebrations } = app.services;
  const friends = { kind: 'friends' } as const;
  const everyone = { kind: 'everyone' } as const;
  await profiles.decorate(sora!, {
    theme: 'confetti',
    background: { colour: '#fff4f8', pattern: 'hearts' },
    stickers: [
      { kind: 'cake', x: 0.18, y: 0.62, scale: 1.4, rotation: -12 },
      { kind: 'balloon', x: 0.84, y: 0.3, scale: 1.2, rotation: 8 },
      { kind: 'sparkle', x: 0.55, y: 0.2, scale: 0.8, rotation: 0 },
    ],
    blocks: [
      { kind: 'feeling', audience: everyone },
      { kind: 'events', audience: friends },
      { kind: 'guestbook', audience: friends },
      { kind: 'wishlist', audience: friends },
    ],
  });
  await profiles.setFeeling(sora!, { emoji: '🎂', text: 'Counting down to my birthday!', pinned: true });
  const year = birthdaySoon.getUTCFullYear() - 27;
  const birthday = await profiles.addEvent(sora!, {
    kind: 'birthday',
    title: 'Sora’s birthday',
    date: `${year}-${birthdaySoon.toISOString().slice(5, 10)}`,
    yearly: true,
    audience: friends,
    giftsAllowed: true,
  });
  const trip = new Date(birthdaySoon.getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
  await profiles.addEvent(sora!, { kind: 'trip', title: 'Osaka trip ✈️', date: trip, yearly: false, audience: friends, giftsAllowed: false });
  for (const friend of [minji!, jun!]) await profiles.follow(friend, sora!.userId, true);
  await celebrations.celebrate(minji!, sora!.userId, birthday.id, 'party');
  await celebrations.celebrate(jun!, sora!.userId, birthday.id, 'cake');
  await celebrations.sign(minji!, sora!.userId, { text: 'Early happy birthday, Sora! 생일 축하해 🎉', secret: false, eventId: birthday.id });
  await celebrations.sign(jun!, sora!.userId, { text: 'Dinner on me this year.', secret: true });

  await profiles.decorate(minji!, {
    theme: 'sea',
    background: { colour: '#eef6ff', pattern: 'waves' },
    stickers: [{ kind: 'coffee', x: 0.8, y: 0.7, scale: 1, rotation: 10 }],
    blocks: [
      { kind: 'feeling', audience: everyone },
      { kind: 'photos', audience: friends },
      { kind: 'music', audience: everyone },
      { kind: 'guestbook', audience: friends },
      { kind: 'events', audience: friends },
    ],
    music: { url: 'https://music.example/track/spring-day', title: 'Spring Day' },
  });
  await profiles.setFeeling(minji!, { emoji: '☕', text: 'Third coffee today', pinned: false });
  for (const colour of ['#8fb8de', '#f2b5a0', '#a6d49f']) await profiles.addPhoto(minji!, await demoPicture(colour));
}
