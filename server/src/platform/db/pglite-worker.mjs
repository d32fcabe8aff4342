// PGlite on a thread of its own (see pglite-thread.ts): the main thread sends each query, and the start and end of
// each transaction, as a message; this thread runs them on its PGlite and answers each message by its id.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite, types } from '@electric-sql/pglite';
import { register } from 'tsx/esm/api';

// A worker does not share the main thread's TypeScript loader: it registers its own to share PreparedPglite.
register();
const { PreparedPglite } = await import('./pglite-prepared.ts');

// As drizzle asks of PGlite: dates, times and intervals (and arrays of them and of numerics) come back as text.
const asText = (value) => value;
const parsers = Object.fromEntries([types.TIMESTAMP, types.TIMESTAMPTZ, types.INTERVAL, types.DATE, 1231, 1115, 1185, 1187, 1182].map((oid) => [oid, asText]));

/** An error as plain data (its message, and the fields PostgreSQL gives it: code, constraint, detail, …). */
function plain(err) {
  const fields = { name: err?.name ?? 'Error', message: err?.message ?? String(err) };
  if (err && typeof err === 'object') {
    for (const [key, value] of Object.entries(err)) if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) fields[key] = value;
  }
  return fields;
}

function answer(id, work) {
  work.then(
    (value) => parentPort.postMessage({ id, ok: true, value }),
    (err) => parentPort.postMessage({ id, ok: false, error: plain(err) }),
  );
}

let pg;
/** PGlite with its statements prepared once, as on the main thread. */
let prepared;
try {
  pg = await PGlite.create(workerData.dir, workerData.loadDataDir ? { loadDataDir: workerData.loadDataDir } : {});
  prepared = new PreparedPglite(pg);
  parentPort.postMessage({ ready: true });
} catch (err) {
  parentPort.postMessage({ ready: false, error: plain(err) });
  process.exit(1);
}

/** Open transactions by id: PGlite's handle on each, how to end it, and its outcome once it has ended. */
const open = new Map();
let lastTransaction = 0;

/** Opens a transaction, answering its id once PGlite runs it (after any transaction before it has ended). */
function begin(id) {
  const tx = ++lastTransaction;
  let end;
  const ended = new Promise((resolve, reject) => (end = { commit: resolve, rollback: reject }));
  const settled = prepared.transaction(async (handle) => {
    open.get(tx).handle = handle;
    parentPort.postMessage({ id, ok: true, value: tx });
    await ended;
  });
  open.set(tx, { handle: undefined, end, settled });
  settled.catch(() => {}).finally(() => open.delete(tx));
}

parentPort.on('message', (message) => {
  const { id, op } = message;
  const on = message.tx ? open.get(message.tx).handle : prepared;
  if (op === 'query') answer(id, on.query(message.text, message.params, { rowMode: message.rowMode, parsers }));
  else if (op === 'exec') answer(id, on.exec(message.text));
  else if (op === 'begin') begin(id);
  else if (op === 'end') {
    const { end, settled } = open.get(message.tx);
    if (message.commit) end.commit();
    else end.rollback(new Error('rolled back'));
    // A rollback that went through is what was asked; a failed commit is the caller's to see.
    answer(id, message.commit ? settled.then(() => null) : settled.then(() => null, () => null));
  } else if (op === 'close') answer(id, pg.close().then(() => null));
});
