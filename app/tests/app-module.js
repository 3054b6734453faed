// One of the app's modules (src/*.ts) for Node, bundled with esbuild (Vite's own) so that the tests
// run the very code the browser does; its packages stay imports of node_modules.
import { build } from 'esbuild';
import { basename, join } from 'node:path';
import { OUTPUT } from './harness.js';

/** The module at `path` (relative to src/), bundled to test-output/ and imported. */
export async function appModule(path) {
  const outfile = join(OUTPUT, `${basename(path).replace(/\.tsx?$/, '')}.mjs`);
  await build({
    entryPoints: [new URL(`../src/${path}`, import.meta.url).pathname],
    bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile, logLevel: 'error',
  });
  return import(outfile);
}
