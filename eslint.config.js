import path from 'node:path';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'server/drizzle/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
    },
  },
  {
    // The server's layers and their module boundaries. Every server file belongs to one element:
    //   platform  ← modules ← flows ← app (the composition root) ← main/seed (the CLI)
    //                         realtime ↗
    // A lower layer never imports a higher one. realtime/ depends on the platform alone: app.ts hands it the bus,
    // the handler registry and the session lookup, so it never imports a module or a flow. A module reaches
    // another module only through that module's index.ts, and so does everything else (tests and benchmarks too).
    files: ['server/**/*.ts', 'bench/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'module', pattern: 'server/src/modules/*', mode: 'folder', capture: ['name'] },
        { type: 'platform', pattern: 'server/src/platform', mode: 'folder' },
        { type: 'flows', pattern: 'server/src/flows', mode: 'folder' },
        { type: 'realtime', pattern: 'server/src/realtime', mode: 'folder' },
        { type: 'app', pattern: 'server/src/app.ts', mode: 'full' },
        { type: 'cli', pattern: ['server/src/main.ts', 'server/src/seed.ts'], mode: 'full' },
        { type: 'tests', pattern: 'server/test', mode: 'folder' },
        { type: 'config', pattern: 'server/*.ts', mode: 'full' },
        { type: 'bench', pattern: 'bench', mode: 'folder' },
        { type: 'protocol', pattern: 'protocol/src', mode: 'folder' },
      ],
      'boundaries/include': ['server/**/*.ts', 'bench/**/*.ts', 'protocol/src/**/*.ts'],
      // Every way of naming another file counts: `export … from` and `import()` reach a module as surely as
      // `import` does.
      'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
      'boundaries/additional-dependency-nodes': [
        // `type T = import('../accounts/accounts.service').AccountsService`
        { selector: 'TSImportType > Literal', kind: 'type' },
      ],
      'import/resolver': {
        node: { extensions: ['.ts', '.tsx', '.js'] },
        [path.join(import.meta.dirname, 'scripts/eslint-ts-resolver.cjs')]: { extensions: ['.ts', '.tsx', '.js'] },
      },
    },
    rules: {
      'boundaries/entry-point': [
        'error',
        {
          default: 'allow',
          message: 'Import ${dependency.source} through its module index.ts instead.',
          rules: [
            { target: ['module'], disallow: '**' },
            { target: ['module'], allow: 'index.ts' },
          ],
        },
      ],
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          message: '${file.type} may not import ${dependency.type} (${dependency.source}): see the layers in eslint.config.js.',
          rules: [
            { from: ['platform'], allow: ['platform', 'protocol'] },
            { from: ['module'], allow: ['module', 'platform', 'protocol'] },
            { from: ['realtime'], allow: ['realtime', 'platform', 'protocol'] },
            { from: ['flows'], allow: ['flows', 'module', 'platform', 'protocol'] },
            { from: ['app'], allow: ['module', 'flows', 'realtime', 'platform', 'protocol'] },
            { from: ['cli'], allow: ['cli', 'app', 'module', 'platform', 'protocol'] },
            { from: ['tests', 'bench'], allow: ['tests', 'bench', 'cli', 'app', 'module', 'platform', 'protocol'] },
            { from: ['protocol'], allow: ['protocol'] },
          ],
        },
      ],
      // A file outside every element, or an import of one, would escape the rules above.
      'boundaries/no-unknown-files': 'error',
      'boundaries/no-unknown': 'error',
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
);
