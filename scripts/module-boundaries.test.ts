import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webFeatureDeps } from '../eslint.config.js';

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

// ---------- The web app ----------

const features = Object.keys(webFeatureDeps) as Array<keyof typeof webFeatureDeps>;
const inFeature = (name: string) => `web/src/features/${name}/probe.tsx`;

describe('the web feature surface rule', () => {
  const internals = {
    import: "import { useRooms } from '../chat/api';\nexport const r = useRooms;\n",
    'import with .js': "import { useRooms } from '../chat/api.js';\nexport const r = useRooms;\n",
    'import type': "import type { CardRenderer } from '../chat/cards';\nexport type R = CardRenderer<'gift'>;\n",
    'export … from': "export { useRooms } from '../chat/api';\n",
    'export * from': "export * from '../chat/api';\n",
    'export type * from': "export type * from '../chat/cards';\n",
    'dynamic import()': "export const load = () => import('../chat/RoomPage');\n",
    'import() type': "export type R = import('../chat/cards').CardRenderer<'gift'>;\n",
  };

  for (const [form, code] of Object.entries(internals)) {
    it(`stops a feature from reaching another feature's files with ${form}`, async () => {
      const errors = await boundaryErrors(inFeature('gifts'), code);
      expect(errors.map((e) => e.rule)).toEqual(['entry-point']);
      expect(errors[0]!.message).toContain('index.ts');
    });
  }

  it("stops the router, the registrations, layouts and the entry from reaching a feature's files", async () => {
    const code = "export { ShopPage } from '<f>/gifts/ShopPage';\n";
    for (const file of ['web/src/app/router.tsx', 'web/src/app/cards.ts', 'web/src/app/AuthLayout.tsx']) {
      expect(await rulesBroken(file, code.replace('<f>', '../features'))).toEqual(['entry-point']);
    }
  });

  it("allows a feature's index.ts in every form", async () => {
    for (const source of ['../chat', '../chat/', '../chat/index', '../chat/index.ts', '../chat/index.js']) {
      expect(await rulesBroken(inFeature('gifts'), `import { useRooms } from '${source}';\nexport const r = useRooms;\n`)).toEqual([]);
      expect(await rulesBroken(inFeature('gifts'), `export { useRooms } from '${source}';\n`)).toEqual([]);
      expect(await rulesBroken(inFeature('gifts'), `export const load = () => import('${source}');\n`)).toEqual([]);
    }
    expect(await rulesBroken('web/src/app/router.tsx', "export { ShopPage } from '../features/gifts';\n")).toEqual([]);
  });

  it("allows a feature's own files, however deep", async () => {
    expect(await rulesBroken('web/src/features/commerce/orders/probe.tsx', "export { ShopProductTile } from '../parts';\n")).toEqual([]);
    expect(await rulesBroken('web/src/features/commerce/probe.tsx', "export { InboxTab } from './seller/InboxTab';\n")).toEqual([]);
  });

  it('gives every feature an index.ts and a place in the layers', () => {
    const folders = readdirSync(path.join(root, 'web/src/features')).sort();
    expect([...features].sort()).toEqual(folders);
    for (const name of folders) expect(existsSync(path.join(root, 'web/src/features', name, 'index.ts'))).toBe(true);
  });
});

describe('the web stylesheet rule', () => {
  it("stops a feature and the app from loading another feature's stylesheet", async () => {
    const errors = await boundaryErrors(inFeature('commerce'), "import '../gifts/gifts.css';\n");
    expect(errors.map((e) => e.rule)).toEqual(['entry-point']);
    expect(errors[0]!.message).toContain('web/src/ui');
    expect(await rulesBroken('web/src/features/commerce/seller/probe.tsx', "import '../../chat/chat.css';\n")).toEqual(['entry-point']);
    // A feature it may not import at all breaks the layers too.
    expect(await rulesBroken('web/src/features/commerce/seller/probe.tsx', "import '../../store/store.css';\n")).toEqual([
      'entry-point',
      'element-types',
    ]);
    expect(await rulesBroken('web/src/app/probe.tsx', "import '../features/accounts/accounts.css';\n")).toEqual(['entry-point']);
  });

  it("allows a feature its own stylesheet and the shared ones", async () => {
    expect(await rulesBroken(inFeature('gifts'), "import './gifts.css';\n")).toEqual([]);
    expect(await rulesBroken('web/src/features/commerce/orders/probe.tsx', "import '../commerce.css';\n")).toEqual([]);
    expect(await rulesBroken(inFeature('gifts'), "import '../../ui/products.css';\n")).toEqual([]);
  });
});

