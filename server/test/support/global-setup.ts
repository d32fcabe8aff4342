import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An empty PGlite database with every migration applied, as a tarball (PGlite's `dumpDataDir()`). */
    pgliteSnapshot: string;
    /** The same database as a data directory, for a `maum` process to start on from a copy. */
    pgliteDataDir: string;
  }
}

/**
 * Runs once before the integration suite, and once before the browser tests. A new PGlite spends seconds creating
 * its cluster, so the suite migrates one database here and each PGlite server, in-process or a `maum` process,
 * starts from a copy of it: each still gets a database of its own, and still runs the migrations, which find nothing
 * left to apply.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = await mkdtemp(path.join(tmpdir(), 'maum-pglite-'));
  const dataDir = path.join(dir, 'db');
  const snapshot = path.join(dir, 'migrated.tar');
  await mkdir(dataDir);
  const client = await PGlite.create(dataDir);
  try {
    await migrate(drizzle(client), { migrationsFolder: path.resolve(import.meta.dirname, '../../drizzle') });
    const dump = await client.dumpDataDir('none');
    await writeFile(snapshot, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await client.close();
  }
  project.provide('pgliteSnapshot', snapshot);
  project.provide('pgliteDataDir', dataDir);
  return () => rm(dir, { recursive: true, force: true });
}
