import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type {} from '../../../server/test/support/global-setup';

const root = path.resolve(import.meta.dirname, '../../..');
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. In CI they must: a missing Chromium fails the run. Elsewhere they are
 * skipped with a printed reason.
 */
export function browserAvailable(): boolean {
  if (existsSync(chromiumPath)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is required in CI but was not found at ${chromiumPath}`);
  console.warn(`⚠ skipping browser tests: no Chromium at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`);
  return false;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

function serverEnv(dataDir: string, extraEnv: Record<string, string>): NodeJS.ProcessEnv {
  // Every browser signs up from 127.0.0.1: lift the per-address sign-up limit.
  return { ...process.env, HOST: '127.0.0.1', DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', SIGNUP_LIMIT_PER_IP: '1000000', ...extraEnv };
}

/** Runs a `maum` command (what `npm run maum -- …` runs) and answers how it exited and what it printed. */
export function maumCommand(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', 'tsx', 'server/src/main.ts', ...args], { cwd: root, env }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr: stderr || (error?.message ?? '') });
    });
  });
}

/**
 * Runs a `maum` command on a data directory and answers what it printed. PGlite lets one process at a time open a
 * data directory, so commands run before the server starts on it.
 */
export async function runMaum(dataDir: string, args: string[], extraEnv: Record<string, string> = {}): Promise<string> {
  const { code, stdout, stderr } = await maumCommand(args, serverEnv(dataDir, extraEnv));
  if (code !== 0) throw new Error(`maum ${args.join(' ')} failed:\n${stderr}`);
  return stdout;
}

/**
 * A new data directory holding a copy of the run's migrated, empty PGlite database (made once by the suite's global
 * setup, as for the integration suite): a `maum` process opens it instead of spending seconds creating a cluster of
 * its own, and still runs the migrations, which find nothing left to apply. Starting on a truly empty directory is
 * what the fresh-clone check does.
 */
async function newDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'maum-e2e-'));
  const migrated = inject('pgliteDataDir');
  if (migrated) await cp(migrated, path.join(dataDir, 'db'), { recursive: true });
  return dataDir;
}

/**
 * Starts the real server as its own process, on PGlite with an empty database, and waits until healthy.
 * `prepare` runs first on its data directory, for `maum` commands that set up what a test needs.
 */
export async function startServer(
  extraEnv: Record<string, string> = {},
  prepare?: (dataDir: string) => Promise<void>,
): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = await newDataDir();
  if (prepare) await prepare(dataDir);
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', 'serve'], {
    cwd: root,
    env: serverEnv(dataDir, { PORT: String(port), ...extraEnv }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (log += chunk));
  child.stderr?.on('data', (chunk) => (log += chunk));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited early:\n${log}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the server was not healthy within 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    output: () => log,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      // A microphone that plays a tone, and no prompt for it: voice messages can be recorded.
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
    ],
  });
}

export const E2E_PASSWORD = 'browser-pass-42';

/** A new browser context that signs up through the web app and lands on the Friends tab. */
export async function signUpInBrowser(
  browser: Browser,
  url: string,
  handle: string,
  name: string,
  options: { locale?: string } = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ locale: options.locale ?? 'en-US', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('goto-signup').click();
  await page.getByTestId('signup-handle').fill(handle);
  await page.getByTestId('signup-display-name').fill(name);
  await page.getByTestId('signup-password').fill(E2E_PASSWORD);
  await page.getByTestId('signup-submit').click();
  await page.getByTestId('tab-friends').waitFor();
  return { page, context };
}

/** A new browser context that logs in through the web app, then opens `next` (a path of the app). */
export async function logInInBrowser(
  browser: Browser,
  url: string,
  handle: string,
  password: string,
  options: { next?: string; viewport?: { width: number; height: number } } = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ locale: 'en-US', viewport: options.viewport ?? { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${url}/login${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`);
  await page.getByTestId('login-handle').fill(handle);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL((address) => !address.pathname.startsWith('/login'));
  return { page, context };
}

