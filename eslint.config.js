import path from 'node:path';
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The web features and, for each, the features it builds on: it may import their index.ts and no other feature's.
 * They sit in layers, and a feature imports only features in the layers below its own, so no two import each other:
 *
 *   1  accounts, wallet    who you are, your money
 *   2  friends, more       on accounts
 *   3  chat                on accounts, friends (the friend list names people and fills the friend picker)
 *   4  gifts               on accounts, friends, chat, wallet
 *      subscriptions       on chat, wallet (a receipt is a chat card; a month is paid from the wallet)
 *   5  openlink            on accounts, chat, subscriptions (an open room is a chat room; joining can show your main
 *                          profile; a room's tiers, posts and badges are its subscriptions')
 *      store               on accounts, gifts (the counter redeems gift coupons)
 *      commerce            on accounts, chat, gifts, wallet (a delivery gift is a gift; a seller's inbox is chat)
 *      profiles            on accounts, chat, friends, gifts (a space's wish list and an event's gift are the shop's; its
 *                          audience lists are made of friends)
 *   6  certificates        on chat, commerce (a certificate belongs to a channel's product)
 *
 * A lower feature that shows something of a higher one is handed it instead of importing it: chat draws the cards
 * registered in app/cards.ts and an open room's translation and moderation from app/openRoom.ts, a person's profile
 * sheet (friends) gets its Chat button and wish list, and the Friends tab its strip of friends' events and the bell of
 * one's space notices, from app/profile.ts, and the router hands the gift shop
 * commerce's delivery gifts and a channel product's page its certificates. scripts/module-boundaries.test.ts checks
 * that these edges never close a cycle.
 */
export const webFeatureDeps = {
  accounts: [],
  wallet: [],
  friends: ['accounts'],
  more: ['accounts'],
  chat: ['accounts', 'friends'],
  gifts: ['accounts', 'chat', 'friends', 'wallet'],
  store: ['accounts', 'gifts'],
  commerce: ['accounts', 'chat', 'gifts', 'wallet'],
  certificates: ['chat', 'commerce'],
  subscriptions: ['chat', 'wallet'],
  openlink: ['accounts', 'chat', 'subscriptions'],
  profiles: ['accounts', 'chat', 'friends', 'gifts'],
};

const feature = (name) => ['feature', { feature: name }];

/**
 * What counts as one file depending on another, for the server's and the web's boundary rules alike: every way of
 * naming another file (`export … from` and `import()` reach it as surely as `import` does, and so does
 * `type T = import('../accounts/accounts.service').AccountsService`), resolved with or without a `.js` suffix.
 */
const dependencySettings = {
  'boundaries/dependency-nodes': ['import', 'export', 'dynamic-import'],
  'boundaries/additional-dependency-nodes': [{ selector: 'TSImportType > Literal', kind: 'type' }],
  'import/resolver': {
    node: { extensions: ['.ts', '.tsx', '.js'] },
    [path.join(import.meta.dirname, 'scripts/eslint-ts-resolver.cjs')]: { extensions: ['.ts', '.tsx', '.js'] },
  },
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.tsbuild/**', 'data/**', 'server/drizzle/**', 'test-results/**'] },
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
      ...dependencySettings,
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
    // The web app's module boundaries. Every file under web/src belongs to one element:
    //   api ← i18n ← ui, api ← realtime    shared code, which never imports a feature
    //   features/<m>                        a feature: the shared code and the features it builds on (webFeatureDeps)
    //   app ← main.tsx                      the router, the registrations and layouts: every feature
    // Anything outside a feature reaches it only through its index.ts, and a feature never loads another feature's
    // stylesheet: styles two features draw live in ui/.
    files: ['web/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': [
        { type: 'feature', pattern: 'web/src/features/*', mode: 'folder', capture: ['feature'] },
        { type: 'app', pattern: 'web/src/app', mode: 'folder' },
        { type: 'main', pattern: 'web/src/main.tsx', mode: 'full' },
        { type: 'ui', pattern: 'web/src/ui', mode: 'folder' },
        { type: 'api', pattern: 'web/src/api', mode: 'folder' },
        { type: 'i18n', pattern: 'web/src/i18n', mode: 'folder' },
        { type: 'realtime', pattern: 'web/src/realtime', mode: 'folder' },
        { type: 'config', pattern: 'web/*.ts', mode: 'full' },
        { type: 'protocol', pattern: 'protocol/src', mode: 'folder' },
      ],
      // Stylesheets count: `import '../gifts/gifts.css'` reaches into gifts as surely as a component does.
      'boundaries/include': ['web/src/**/*.{ts,tsx,css}', 'web/*.ts', 'protocol/src/**/*.ts'],
      ...dependencySettings,
    },
    rules: {
      'boundaries/entry-point': [
        'error',
        {
          default: 'allow',
          message: 'Import ${dependency.source} through its feature index.ts instead.',
          rules: [
            { target: ['feature'], disallow: '**' },
            { target: ['feature'], allow: 'index.ts' },
            {
              target: ['feature'],
              disallow: '**/*.css',
              message: "${dependency.source} is another feature's stylesheet: move the styles both features draw into web/src/ui.",
            },
          ],
        },
      ],
      'boundaries/element-types': [
        'error',
        {
          default: 'disallow',
          message: '${file.type} may not import ${dependency.type} (${dependency.source}): see the web layers in eslint.config.js.',
          rules: [
            { from: ['api'], allow: ['api', 'protocol'] },
            { from: ['i18n'], allow: ['i18n', 'api', 'protocol'] },
            { from: ['realtime'], allow: ['realtime', 'api', 'protocol'] },
            { from: ['ui'], allow: ['ui', 'i18n', 'api', 'protocol'] },
            ...Object.entries(webFeatureDeps).flatMap(([name, deps]) => [
              {
                from: [feature(name)],
                disallow: ['feature', 'app', 'main'],
                message: `${name} may not import \${dependency.source}: it builds only on ${deps.join(', ') || 'shared code'} (webFeatureDeps in eslint.config.js).`,
              },
              { from: [feature(name)], allow: [feature(name), ...deps.map(feature), 'ui', 'api', 'i18n', 'realtime', 'protocol'] },
            ]),
            { from: ['app'], allow: ['app', 'feature', 'ui', 'api', 'i18n', 'realtime', 'protocol'] },
            { from: ['main'], allow: ['app', 'ui', 'i18n'] },
            { from: ['protocol'], allow: ['protocol'] },
          ],
        },
      ],
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
