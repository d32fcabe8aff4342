import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const eslint = new ESLint({ cwd: root });

async function boundaryErrors(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'boundaries/entry-point').map((m) => m.message);
}

// A stand-in second module, so the rule is checked between two real module folders.
const probeModule = path.join(root, 'server/src/modules/zz-lint-probe');
beforeAll(() => mkdir(probeModule, { recursive: true }));
afterAll(() => rm(probeModule, { recursive: true, force: true }));

describe('the module boundary lint rule', () => {
  it("stops another module from importing a module's internals", async () => {
    const errors = await boundaryErrors(
      'server/src/modules/zz-lint-probe/probe.service.ts',
      "import { AccountsService } from '../accounts/accounts.service';\nexport const s = AccountsService;\n",
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('index.ts');
  });

  it("stops the platform and the composition root from reaching into a module's internals", async () => {
    const errors = await boundaryErrors(
      'server/src/app.ts',
      "import { FriendsRepository } from './modules/accounts/friends.repository';\nexport const r = FriendsRepository;\n",
    );
    expect(errors).toHaveLength(1);
  });

  it("allows a module's index.ts and a module's own files", async () => {
    expect(
      await boundaryErrors(
        'server/src/modules/zz-lint-probe/probe.service.ts',
        "import { AccountsService } from '../accounts';\nexport const s = AccountsService;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'server/src/modules/accounts/other.ts',
        "import { AccountsService } from './accounts.service';\nexport const s = AccountsService;\n",
      ),
    ).toEqual([]);
  });
});
