import { randomBytes } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Who holds a PGlite data folder: the process, and the `maum` command it runs (`serve`, `create-store`, …). */
export interface DataDirHolder {
  pid: number;
  command: string;
}

/**
 * Another live process has this PGlite data folder open. PGlite is one process's database: a second process on the
 * same files writes where the first never reads (a store key the running server then refuses) or corrupts them.
 */
export class DataDirInUseError extends Error {
  constructor(
    readonly holder: DataDirHolder,
    readonly lockFile: string,
  ) {
    const who = holder.command === 'serve' ? 'Maum is serving from' : `maum ${holder.command} is using`;
    super(
      `${who} this data folder, ${path.dirname(lockFile)} (pid ${holder.pid}): stop it first, then try again ` +
        `(on PostgreSQL, with DATABASE_URL, commands work while Maum serves; if pid ${holder.pid} is not Maum, delete ${lockFile})`,
    );
  }
}

/** Lock files this process holds. */
const heldHere = new Set<string>();

/**
 * Whether the holder is a live process. A lock naming this process's own pid that this process does not hold was
 * left by an earlier life with the same pid: a container restarted after a crash runs Maum as pid 1 again.
 */
function isLive(holder: DataDirHolder, lockFile: string): boolean {
  return holder.pid === process.pid ? heldHere.has(lockFile) : isAlive(holder.pid);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parseHolder(text: string): DataDirHolder | null {
  try {
    const value = JSON.parse(text) as Partial<DataDirHolder>;
    return Number.isInteger(value.pid) && typeof value.command === 'string' ? { pid: value.pid!, command: value.command } : null;
  } catch {
    return null;
  }
}

/**
 * Marks the PGlite data folder `dir` as open by this process, in a file beside it (`<dir>.lock`, outside the folder
 * PGlite owns), or throws DataDirInUseError when a live process already has it. A lock left by a process that died
 * is taken over. Answers the release, which a clean shutdown calls; should the process exit without it, the lock is
 * removed on exit all the same.
 */
export async function lockDataDir(dir: string, command: string): Promise<() => Promise<void>> {
  const lockFile = `${path.resolve(dir)}.lock`;
  const content = `${JSON.stringify({ pid: process.pid, command } satisfies DataDirHolder)}\n`;
  // Written aside, then linked into place: link fails if the lock exists, and the lock never appears half-written.
  const draft = `${lockFile}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, content);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await link(draft, lockFile);
        heldHere.add(lockFile);
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const held = await readFile(lockFile, 'utf8').catch(() => null);
      const holder = held === null ? null : parseHolder(held);
      if (holder && isLive(holder, lockFile)) throw new DataDirInUseError(holder, lockFile);
      if (attempt >= 3) throw new Error(`could not take the lock ${lockFile}; if no Maum uses this data folder, delete it`);
      if (held === null) continue;
      // Its process is gone: remove the stale lock, unless another process has replaced it meanwhile.
      if ((await readFile(lockFile, 'utf8').catch(() => null)) === held) await unlink(lockFile).catch(() => {});
    }
  } finally {
    await unlink(draft).catch(() => {});
  }

  const stillMine = () => {
    try {
      return readFileSync(lockFile, 'utf8') === content;
    } catch {
      return false;
    }
  };
  const onExit = () => {
    heldHere.delete(lockFile);
    if (stillMine()) unlinkSync(lockFile);
  };
  process.once('exit', onExit);
  return async () => {
    process.off('exit', onExit);
    onExit();
  };
}
