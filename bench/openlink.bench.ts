import { sql } from 'drizzle-orm';
import { roomTerms } from '../server/src/modules/openlink';
import type { Database } from '../server/src/platform/db/database';
import { newId, randomToken } from '../server/src/platform/ids';
import { startLibreTranslateStandIn, type LibreTranslateStandIn } from '../server/test/support/libretranslate-standin';
import { baselineSql, HttpClient, inParallel, line, note, openSocket as helloSocket, type Sql } from './commerce';
import { bareTarget, Client, latency, peak, type Target } from './fanout';
import type { Bench, BenchLine } from './registry';
import { bulkInsert, percentile, seedAccounts, startMaum, type Engine, type MaumServer, type SeededAccount } from './support';

interface Shape {
  /** People in the fan-out room (its host included), each with one socket. */
  members: number;
  /** Messages of the peak load; seconds of the load at half the peak's rate. */
  messages: number;
  latencySeconds: number;
  /** Open rooms searched, and how many times the query set is asked after a warm-up round. */
  rooms: number;
  searchRounds: number;
  /** Readers of the translated room (a third each reading ko, ja and id), and the messages sent to it. */
  readers: number;
  translatedMessages: number;
}

const FULL: Shape = { members: 5000, messages: 60, latencySeconds: 5, rooms: 100_000, searchRounds: 5, readers: 1000, translatedMessages: 12 };
// Each join through the API costs the server about 20 ms of CPU on PGlite on a 2-core machine, so the quick run, meant to
// take about half a minute, fills smaller rooms.
const QUICK: Shape = { members: 300, messages: 100, latencySeconds: 1, rooms: 10_000, searchRounds: 1, readers: 90, translatedMessages: 3 };

/** Members whose sockets send the fan-out load (as in the chat benchmark, each keeps a few messages unconfirmed). */
const SENDERS = 10;
/** What the stand-in translator adds to every call, as a real one on the network would. */
const TRANSLATE_MS = 50;
const READING = ['ko', 'ja', 'id'] as const;

// The search corpus: rooms named and described in Korean, Japanese, Indonesian and English from a vocabulary per
// language, words drawn with Zipf's law (a few common, most rare), so queries range from thousands of matches to few.
const VOCABULARY = {
  ko: ['웹툰', '원피스', '축구', '여행', '음악', '공부', '게임', '애니', '맛집', '서울', '부산', '야구', '영화', '드라마', '아이돌', '케이팝', '요리', '사진', '독서', '캠핑', '등산', '고양이', '강아지', '코딩', '영어', '일본어', '주식', '패션', '뷰티', '운동'],
  ja: ['漫画', 'アニメ', 'サッカー', '旅行', '音楽', '勉強', 'ゲーム', '東京', '大阪', 'ラーメン', '野球', '映画', 'ドラマ', 'アイドル', '料理', '写真', '読書', 'キャンプ', '登山', '猫', '犬', 'プログラミング', '英語', '韓国語', '投資', 'ファッション', 'コスプレ', '声優', '推し', 'カフェ'],
  id: ['komik', 'sepakbola', 'perjalanan', 'musik', 'belajar', 'permainan', 'kuliner', 'jakarta', 'bandung', 'bali', 'film', 'drama', 'idola', 'memasak', 'fotografi', 'membaca', 'kemah', 'mendaki', 'kucing', 'anjing', 'pemrograman', 'bahasa', 'inggris', 'korea', 'jepang', 'saham', 'fesyen', 'kecantikan', 'olahraga', 'wisata'],
  en: ['webtoon', 'anime', 'football', 'travel', 'music', 'study', 'games', 'cooking', 'photography', 'reading', 'camping', 'hiking', 'cats', 'dogs', 'coding', 'english', 'korean', 'japanese', 'stocks', 'fashion', 'beauty', 'fitness', 'movies', 'drama', 'idols', 'kpop', 'manga', 'cosplay', 'coffee', 'esports'],
};
const SUFFIXES = { ko: ['모임', '수다방', '팬클럽', '정보방'], ja: ['好きの部屋', '仲間', '雑談', 'ファン'], id: ['komunitas', 'grup', 'penggemar', 'ngobrol'], en: ['club', 'fans', 'chat', 'lounge'] };
type Lang = keyof typeof VOCABULARY;
const LANGS: Lang[] = ['ko', 'ja', 'id', 'en'];
const CATEGORIES = ['webcomics', 'anime', 'games', 'sports', 'music', 'travel', 'study', 'languages', 'fandom', 'local', 'hobbies', 'other'];

