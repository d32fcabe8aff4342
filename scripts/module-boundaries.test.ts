import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

/** The boundary rules that a snippet, linted as if it were `file`, breaks. */
async function boundaryErrors(file: string, code: string): Promise<Array<{ rule: string; message: string }>> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId?.startsWith('boundaries/'))
    .map((m) => ({ rule: m.ruleId!.slice('boundaries/'.length), message: m.message }));
}

async function rulesBroken(file: string, code: string): Promise<string[]> {
  return (await boundaryErrors(file, code)).map((e) => e.rule);
}

// A stand-in second module, so the rules are checked between two real module folders.
const probeModule = path.join(root, 'server/src/modules/zz-lint-probe');
const probe = 'server/src/modules/zz-lint-probe/probe.service.ts';
beforeAll(() => mkdir(probeModule, { recursive: true }));
afterAll(() => rm(probeModule, { recursive: true, force: true }));

describe('the module entry-point rule', () => {
  const internals = {
    import: "import { AccountsService } from '../accounts/accounts.service';\nexport const s = AccountsService;\n",
    'import with .js': "import { AccountsService } from '../accounts/accounts.service.js';\nexport const s = AccountsService;\n",
    'import type': "import type { AccountsService } from '../accounts/accounts.service';\nexport type S = AccountsService;\n",
    'export … from': "export { AccountsService } from '../accounts/accounts.service';\n",
    'export … from with .js': "export { AccountsService } from '../accounts/accounts.service.js';\n",
    'export * from': "export * from '../accounts/accounts.service';\n",
    'export type * from': "export type * from '../accounts/accounts.service';\n",
    'dynamic import()': "export const load = () => import('../accounts/accounts.service');\n",
    'dynamic import() with .js': "export const load = () => import('../accounts/accounts.service.js');\n",
  };

  for (const [form, code] of Object.entries(internals)) {
    it(`stops another module from reaching a module's internals with ${form}`, async () => {
      const errors = await boundaryErrors(probe, code);
      expect(errors.map((e) => e.rule)).toEqual(['entry-point']);
      expect(errors[0]!.message).toContain('index.ts');
    });
  }

  it("stops the composition root, flows, tests and benchmarks from reaching a module's internals", async () => {
    const code = "import { FriendsRepository } from '<m>/accounts/friends.repository';\nexport const r = FriendsRepository;\n";
    expect(await rulesBroken('server/src/app.ts', code.replace('<m>', './modules'))).toEqual(['entry-point']);
    expect(await rulesBroken('server/src/flows/probe.ts', code.replace('<m>', '../modules'))).toEqual(['entry-point']);
    expect(await rulesBroken('server/test/probe.test.ts', code.replace('<m>', '../src/modules'))).toEqual(['entry-point']);
    expect(await rulesBroken('bench/probe.bench.ts', code.replace('<m>', '../server/src/modules'))).toEqual(['entry-point']);
  });

  it("allows a module's index.ts in every form, with or without .js", async () => {
    for (const source of ['../accounts', '../accounts/', '../accounts/index', '../accounts/index.js', '../accounts/index.ts']) {
      expect(await rulesBroken(probe, `import { AccountsService } from '${source}';\nexport const s = AccountsService;\n`)).toEqual([]);
      expect(await rulesBroken(probe, `export { AccountsService } from '${source}';\n`)).toEqual([]);
      expect(await rulesBroken(probe, `export const load = () => import('${source}');\n`)).toEqual([]);
    }
    expect(await rulesBroken('server/src/main.ts', "export const tools = () => import('./modules/certs');\n")).toEqual([]);
  });

  it("allows a module's own files, with or without .js", async () => {
    for (const source of ['./accounts.service', './accounts.service.js']) {
      expect(
        await rulesBroken('server/src/modules/accounts/other.ts', `export { AccountsService } from '${source}';\n`),
      ).toEqual([]);
    }
  });
});

describe('the layer rule', () => {
  const target = {
    module: { fromSrc: './modules/accounts', code: "export { AccountsService } from '<p>';\n" },
    flows: { fromSrc: './flows/channel-chat', code: "export { channelChat } from '<p>';\n" },
    realtime: { fromSrc: './realtime/gateway', code: "export { RealtimeGateway } from '<p>';\n" },
    app: { fromSrc: './app', code: "export const load = () => import('<p>');\n" },
    platform: { fromSrc: './platform/clock', code: "export { systemClock } from '<p>';\n" },
  } as const;
  const from = {
    platform: { file: 'server/src/platform/probe.ts', up: '../' },
    module: { file: probe, up: '../../' },
    realtime: { file: 'server/src/realtime/probe.ts', up: '../' },
    flows: { file: 'server/src/flows/probe.ts', up: '../' },
    app: { file: 'server/src/app.ts', up: './' },
  } as const;
  // Each layer also imports its own files; the probe module imports another module.
  const allowed: Record<keyof typeof from, Array<keyof typeof target>> = {
    platform: ['platform'],
    module: ['module', 'platform'],
    // realtime gets the bus, the frame handlers and the session lookup injected by app.ts.
    realtime: ['realtime', 'platform'],
    flows: ['flows', 'module', 'platform'],
    app: ['app', 'module', 'flows', 'realtime', 'platform'],
  };

  for (const [layer, { file, up }] of Object.entries(from) as Array<[keyof typeof from, (typeof from)[keyof typeof from]]>) {
    for (const [dep, { fromSrc, code }] of Object.entries(target) as Array<[keyof typeof target, (typeof target)[keyof typeof target]]>) {
      const ok = allowed[layer].includes(dep);
      it(`${ok ? 'allows' : 'refuses'} ${layer} importing ${dep}`, async () => {
        const source = up + fromSrc.replace(/^\.\//, '');
        const broken = await rulesBroken(file, code.replace('<p>', source));
        expect(broken).toEqual(ok ? [] : ['element-types']);
      });
    }
  }

  it('refuses a module importing the realtime gateway even for a type', async () => {
    expect(await rulesBroken(probe, "import type { WsHandlerRegistry } from '../../realtime/handlers';\nexport type R = WsHandlerRegistry;\n")).toEqual([
      'element-types',
    ]);
  });
});

describe('the unknown-element rules', () => {
  it('refuses a server file that belongs to no layer', async () => {
    expect(await rulesBroken('server/src/helpers.ts', 'export const a = 1;\n')).toEqual(['no-unknown-files']);
    expect(await rulesBroken('server/scripts/tool.ts', 'export const a = 1;\n')).toEqual(['no-unknown-files']);
  });

  it('refuses an import of a server file that belongs to no element', async () => {
    expect(await rulesBroken('server/src/app.ts', "import { a } from './helpers';\nexport const b = a;\n")).toEqual(['no-unknown']);
  });

  it('knows every layer, the tests, the CLI, the drizzle config and the protocol', async () => {
    for (const file of [
      'server/src/main.ts',
      'server/src/seed.ts',
      'server/src/platform/db/probe.ts',
      'server/test/support/probe.ts',
      'server/drizzle.config.ts',
      'bench/probe.bench.ts',
    ]) {
      expect(await rulesBroken(file, "import { ErrorBody } from '@maum/protocol';\nexport const e = ErrorBody;\n")).toEqual([]);
    }
  });
});
