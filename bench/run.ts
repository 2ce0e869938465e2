import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench`: runs every benchmark in this folder in turn. Each `bench/<name>.ts` exports a
 * default async function that measures, prints its own table (ours beside the peers, with
 * ratios) and returns. Benchmarks use network namespaces, so they need root.
 */
const folder = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = (await readdir(folder)).filter((f) => f.endsWith('.js') && f !== 'run.js').sort();

for (const file of files) {
  const name = file.replace(/\.js$/, '');
  if (only.length > 0 && !only.includes(name)) {
    continue;
  }
  console.log(`\n## ${name}`);
  const module = (await import(new URL(file, import.meta.url).href)) as {
    default: () => Promise<void>;
  };
  await module.default();
}