/** A small seeded generator (mulberry32), so every run searches the same rooms. */
function generator(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s + 0x6d2b79f5) | 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Names particular to a few rooms (a series, a team, a town), made of syllables of each script: a room has one in its
 * name more often than not, and each of them is in about one room in 700 of its language.
 */
const TITLES = ((): Record<Lang, string[]> => {
  const random = generator(7);
  const syllables: Record<Lang, string[]> = {
    ko: ['가', '나', '다', '라', '마', '바', '사', '아', '자', '하', '솔', '빛', '별', '달', '누', '리', '온', '새', '봄', '결'],
    ja: ['カ', 'キ', 'ク', 'サ', 'シ', 'ス', 'タ', 'ナ', 'ミ', 'ラ', 'リ', 'ル', 'ロ', 'ハ', 'ホ', 'ユ'],
    id: ['ba', 'ka', 'lo', 'ri', 'ta', 'nu', 'se', 'mi', 'do', 'ra', 'pe', 'gu', 'wi', 'ja'],
    en: ['bro', 'kel', 'mar', 'ton', 'vin', 'dal', 'sey', 'pin', 'lor', 'wick', 'ham', 'ful'],
  };
  const make = (lang: Lang) => {
    const names = new Set<string>();
    while (names.size < 400) {
      const length = 2 + Math.floor(random() * 2) + (lang === 'ja' ? 1 : 0);
      names.add(Array.from({ length }, () => syllables[lang][Math.floor(random() * syllables[lang].length)]).join(''));
    }
    return [...names];
  };
  return { ko: make('ko'), ja: make('ja'), id: make('id'), en: make('en') };
})();

/**
 * Words in each language, plus tags and languages: common and rare words, word prefixes, two words, a room's
 * particular name, a word no room has, filters alone.
 */
const QUERIES: Array<{ q?: string; tag?: string; langs?: string }> = [
  { q: TITLES.ko[7] }, { q: TITLES.ja[7] }, { q: TITLES.id[7] }, { q: TITLES.en[7] },
  { q: '무지개다리' }, { q: 'ぬいぐるみ' }, { q: 'layangan' }, { q: 'origami' },
  { q: '웹툰' }, { q: '캠핑' }, { q: '고양이 사진' }, { q: '원피' }, { q: '운동' },
  { q: 'アニメ' }, { q: '登山' }, { q: '猫 写真' }, { q: 'ラーメン' }, { q: 'カフェ' },
  { q: 'sepakbola' }, { q: 'kemah' }, { q: 'kucing fotografi' }, { q: 'sepak' }, { q: 'olahraga' },
  { q: 'webtoon' }, { q: 'hiking' }, { q: 'cats photography' }, { q: 'web' }, { q: 'esports' },
  { tag: 'kpop' }, { tag: 'アニメ' }, { q: 'jakarta', tag: 'kuliner' }, { q: '서울', tag: '웹툰', langs: 'ko' },
  { q: 'music', langs: 'en,id' }, { q: '음악', langs: 'ko' }, { langs: 'ja' }, { q: 'drama', langs: 'id,en,ko' },
];

