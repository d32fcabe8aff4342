// `npm run bench -- <name> [--quick]`: runs one benchmark (or all, with no name) and prints JSON lines
// {"bench","metric","value","unit","baseline","ratio"}. Each figure is compared with a baseline measured in the
// same run on the same machine, because only ratios hold on a shared, noisy machine.
import { benches } from './registry';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((a) => !a.startsWith('--'));
const selected = names.length > 0 ? names : Object.keys(benches);

for (const name of selected) {
  const bench = benches[name];
  if (!bench) {
    process.stderr.write(`unknown benchmark "${name}"; known: ${Object.keys(benches).join(', ')}\n`);
    process.exit(2);
  }
  for (const line of await bench({ quick })) process.stdout.write(`${JSON.stringify({ bench: name, ...line })}\n`);
}