describe('the web feature layers', () => {
  it('never let two features depend on each other, however far round', () => {
    // Depth-first search: a feature met again while its own dependencies are still being walked closes a cycle.
    const state = new Map<string, 'walking' | 'done'>();
    const cycles: string[] = [];
    const walk = (name: string, trail: string[]) => {
      if (state.get(name) === 'done') return;
      if (state.get(name) === 'walking') return void cycles.push([...trail, name].join(' → '));
      state.set(name, 'walking');
      for (const dep of webFeatureDeps[name as keyof typeof webFeatureDeps]) {
        expect(features).toContain(dep);
        walk(dep, [...trail, name]);
      }
      state.set(name, 'done');
    };
    for (const name of features) walk(name, []);
    expect(cycles).toEqual([]);
  });

  for (const from of features) {
    for (const to of features) {
      if (from === to) continue;
      const ok = (webFeatureDeps[from] as readonly string[]).includes(to);
      it(`${ok ? 'allows' : 'refuses'} ${from} importing ${to}`, async () => {
        const broken = await rulesBroken(inFeature(from), `export * from '../${to}';\n`);
        expect(broken).toEqual(ok ? [] : ['element-types']);
      });
    }
  }

  // Each of these pairs once imported each other; the lower one must stay unable to import the higher.
  const once = [
    ['commerce', 'certificates'],
    ['chat', 'gifts'],
    ['friends', 'chat'],
    ['gifts', 'commerce'],
    ['friends', 'gifts'],
  ] as const;
  for (const [lower, higher] of once) {
    it(`keeps ${higher} on ${lower} one way`, async () => {
      expect(await rulesBroken(inFeature(higher), `export * from '../${lower}';\n`)).toEqual([]);
      const errors = await boundaryErrors(inFeature(lower), `export * from '../${higher}';\n`);
      expect(errors.map((e) => e.rule)).toEqual(['element-types']);
      expect(errors[0]!.message).toContain('webFeatureDeps');
    });
  }

  it('refuses a feature importing the app or the entry', async () => {
    expect(await rulesBroken(inFeature('chat'), "export { router } from '../../app/router';\n")).toEqual(['element-types']);
    expect(await rulesBroken(inFeature('chat'), "export const load = () => import('../../main');\n")).toEqual(['element-types']);
  });
});

describe('the web shared code', () => {
  const target = {
    feature: "export { useRooms } from '<up>features/chat';\n",
    app: "export { router } from '<up>app/router';\n",
    ui: "export { Avatar } from '<up>ui/Avatar';\n",
    i18n: "export { currentLanguage } from '<up>i18n';\n",
    api: "export { call } from '<up>api/client';\n",
    realtime: "export { chat } from '<up>realtime';\n",
  } as const;
  const from = {
    api: 'web/src/api/probe.ts',
    i18n: 'web/src/i18n/probe.ts',
    realtime: 'web/src/realtime/probe.ts',
    ui: 'web/src/ui/probe.tsx',
    app: 'web/src/app/probe.tsx',
  } as const;
  // Each also imports its own files.
  const allowed: Record<keyof typeof from, Array<keyof typeof target>> = {
    api: ['api'],
    i18n: ['i18n', 'api'],
    realtime: ['realtime', 'api'],
    ui: ['ui', 'i18n', 'api'],
    app: ['app', 'feature', 'ui', 'i18n', 'api', 'realtime'],
  };

  for (const [element, file] of Object.entries(from) as Array<[keyof typeof from, string]>) {
    for (const [dep, code] of Object.entries(target) as Array<[keyof typeof target, string]>) {
      const ok = allowed[element].includes(dep);
      it(`${ok ? 'allows' : 'refuses'} ${element} importing ${dep}`, async () => {
        expect(await rulesBroken(file, code.replace('<up>', '../'))).toEqual(ok ? [] : ['element-types']);
      });
    }
  }

  it('allows every feature the shared code and the protocol', async () => {
    for (const name of features) {
      const code = "export { Avatar } from '../../ui/Avatar';\nexport { call } from '../../api/client';\nexport { chat } from '../../realtime';\nexport { currentLanguage } from '../../i18n';\nexport { ErrorBody } from '@maum/protocol';\n";
      expect(await rulesBroken(inFeature(name), code)).toEqual([]);
    }
  });

  it('refuses a web file that belongs to no element, and knows every one that does', async () => {
    expect(await rulesBroken('web/src/helpers.ts', 'export const a = 1;\n')).toEqual(['no-unknown-files']);
    for (const file of ['web/vite.config.ts', 'web/src/i18n/probe.ts', 'web/src/features/gifts/probe.test.ts']) {
      expect(await rulesBroken(file, 'export const a = 1;\n')).toEqual([]);
    }
    expect(await rulesBroken('web/src/main.tsx', "import { App } from './app/App';\nexport const a = App;\n")).toEqual([]);
    expect(await rulesBroken('web/src/main.tsx', "import { ShopPage } from './features/gifts';\nexport const a = ShopPage;\n")).toEqual([
      'element-types',
    ]);
  });
});
