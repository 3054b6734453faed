// The client package's declarations (`.d.ts`, which the dashboard's strict type check reads) name
// exactly what its JavaScript exports, entry by entry, so that neither drifts from the other.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's manifest, two levels above its main entry (`src/index.js`). */
const manifest = join(dirname(fileURLToPath(import.meta.resolve('@security-pool/client'))), '../package.json');

/** The values a declaration file exports, following its `export * from` and `export { … } from`. */
function declared(file) {
  const text = readFileSync(file, 'utf8');
  const names = [...text.matchAll(/^export declare (?:function|const|class) (\w+)/gm)].map((m) => m[1]);
  for (const [, from] of text.matchAll(/^export \* from '(.+)\.js';/gm)) names.push(...declared(join(dirname(file), `${from}.d.ts`)));
  for (const [, list] of text.matchAll(/^export \{([^}]+)\} from '.+';/gm)) {
    names.push(...list.split(',').map((n) => n.trim()).filter((n) => n && !n.startsWith('type ')));
  }
  return names;
}

test('every entry of @security-pool/client declares exactly what it exports', async () => {
  const { exports } = JSON.parse(readFileSync(manifest, 'utf8'));
  for (const [entry, { types, default: code }] of Object.entries(exports)) {
    const specifier = join('@security-pool/client', entry);
    const exported = Object.keys(await import(specifier)).sort();
    assert.deepEqual(declared(join(dirname(manifest), types)).sort(), exported, `${specifier} (${code})`);
  }
});
