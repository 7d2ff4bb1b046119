import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** `npm run bench -- NAME` runs bench/NAME.ts; with no name it lists the benchmarks. */
const here = path.dirname(fileURLToPath(import.meta.url));
const names = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts').map((f) => f.replace(/\.ts$/, ''));
const name = process.argv[2];
if (!name || !names.includes(name)) {
  process.stdout.write(`Benchmarks: ${names.length ? names.join(', ') : '(none yet)'}\nUsage: npm run bench -- NAME\n`);
  process.exit(name ? 1 : 0);
}
// The benchmark sees its own arguments from argv[2] on, as when run directly.
process.argv.splice(2, 1);
await import(path.join(here, `${name}.ts`));