/** `count` open rooms' rows, with their search terms made by Maum's own `roomTerms`. */
function corpus(count: number, hostId: string): Array<Record<string, unknown>> {
  const random = generator(20240611);
  const weights = VOCABULARY.ko.map((_, rank) => 1 / (rank + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const zipf = <T>(words: T[]): T => {
    let r = random() * total;
    for (let i = 0; i < words.length; i++) if ((r -= weights[i]!) <= 0) return words[i]!;
    return words.at(-1)!;
  };
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const now = Date.now();
  const rows: Array<Record<string, unknown>> = [];
  for (let i = 0; i < count; i++) {
    const lang = pick([...LANGS, 'ko', 'ja'] as Lang[]);
    const languages = random() < 0.3 ? [...new Set([lang, pick(LANGS)])] : [lang];
    const words = VOCABULARY[lang];
    const title = random() < 0.6 ? `${pick(TITLES[lang])} ` : '';
    const name = `${title}${zipf(words)} ${zipf(words)} ${pick(SUFFIXES[lang])} ${i % 97}`;
    const description = [...Array.from({ length: 4 + Math.floor(random() * 5) }, () => zipf(words)), zipf(VOCABULARY.en)].join(' ');
    const tags = [...new Set(Array.from({ length: 1 + Math.floor(random() * 4) }, () => zipf(VOCABULARY[random() < 0.7 ? lang : 'en'])))];
    const memberCount = 1 + Math.floor(1500 * random() ** 4);
    const createdAt = new Date(now - random() * 90 * 86_400_000);
    rows.push({
      room_id: newId('room'),
      name,
      description,
      category: pick(CATEGORIES),
      tags,
      languages,
      member_cap: 1500,
      member_count: memberCount,
      join_mode: 'open',
      link_code: randomToken(10),
      host_id: hostId,
      search_terms: roomTerms({ name, description, tags }),
      // ln(heat) + t/τ with τ one day (see the openlink schema): warmer for more members, cooling since creation.
      trend_key: Math.log(memberCount) + createdAt.getTime() / 86_400_000,
      created_at: createdAt,
    });
  }
  return rows;
}

/** The people of the fan-out room and of the translated room (accounts seeded before the server starts). */
interface World {
  members: SeededAccount[];
  readers: SeededAccount[];
}

async function seed(database: Database, shape: Shape, world: World): Promise<void> {
  const started = performance.now();
  world.members = await seedAccounts(database, 'fan', shape.members);
  world.readers = await seedAccounts(database, 'reader', shape.readers);
  note(`openlink: ${shape.members + shape.readers} accounts in ${Math.round(performance.now() - started)} ms`);
  await bulkInsert(database, 'open_rooms', corpus(shape.rooms, world.members[0]!.userId), 1000);
  // The planner's statistics, as autovacuum would have them on a live server (PGlite has none).
  await database.db.execute(sql`analyze`);
  note(`openlink: ${shape.rooms} rooms seeded by ${Math.round(performance.now() - started)} ms`);
}

/** Opens an open room as `host` and has everyone else join it through the API. */
async function openRoom(client: HttpClient, host: SeededAccount, others: SeededAccount[], body: Record<string, unknown>, lang?: (i: number) => string): Promise<string> {
  const room = await client.json('POST', '/api/open/rooms', { token: host.token, body });
  await inParallel(others, 16, (person, i) =>
    client.json('POST', `/api/open/rooms/${room.id}/join`, { token: person.token, body: lang ? { lang: lang(i + 1) } : {} }),
  );
  return room.id as string;
}

/** Sockets of the room's people, said hello with their sessions. */
function maumTarget(server: MaumServer, roomId: string, people: SeededAccount[]): Target {
  let counter = 0;
  return {
    name: server.engine,
    acks: true,
    memory: () => server.child.memory(),
    rooms: [roomId],
    connect: async (room, user) => new Client(await helloSocket(server.port, people[user]!.token), room),
    send(client, text) {
      counter += 1;
      client.ws.send(JSON.stringify({ t: 'send', roomId: client.room, clientMsgId: `b${counter}`, kind: 'text', body: { text } }));
    },
    stop: async () => {},
  };
}

interface FanOut {
  deliveries: number;
  samples: number[];
  /** Bytes of one message frame as the members receive it. */
  frameBytes: number;
}

/** Peak deliveries/s into the room, then latencies at `rate(peak)` messages/s. */
async function fanOut(target: Target, people: number, shape: Shape, rate: (deliveries: number) => number): Promise<FanOut> {
  const all = await inParallel(Array.from({ length: people }, (_, i) => i), 32, (i) => target.connect(target.rooms[0]!, i));
  let frameBytes = 0;
  all.at(-1)!.ws.on('message', (data: Buffer) => {
    if (!frameBytes && data.toString().startsWith('{"t":"msg"')) frameBytes = data.length;
  });
  try {
    const senders = all.slice(0, SENDERS);
    const deliveries = await peak(target, all, senders, shape.messages, people);
    const samples = await latency(target, all, senders, rate(deliveries), shape.latencySeconds);
    return { deliveries, samples, frameBytes };
  } finally {
    for (const c of all) c.ws.terminate();
  }
}

/** The same number of sockets on the bare `ws` server, sent frames padded to the size of Maum's. */
async function bareFanOut(bare: Target, frameBytes: number, people: number, shape: Shape, rate: number): Promise<FanOut> {
  const pad = (text: string) => {
    const missing = frameBytes - JSON.stringify({ t: 'msg', room: 'open', body: { text } }).length;
    return missing > 1 ? `${text} ${'.'.repeat(missing - 1)}` : text;
  };
  return fanOut({ ...bare, send: (client, text) => bare.send(client, pad(text)) }, people, shape, () => rate);
}

/** Latencies of each query, asked one at a time, `rounds` times: all of them sorted, and each query's median. */
async function timeQueries(rounds: number, ask: (query: (typeof QUERIES)[number]) => Promise<void>): Promise<{ all: number[]; medians: number[] }> {
  const byQuery = QUERIES.map(() => [] as number[]);
  for (let round = 0; round < rounds; round++) {
    for (const [i, query] of QUERIES.entries()) {
      const started = performance.now();
      await ask(query);
      byQuery[i]!.push(performance.now() - started);
    }
  }
  return {
    all: byQuery.flat().sort((a, b) => a - b),
    medians: byQuery.map((times) => percentile(times.sort((a, b) => a - b), 50)),
  };
}

/** GET /api/open/rooms as a signed-in person would search (trending first, 30 rooms). */
async function maumSearch(client: HttpClient, token: string, rounds: number, counts?: number[]) {
  return timeQueries(rounds, async (query) => {
    const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
    const route = `/api/open/rooms?${params}`;
    const res = await client.request('GET', route, { token });
    if (res.status !== 200) throw client.failure('GET', route, res);
    counts?.push((JSON.parse(res.text) as { rooms: unknown[] }).rooms.length);
  });
}

/**
 * The baseline: the same queries as one plain statement each, every word an `ILIKE '%word%'` over the name, the
 * description and the tags, the tag and languages as filters, in the same order and with the same limit.
 */
async function scanSearch(sql: Sql, rounds: number, counts?: number[]) {
  return timeQueries(rounds, async (query) => {
    const where = ['"member_count" > 0'];
    const params: unknown[] = [];
    for (const word of query.q?.split(/\s+/) ?? []) {
      params.push(`%${word}%`);
      where.push(`("name" ilike $${params.length} or "description" ilike $${params.length} or array_to_string("tags", ' ') ilike $${params.length})`);
    }
    if (query.tag) {
      params.push(query.tag);
      where.push(`exists (select from unnest("tags") as t(tag) where lower(tag) = lower($${params.length}))`);
    }
    if (query.langs) {
      params.push(query.langs.split(','));
      where.push(`"languages" && $${params.length}::text[]`);
    }
    const rows = await sql.query(`select * from "open_rooms" where ${where.join(' and ')} order by "trend_key" desc, "room_id" asc limit 30`, params);
    counts?.push(rows.length);
  });
}

const SENTENCES: Record<(typeof READING)[number], string> = {
  ko: '오늘 나온 웹툰 최신화 다들 보셨나요? 결말이 정말 대단했어요',
  ja: '今日の最新話もう読みましたか?最後の展開が本当にすごかったです',
  id: 'Sudah baca episode terbaru hari ini? Akhir ceritanya luar biasa sekali',
};

/**
 * Messages into the room, written in ko, ja and id in turn by one sender per language (each keeping a few
 * unconfirmed); each is delivered when every reader has it in their language: on arrival in their own, or (when
 * `translate`) once the translation the server pushes to the room in their language has come. Answers messages/s
 * from the first send to the last delivery.
 */
async function translatedDelivery(
  server: MaumServer,
  roomId: string,
  readers: SeededAccount[],
  messages: number,
  translate: boolean,
): Promise<{ perSecond: number }> {
  const langOf = new Map<string, (typeof READING)[number]>();
  let pending = messages * readers.length;
  let done: () => void = () => {};
  const finished = new Promise<void>((resolve) => (done = resolve));
  const deliver = () => {
    if (--pending === 0) done();
  };
  const sockets = await inParallel(readers, 32, async (reader, i) => {
    const lang = READING[i % READING.length]!;
    const ws = await helloSocket(server.port, reader.token, lang);
    // Seqs this reader waits to have in their language; translations that came first (for another room's reader of
    // the same seq, or before the message) are kept until the message comes.
    const waiting = new Set<number>();
    const arrived = new Set<number>();
    ws.on('message', (data: Buffer) => {
      const text = data.toString();
      if (text.startsWith('{"t":"event","name":"openlink.translated"')) {
        const { data: pushed } = JSON.parse(text) as { data: { roomId: string; seq: number; lang: string } };
        if (pushed.roomId !== roomId || pushed.lang !== lang) return;
        if (waiting.delete(pushed.seq)) deliver();
        else arrived.add(pushed.seq);
        return;
      }
      if (!text.startsWith('{"t":"msg"')) return;
      const message = JSON.parse(text) as { roomId: string; seq: number; body: { text?: string } };
      const source = langOf.get(message.body.text ?? '');
      if (message.roomId !== roomId || !source) return;
      if (!translate || source === lang || arrived.delete(message.seq)) return deliver();
      waiting.add(message.seq);
    });
    return ws;
  });
  let sent = 0;
  const started = performance.now();
  await Promise.all(
    READING.map(async (lang, s) => {
      // Reader i reads READING[i mod 3]: the first three write one language each.
      const ws = sockets[s]!;
      let inFlight = 0;
      let acked: () => void = () => {};
      ws.on('message', (data: Buffer) => {
        if (data.toString().startsWith('{"t":"ack"')) {
          inFlight -= 1;
          acked();
        }
      });
      for (let i = s; i < messages; i += READING.length) {
        while (inFlight >= 4) await new Promise<void>((resolve) => (acked = resolve));
        const text = `${SENTENCES[lang]} (${translate ? 't' : 'b'}${i})`;
        langOf.set(text, lang);
        inFlight += 1;
        sent += 1;
        ws.send(JSON.stringify({ t: 'send', roomId, clientMsgId: `${translate ? 't' : 'b'}${i}`, kind: 'text', body: { text } }));
      }
    }),
  );
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${pending} deliveries of ${sent} messages never came`)), 600_000).unref());
  await Promise.race([finished, timeout]);
  const elapsed = (performance.now() - started) / 1000;
  for (const ws of sockets) ws.terminate();
  return { perSecond: messages / elapsed };
}

async function measure(engine: Engine, shape: Shape, translator: LibreTranslateStandIn): Promise<BenchLine[]> {
  const world: World = { members: [], readers: [] };
  // The bare server starts meanwhile and waits, idle, for its turn.
  const [started, bareStarted] = await Promise.allSettled([
    startMaum(engine, process.env.DATABASE_URL, 'openlink', { demo: false, env: { TRANSLATE_URL: translator.url }, seed: (database) => seed(database, shape, world) }),
    bareTarget(['open']),
  ]);
  if (started.status === 'rejected' || bareStarted.status === 'rejected') {
    if (started.status === 'fulfilled') await started.value.dispose();
    if (bareStarted.status === 'fulfilled') await bareStarted.value.stop();
    throw started.status === 'rejected' ? started.reason : (bareStarted as PromiseRejectedResult).reason;
  }
  const server = started.value;
  const bareWs = bareStarted.value;
  const lines: BenchLine[] = [];
  try {
    const client = new HttpClient(server.port, server.child);
    const { members, readers } = world;
    note(`openlink on ${engine}: server started`);

    // Fan-out into one room of `members`, each with a socket; the bare server gets the same sockets and frames.
    const fanRoom = await openRoom(client, members[0]!, members.slice(1), {
      name: 'Fan-out', category: 'fandom', languages: ['ko', 'en'], memberCap: shape.members,
    });
    note(`openlink on ${engine}: ${shape.members} members joined`);
    let halfRate = 0;
    const maum = await fanOut(maumTarget(server, fanRoom, members), shape.members, shape, (d) => (halfRate = d / shape.members / 2));
    note(`openlink on ${engine}: maum ${Math.round(maum.deliveries)} deliveries/s, ${maum.frameBytes}-byte frames`);
    const bare = await bareFanOut(bareWs, maum.frameBytes, shape.members, shape, halfRate);
    note(`openlink on ${engine}: bare ws ${Math.round(bare.deliveries)} deliveries/s`);
    await bareWs.stop();
    const room = `open_room_${shape.members}_members_${engine}`;
    lines.push(line(`${room}_deliveries_per_s`, maum.deliveries, 'deliveries/s', bare.deliveries));
    lines.push(line(`${room}_p50_ms_at_half_peak`, percentile(maum.samples, 50), 'ms', percentile(bare.samples, 50)));
    lines.push(line(`${room}_p99_ms_at_half_peak`, percentile(maum.samples, 99), 'ms', percentile(bare.samples, 99)));

    // The cap holds under concurrent joins: with five seats free in the full room, of ten people joining at once
    // exactly five get in.
    await inParallel(members.slice(1, 6), 5, (person) => client.request('POST', `/api/open/rooms/${fanRoom}/leave`, { token: person.token }));
    const tries = await Promise.all(readers.slice(0, 10).map((person) => client.request('POST', `/api/open/rooms/${fanRoom}/join`, { token: person.token, body: {} })));
    const seated = tries.filter((r) => r.status === 200).length;
    const refused = tries.filter((r) => r.status === 409 && r.text.includes('room_full')).length;
    if (seated !== 5 || refused !== 5) throw new Error(`the ${shape.members}-member cap let ${seated} of 10 into 5 free seats (${refused} refused as full)`);
    note(`openlink on ${engine}: at the ${shape.members}-member cap, 5 of 10 concurrent joins got the 5 free seats`);

    // Translated delivery: readers in three languages, first with no translation, then each waiting for theirs.
    const readRoom = await openRoom(
      client,
      readers[0]!,
      readers.slice(1),
      { name: 'Translated', category: 'webcomics', languages: [...READING], memberCap: shape.readers },
      (i) => READING[i % READING.length]!,
    );
    note(`openlink on ${engine}: ${shape.readers} readers joined`);
    const plain = await translatedDelivery(server, readRoom, readers, shape.translatedMessages, false);
    note(`openlink on ${engine}: ${plain.perSecond.toFixed(2)} messages/s with no translation`);
    const calls = () => translator.bodies.filter((b) => b.path === '/translate').length;
    // The server translated those messages too, as it does every message, after delivering them: let it finish.
    for (let last = -1; calls() !== last; ) {
      last = calls();
      await new Promise((resolve) => setTimeout(resolve, TRANSLATE_MS * 4));
    }
    const before = calls();
    const translated = await translatedDelivery(server, readRoom, readers, shape.translatedMessages, true);
    const callsEach = (calls() - before) / shape.translatedMessages;
    note(`openlink on ${engine}: ${translated.perSecond.toFixed(2)} messages/s translated, ${callsEach} calls each`);
    const readersName = `translated_${shape.readers}_readers_${engine}`;
    lines.push(line(`${readersName}_messages_per_s`, translated.perSecond, 'messages/s', plain.perSecond));
    // The goal: one call per language a message is read in besides its own.
    lines.push(line(`${readersName}_upstream_calls_per_message`, callsEach, 'calls/message', READING.length - 1));

    // Search over HTTP; then, with the server stopped, the same queries as plain scans on the same database.
    const maumCounts: number[] = [];
    await maumSearch(client, members[1]!.token, 1);
    const searched = await maumSearch(client, members[1]!.token, shape.searchRounds, maumCounts);
    note(`openlink on ${engine}: searched`);
    client.close();
    await server.stopServer();
    const direct = await baselineSql(server);
    try {
      const scanCounts: number[] = [];
      await scanSearch(direct, 1);
      const scanned = await scanSearch(direct, shape.searchRounds, scanCounts);
      for (const [i, query] of QUERIES.entries()) {
        const found = `${maumCounts[i]}/${scanCounts[i]} rooms`;
        note(`openlink on ${engine}: ${JSON.stringify(query)} maum ${searched.medians[i]!.toFixed(1)} ms, scan ${scanned.medians[i]!.toFixed(1)} ms, ${found}`);
      }
      const search = `search_${shape.rooms}_rooms_${engine}`;
      lines.push(line(`${search}_p50_ms`, percentile(searched.all, 50), 'ms', percentile(scanned.all, 50)));
      lines.push(line(`${search}_p99_ms`, percentile(searched.all, 99), 'ms', percentile(scanned.all, 99)));
    } finally {
      await direct.close();
    }
    return lines;
  } finally {
    await bareWs.stop();
    await server.dispose();
  }
}

/**
 * OpenLink at scale, on PGlite and on PostgreSQL when DATABASE_URL is set. Accounts (with sessions) and the searched
 * rooms are written into the database before the server starts; everything measured goes through the API.
 * - Fan-out: one open room of `members` people who joined through the API, each with a socket; deliveries/s and
 *   latency, against the bare `ws` broadcast server with as many sockets and frames of the same size.
 * - Translated delivery: a room of readers in ko, ja and id, each waiting for every message in another language to
 *   come translated into theirs (the server translates each into the room's languages as it is sent and pushes it),
 *   with a LibreTranslate stand-in that takes 50 ms a call; messages/s against the same delivery with no translation,
 *   and calls to the translator per message against one per other language.
 * - Search: GET /api/open/rooms over `rooms` rooms in four languages, with tags and languages, against the same
 *   queries as plain ILIKE scans on the same database.
 */
export const openlinkBench: Bench = async ({ quick }) => {
  const shape = quick ? QUICK : FULL;
  const translator = await startLibreTranslateStandIn();
  translator.latencyMs = TRANSLATE_MS;
  try {
    const engines: Engine[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
    const lines: BenchLine[] = [];
    for (const engine of engines) lines.push(...(await measure(engine, shape, translator)));
    return lines;
  } finally {
    await translator.close();
  }
};
