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
    // A module is used only through its index.ts: code outside `modules/<m>/` may not reach its internals.
    files: ['server/**/*.ts'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'module', pattern: 'server/src/modules/*', mode: 'folder', capture: ['name'] },
        // Everything else on the server is an element too, so that its imports are checked as well.
        {
          type: 'server',
          mode: 'full',
          pattern: ['server/*.ts', 'server/src/*.ts', 'server/src/{platform,flows,realtime}/**/*.ts', 'server/test/**/*.ts'],
        },
      ],
      'boundaries/include': ['server/**/*.ts'],
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
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
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
);
