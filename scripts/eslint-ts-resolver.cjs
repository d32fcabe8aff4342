'use strict';
// An import resolver for the boundary rules. TypeScript lets `./x.js` name the source file `./x.ts`, but Node's
// resolver does not find it, and an import the linter cannot resolve is checked against no element at all, so
// `../accounts/accounts.service.js` would slip past the module boundary.
// eslint-plugin-import's resolver interface loads resolvers with require(), so this one is CommonJS too.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const node = require('eslint-import-resolver-node');

exports.interfaceVersion = 2;

exports.resolve = (source, file, config) => {
  const found = node.resolve(source, file, config);
  if (found.found || !/^\.\.?\//.test(source) || !/\.[cm]?jsx?$/.test(source)) return found;
  return node.resolve(source.replace(/\.([cm]?)js(x?)$/, '.$1ts$2'), file, config);
};