/** Adds a friend by handle from the Friends tab and waits for the row. */
export async function addFriendByHandle(page: Page, handle: string): Promise<void> {
  await page.getByTestId('add-friend-open').click();
  await page.getByTestId('add-friend-handle').fill(handle);
  await page.getByTestId('add-friend-submit').click();
  await page.locator(`[data-testid="friend-row"][data-handle="${handle}"]`).waitFor();
}

/** Browser contexts a test opens, one per person, closed together at the end. */
export class BrowserPeople {
  private readonly contexts: BrowserContext[] = [];

  /** Keeps a context to close at the end; answers what it was given. */
  track<T extends { context: BrowserContext }>(signedIn: T): T {
    this.contexts.push(signedIn.context);
    return signedIn;
  }

  /** Signs a new person up in a context of their own. */
  async signUp(browser: Browser, url: string, handle: string, name: string): Promise<{ page: Page; context: BrowserContext }> {
    return this.track(await signUpInBrowser(browser, url, handle, name));
  }

  async closeAll(): Promise<void> {
    for (const context of this.contexts) await context.close().catch(() => {});
  }
}

/** A real server and a browser for one `describe` block, with everyone it signs up closed at the end. */
export interface BrowserSuite {
  readonly server: RunningServer;
  readonly browser: Browser;
  readonly people: BrowserPeople;
  /** Signs a new person up in a context of their own. */
  signUp(handle: string, name: string): Promise<{ page: Page; context: BrowserContext }>;
  /** Logs an existing account in, in a context of its own, then opens `next`. */
  logIn(handle: string, options?: { next?: string; viewport?: { width: number; height: number } }): Promise<{ page: Page; context: BrowserContext }>;
  /** From the Friends tab, opens the chat with a friend and waits for the composer. */
  openChatWith(page: Page, handle: string): Promise<void>;
}

/**
 * Starts the server (after `prepare`, for `maum` commands on its data directory) and the browser before the block's
 * tests, and stops them after. Call it inside `describe`. With `operator`, the install's first account is made
 * with that handle (and E2E_PASSWORD) before `prepare` runs: the first account on a fresh install is its operator.
 */
export function browserSuite(
  options: { env?: Record<string, string>; operator?: string; prepare?: (dataDir: string) => Promise<void> } = {},
): BrowserSuite {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const people = new BrowserPeople();
  beforeAll(async () => {
    // The browser starts while the server is prepared and starts: neither needs the other until a test runs.
    const [started, launched] = await Promise.allSettled([
      startServer(options.env, async (dataDir) => {
        if (options.operator) await runMaum(dataDir, ['create-user', '--handle', options.operator, '--name', 'Maum Operator', '--password', E2E_PASSWORD]);
        await options.prepare?.(dataDir);
      }),
      launchBrowser(),
    ]);
    if (started.status === 'fulfilled') server = started.value;
    if (launched.status === 'fulfilled') browser = launched.value;
    if (started.status === 'rejected') throw started.reason;
    if (launched.status === 'rejected') throw launched.reason;
  });
  afterAll(async () => {
    await people.closeAll();
    await browser?.close();
    await server?.stop();
  });
  const suite: BrowserSuite = {
    get server() {
      if (!server) throw new Error('the server starts in beforeAll');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('the browser starts in beforeAll');
      return browser;
    },
    people,
    signUp: (handle, name) => people.signUp(suite.browser, suite.server.url, handle, name),
    logIn: async (handle, logInOptions) => people.track(await logInInBrowser(suite.browser, suite.server.url, handle, E2E_PASSWORD, logInOptions)),
    async openChatWith(page, handle) {
      await page.goto(`${suite.server.url}/friends`);
      await page.locator(`[data-testid="friend-row"][data-handle="${handle}"]`).click();
      await page.getByTestId('start-chat').click();
      await page.getByTestId('composer-input').waitFor();
    },
  };
  return suite;
}

/** Counts what a person does: each click, each submit, and typing a text, as one action each. */
export function actionCounter() {
  let count = 0;
  return {
    get count() {
      return count;
    },
    async act(action: () => Promise<unknown>): Promise<void> {
      count++;
      await action();
    },
  };
}
