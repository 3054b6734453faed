// Measures the incident CLI on a million victims: `build` of the loss list from its CSV and
// `proof` of the last victim from the built list, three runs each, wall clock. Writes
// docs/performance/incident.json.
//
//   CARGO_TARGET_DIR=~/.cache/security-pool/target SKIP_WASM_BUILD=1 cargo build --release -p security-pool-incident
//   node scripts/benchmarks/incident.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const VICTIMS = 1_000_000;
const SEED = 1;
const RUNS = 3;
// The targets, in seconds.
const TARGETS = { build: 10, proof: 2 };

const targetDir = process.env.CARGO_TARGET_DIR ?? join(homedir(), '.cache/security-pool/target');
const binary = resolve(targetDir, 'release/security-pool-incident');
if (!existsSync(binary)) {
  console.error(`${binary} is missing: build it with\n  CARGO_TARGET_DIR=${targetDir} SKIP_WASM_BUILD=1 cargo build --release -p security-pool-incident`);
  process.exit(1);
}

/** Runs the CLI with `args`; its stdout and the wall-clock seconds it took. */
function run(args) {
  const start = process.hrtime.bigint();
  const { status, stdout, stderr } = spawnSync(binary, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (status !== 0) throw new Error(`security-pool-incident ${args.join(' ')} exited with ${status}: ${stderr}`);
  return { stdout, seconds: Number(seconds.toFixed(3)) };
}

/** The middle value. */
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const dir = mkdtempSync(join(tmpdir(), 'security-pool-incident-'));
try {
  const csv = join(dir, 'losses.csv');
  const list = join(dir, 'list.json');
  run(['generate', '--victims', String(VICTIMS), '--seed', String(SEED), '--out', csv]);
  const last = readFileSync(csv, 'utf8').trimEnd().split('\n').at(-1).split(',')[0];

  const buildSeconds = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout, seconds } = run(['build', csv, '--out', list]);
    if (JSON.parse(stdout).victims !== VICTIMS) throw new Error(`build printed ${stdout}`);
    buildSeconds.push(seconds);
  }
  const proofSeconds = [];
  for (let i = 0; i < RUNS; i++) {
    const { stdout, seconds } = run(['proof', list, '--account', last]);
    if (JSON.parse(stdout).index !== VICTIMS - 1) throw new Error(`proof printed ${stdout}`);
    proofSeconds.push(seconds);
  }

  const result = {
    measuredAt: new Date().toISOString(),
    victims: VICTIMS,
    buildSeconds,
    buildMedian: median(buildSeconds),
    proofSeconds,
    proofMedian: median(proofSeconds),
    listBytes: statSync(list).size,
    csvBytes: statSync(csv).size,
    command: `node scripts/benchmarks/incident.mjs: security-pool-incident generate --victims ${VICTIMS} --seed ${SEED} --out losses.csv, then ${RUNS} × build losses.csv --out list.json and ${RUNS} × proof list.json --account <the last victim>`,
  };
  mkdirSync(join(root, 'docs/performance'), { recursive: true });
  writeFileSync(join(root, 'docs/performance/incident.json'), `${JSON.stringify(result, null, 2)}\n`);
  const verdict = (median, target) => `${median} s (target ≤ ${target} s: ${median <= target ? 'met' : 'MISSED'})`;
  console.log(`build of ${VICTIMS} victims: ${buildSeconds.join(' s, ')} s; median ${verdict(result.buildMedian, TARGETS.build)}`);
  console.log(`proof of the last victim: ${proofSeconds.join(' s, ')} s; median ${verdict(result.proofMedian, TARGETS.proof)}`);
  console.log(`list ${result.listBytes} bytes, CSV ${result.csvBytes} bytes; written to docs/performance/incident.json`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
