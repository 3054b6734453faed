// The hash of the pallet code that weights and throughput are measured on: every source file of
// `pallets/security-pool/src` but the generated weights, the mock runtime and the unit tests,
// with the pallet's Cargo.toml. A benchmark run stamps it into weights.rs, a throughput run into
// throughput.json, and the report refuses figures measured on other code.
//
//   node scripts/benchmarks/source.mjs     (prints the hash)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const pallet = join(root, 'pallets/security-pool');
const MEASURED_ELSEWHERE = new Set(['weights.rs', 'mock.rs']);

/** The SHA-256 of the measured pallet sources, as hex. */
export function palletSourceHash() {
  const files = readdirSync(join(pallet, 'src'))
    .filter((name) => name.endsWith('.rs') && !MEASURED_ELSEWHERE.has(name))
    .sort()
    .map((name) => join('src', name));
  const hash = createHash('sha256');
  for (const file of ['Cargo.toml', ...files]) {
    hash.update(`${file}\n`);
    hash.update(readFileSync(join(pallet, file)));
  }
  return hash.digest('hex');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(palletSourceHash());
