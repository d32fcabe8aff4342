import type { App } from './app';

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
  const visitor = { kind: 'anonymous' as const, ip: '127.0.0.1' };

  await accounts.createUser({ handle: 'operator', displayName: 'Maum Operator', password: DEMO_PASSWORD }, 'operator');
  const members = [];
  for (const person of people) {
    const { user, token } = await accounts.signUp(visitor, { ...person, password: DEMO_PASSWORD, deviceName: 'Demo seed' });
    const actor = await accounts.authenticate(token, visitor.ip);
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

  return [
    { handle: 'operator', password: DEMO_PASSWORD, role: 'operator' },
    ...people.map((p) => ({ handle: p.handle, password: DEMO_PASSWORD, role: 'user' })),
    ...STORES.flatMap((s) => (s.staff ? [{ handle: s.staff.handle, password: DEMO_PASSWORD, role: `store staff at ${s.store} (/store)` }] : [])),
  ];
}
