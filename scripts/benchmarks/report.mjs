// Writes docs/PERFORMANCE.md from one benchmark run's generated weights (the security pool's, its
// council's (pallet_collective) and pallet_balances') and one throughput run
// (docs/performance/throughput.json).
//
//   node scripts/benchmarks/report.mjs [out.md]     (docs/PERFORMANCE.md by default)
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { palletSourceHash } from './source.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path) => readFileSync(join(root, path), 'utf8');

// The runtime's `DbWeight` (ParityDB), in picoseconds per access.
const DB_READ = 8_000_000n;
const DB_WRITE = 50_000_000n;
// The targets of the report.
const TARGETS = {
  vote: 1.2, voteProofKiB: 16, unlockProofKiB: 16, feeHook: 0.1, adaptiveHook: 1.1, poolPerTransaction: 0.05,
  perItem: 0.5, perBlock: 0.1, throughput: 0.8,
  claim: 1.5, claimProofKiB: 8, claimThroughput: 0.8, listBuildSeconds: 10, listProofSeconds: 2, browserProofSeconds: 3,
};

const num = (text) => BigInt(text.replaceAll('_', ''));

/** The weight functions of a file generated from `scripts/benchmarks/weights.hbs`. */
function parseWeights(path) {
  // The runtime's weights; a pallet's file repeats them for `()` with RocksDB's database weights.
  const text = read(path).split('\nimpl WeightInfo for () {')[0];
  const functions = {};
  const fnRe = /((?:\t\/\/\/.*\n)*)\tfn (\w+)\(([^)]*)\) -> Weight \{\n([\s\S]*?)\n\t\}/g;
  for (const [, docs, name, , body] of text.matchAll(fnRe)) {
    const [, refTime, proof] = body.match(/Weight::from_parts\(([\d_]+), ([\d_]+)\)/);
    const slopes = (re) => Object.fromEntries([...body.matchAll(re)].map(([, v, c]) => [c, num(v)]));
    const base = (re) => num(body.match(re)?.[1] ?? '0');
    functions[name] = {
      refTime: num(refTime),
      proof: num(proof),
      refTimeSlopes: slopes(/Weight::from_parts\(([\d_]+), 0\)\.saturating_mul\((\w+)\.into/g),
      proofSlopes: slopes(/Weight::from_parts\(0, ([\d_]+)\)\.saturating_mul\((\w+)\.into/g),
      reads: base(/\.reads\((\d+)\)\)/),
      readSlopes: slopes(/\.reads\(\((\d+)_u64\)\.saturating_mul\((\w+)\.into/g),
      writes: base(/\.writes\((\d+)\)\)/),
      writeSlopes: slopes(/\.writes\(\((\d+)_u64\)\.saturating_mul\((\w+)\.into/g),
      ranges: Object.fromEntries([...docs.matchAll(/component `(\w+)` is `\[(\d+), (\d+)\]`/g)]
        .map(([, c, min, max]) => [c, { min: Number(min), max: Number(max) }])),
    };
  }
  const header = Object.fromEntries([...text.matchAll(/^\/\/! (Date|Steps|Pallet source): (.*)$/gm)].map(([, k, v]) => [k, v]));
  const command = [...text.matchAll(/^\/\/ {3}(.*)$/gm)].map(([, arg]) => arg);
  return { functions, header, command };
}

/** A weight function at `components` (each component at its maximum unless given). */
function at(fn, components = {}) {
  const value = (c) => BigInt(components[c] ?? fn.ranges[c]?.max ?? 0);
  const sum = (base, slopes) => Object.entries(slopes).reduce((acc, [c, s]) => acc + s * value(c), base);
  const reads = sum(fn.reads, fn.readSlopes);
  const writes = sum(fn.writes, fn.writeSlopes);
  const exec = sum(fn.refTime, fn.refTimeSlopes);
  return { exec, reads, writes, total: exec + reads * DB_READ + writes * DB_WRITE, proof: sum(fn.proof, fn.proofSlopes) };
}

const micros = (ps) => (Number(ps) / 1e6).toFixed(1);
const ratio = (a, b) => Number(a) / Number(b);
const times = (x) => `${x.toFixed(2)}×`;
const verdict = (ok) => (ok ? '**met**' : '**missed**');

const pool = parseWeights('pallets/security-pool/src/weights.rs');
const balances = parseWeights('runtime/src/weights/pallet_balances.rs');
const throughput = JSON.parse(read('docs/performance/throughput.json'));
// The incident tool's and the browser's Merkle work, measured by scripts/benchmarks/incident.mjs
// and app/tests/perf/proof.mjs.
const incidentTool = JSON.parse(read('docs/performance/incident.json'));
const browserProof = JSON.parse(read('docs/performance/browser-proof.json'));
const machine = read('docs/performance/machine.txt').trim();
// The reading of the figures, written by hand after a run.
const notes = read('docs/performance/notes.md').trim();

// Figures measured on other pallet code than the committed one are stale: refuse them.
const source = palletSourceHash();
const stamps = [
  ['pallets/security-pool/src/weights.rs', pool.header['Pallet source']?.replace(/\.$/, '')],
  ['docs/performance/throughput.json', throughput.palletSource],
];
for (const [file, stamp] of stamps) {
  if (stamp !== source) {
    console.error(`${file} was measured on pallet source ${stamp ?? '(unstamped)'}, not the current ${source}:`
      + ' run scripts/benchmark-weights.sh and scripts/performance-report.sh again.');
    process.exit(1);
  }
}

const extensions = parseWeights('runtime/src/weights/frame_system_extensions.rs').functions;
const payment = parseWeights('runtime/src/weights/pallet_transaction_payment.rs').functions;

const transfer = at(balances.functions.transfer_allow_death);
/** A table row per weight function against the transfer, its components at their maximum. */
const rowsOf = (functions) => Object.entries(functions).map(([name, fn]) => {
  const w = at(fn);
  const components = Object.entries(fn.ranges).map(([c, r]) => `${c}=${r.max}`).join(', ');
  return `| \`${name}\`${components ? ` (${components})` : ''} | ${micros(w.exec)} | ${times(ratio(w.exec, transfer.exec))} `
    + `| ${w.reads} / ${w.writes} | ${micros(w.total)} | ${times(ratio(w.total, transfer.total))} | ${(Number(w.proof) / 1024).toFixed(1)} |`;
});
const rows = rowsOf(pool.functions);

// The council's motions, benchmarked in the same run. A veto by motion on the dev chain's council
// of three: the proposal (the encoded \`veto\` call: 6 bytes), the two ayes, the close that runs it.
const council = parseWeights('runtime/src/weights/pallet_collective.rs');
const VETO_CALL_BYTES = 6;
const motion = { b: VETO_CALL_BYTES, m: 3, p: 1 };
const c = council.functions;
const vetoByMotion = at(c.propose_proposed, motion).total + 2n * at(c.vote, { m: 3 }).total
  + at(c.close_early_approved, motion).total + at(pool.functions.veto).total;

const vote = at(pool.functions.vote);
// What the runtime charges a vote cast before the confirmation window, as in the throughput run:
// \`vote\` up front, refunded to \`vote_early\` after dispatch.
const earlyVote = at(pool.functions.vote_early);
const unlock = at(pool.functions.unlock);
const fee = at(pool.functions.fee_share);
const feeFixed = at(pool.functions.fee_share_fixed);
// What the pool adds to every transaction: the fee charged with its hook less without it.
const poolCost = at(pool.functions.fee_charge).total - at(pool.functions.fee_charge_without_pool).total;
const perItem = (name, component) => {
  const fn = pool.functions[name];
  const one = at(fn, { [component]: 1 });
  const none = at(fn, { [component]: 0 });
  return { exec: one.exec - none.exec, total: one.total - none.total };
};
const ending = perItem('end_referenda', 'r');
const paying = perItem('make_payments', 'p');
// The block path at its bounds, the block's fee share, and the fee hook's storage the block pays
// for once (the pool account and the ledger read and written, the block's share written).
const blockPath = at(pool.functions.end_referenda).total + at(pool.functions.make_payments).total
  + at(pool.functions.miss_triage).total + at(pool.functions.expire_reveals).total
  + at(pool.functions.close_incidents).total + at(pool.functions.sweep_claimed).total
  + at(pool.functions.refresh_fee_share).total + 2n * DB_READ + 3n * DB_WRITE;
const maxSwept = pool.functions.sweep_claimed.ranges.w.max;
const claim = at(pool.functions.claim_compensation);
// What a block is charged for a claim: the call and the transaction pool's check, which runs
// once more when the block includes it.
const validateClaim = at(pool.functions.validate_claim);
const claimCharged = claim.total + validateClaim.total;
// Included per block in a phase's full blocks.
const perFullBlock = (p) => {
  const full = p.blocks.filter((b) => p.fullBlocks.includes(b.number));
  return full.length ? full.reduce((a, b) => a + b.n, 0) / full.length : NaN;
};
const claimRatio = perFullBlock(throughput.claims) / perFullBlock(throughput.transfers);
const maxBlock = BigInt(throughput.maxBlockRefTime);
const maxEndings = pool.functions.end_referenda.ranges.r.max;
const maxPayouts = pool.functions.make_payments.ranges.p.max;
const maxExpiries = pool.functions.miss_triage.ranges.t.max;

// What every (immortal) transaction adds to its call's weight in a block: the base extrinsic
// weight, the runtime's transaction extensions and the fee charge (with the fee hook).
const perTransaction = [
  'check_non_zero_sender', 'check_spec_version', 'check_tx_version', 'check_genesis',
  'check_mortality_immortal_transaction', 'check_nonce', 'check_weight', 'weight_reclaim',
].reduce((sum, name) => sum + at(extensions[name]).total, BigInt(throughput.extrinsicBaseRefTime))
  + at(payment.charge_transaction_payment).total;
const transferTransaction = perTransaction + transfer.total;

const checks = [
  ['`vote` execution vs `transfer_allow_death` execution', times(ratio(vote.exec, transfer.exec)), `≤ ${TARGETS.vote}×`, ratio(vote.exec, transfer.exec) <= TARGETS.vote],
  ['`vote` proof size', `${(Number(vote.proof) / 1024).toFixed(1)} KiB`, `≤ ${TARGETS.voteProofKiB} KiB`, Number(vote.proof) <= TARGETS.voteProofKiB * 1024],
  ['`unlock` proof size', `${(Number(unlock.proof) / 1024).toFixed(1)} KiB`, `≤ ${TARGETS.unlockProofKiB} KiB`, Number(unlock.proof) <= TARGETS.unlockProofKiB * 1024],
  ['fee hook (`fee_share`) vs transfer, execution', times(ratio(fee.exec, transfer.exec)), `≤ ${TARGETS.feeHook}×`, ratio(fee.exec, transfer.exec) <= TARGETS.feeHook],
  ['fee hook (`fee_share`) vs transfer, with storage', times(ratio(fee.total, transfer.total)), `≤ ${TARGETS.feeHook}×`, ratio(fee.total, transfer.total) <= TARGETS.feeHook],
  ['fee hook with an adaptive share (`fee_share`) vs the fixed share (`fee_share_fixed`), execution', times(ratio(fee.exec, feeFixed.exec)), `≤ ${TARGETS.adaptiveHook}×`, ratio(fee.exec, feeFixed.exec) <= TARGETS.adaptiveHook],
  ['the pool\'s cost on every transaction (`fee_charge` − `fee_charge_without_pool`) vs a transfer transaction', `${(100 * ratio(poolCost, transferTransaction)).toFixed(1)}%`, `≤ ${100 * TARGETS.poolPerTransaction}%`, ratio(poolCost, transferTransaction) <= TARGETS.poolPerTransaction],
  ['ending one referendum vs transfer, execution', times(ratio(ending.exec, transfer.exec)), `≤ ${TARGETS.perItem}×`, ratio(ending.exec, transfer.exec) <= TARGETS.perItem],
  ['paying one payout vs transfer, execution', times(ratio(paying.exec, transfer.exec)), `≤ ${TARGETS.perItem}×`, ratio(paying.exec, transfer.exec) <= TARGETS.perItem],
  [`block path at its bounds (${maxEndings} endings + ${maxPayouts} payouts + ${maxExpiries} missed triages + ${maxExpiries} reveal deadlines + ${maxExpiries} closed incidents + ${maxSwept} swept bitmap words + the block's fee share) vs the block`, `${(100 * ratio(blockPath, maxBlock)).toFixed(2)}%`, `≤ ${100 * TARGETS.perBlock}%`, ratio(blockPath, maxBlock) <= TARGETS.perBlock],
  ['votes/s ÷ transfers/s on the dev node', throughput.ratio.toFixed(2), `≥ ${TARGETS.throughput}`, throughput.ratio >= TARGETS.throughput],
  ['`claim_compensation` (a 20-hash proof, to a new account) execution vs `transfer_allow_death` execution', times(ratio(claim.exec, transfer.exec)), `≤ ${TARGETS.claim}×`, ratio(claim.exec, transfer.exec) <= TARGETS.claim],
  ['`claim_compensation` proof size', `${(Number(claim.proof) / 1024).toFixed(1)} KiB`, `≤ ${TARGETS.claimProofKiB} KiB`, Number(claim.proof) <= TARGETS.claimProofKiB * 1024],
  ['free claims per full block ÷ transfers per full block on the dev node', claimRatio.toFixed(2), `≥ ${TARGETS.claimThroughput}`, claimRatio >= TARGETS.claimThroughput],
  [`the incident tool builds the root and list of ${incidentTool.victims.toLocaleString('en')} victims from a CSV (median of ${incidentTool.buildSeconds.length})`, `${incidentTool.buildMedian.toFixed(2)} s`, `≤ ${TARGETS.listBuildSeconds} s`, incidentTool.buildMedian <= TARGETS.listBuildSeconds],
  [`the incident tool builds one proof from the ${incidentTool.victims.toLocaleString('en')}-victim list (median of ${incidentTool.proofSeconds.length})`, `${incidentTool.proofMedian.toFixed(2)} s`, `≤ ${TARGETS.listProofSeconds} s`, incidentTool.proofMedian <= TARGETS.listProofSeconds],
  [`the browser checks a ${browserProof.victims.toLocaleString('en')}-victim list against its root and builds a proof (median of ${browserProof.seconds.length})`, `${browserProof.median.toFixed(2)} s`, `≤ ${TARGETS.browserProofSeconds} s`, browserProof.median <= TARGETS.browserProofSeconds],
];
const missed = checks.filter(([, , , ok]) => !ok);

const normalMax = BigInt(throughput.normalMaxTotalRefTime);
const phase = (p) => {
  const full = p.blocks.filter((b) => p.fullBlocks.includes(b.number));
  const ends = [...new Set(full.map((b) => b.end))].join(', ');
  const perBlock = full.length ? full.reduce((a, b) => a + b.n, 0) / full.length : null;
  const each = perBlock ? `${(Number(normalMax) / 1e6 / perBlock).toFixed(0)} µs` : '–';
  return `| ${p.name} | ${p.transactions} | ${p.blocks.map((b) => b.n).join(' + ')} | ${ends || '–'} | ${each} `
    + `| ${p.perSecondFullBlocks?.toFixed(1) ?? '–'} | ${p.perSecondOverall.toFixed(1)} |`;
};
const ms = (ps) => `${(Number(ps) / 1e9).toFixed(0)} ms`;

const predicted = (call) => Number(normalMax) / Number(perTransaction + call.total);
const predictionRow = (name, call, p) => {
  const full = p.blocks.filter((b) => p.fullBlocks.includes(b.number));
  const measured = full.length ? full.reduce((a, b) => a + b.n, 0) / full.length : NaN;
  return `| ${name} | ${micros(call.total)} | ${micros(perTransaction + call.total)} | ${Math.floor(predicted(call))} | ${measured.toFixed(0)} |`;
};

const report = `# Performance

Generated by \`node scripts/benchmarks/report.mjs\` from one benchmark run (\`scripts/benchmark-weights.sh\`)
and one throughput run (\`scripts/performance-report.sh\`). Do not edit by hand.

## Machine and runs

${machine}

- Benchmarks: ${pool.header.Date.replace(/\.$/, '')}; steps: ${pool.header.Steps}
  Command: \`${pool.command.join(' ')}\`
- Throughput: ${throughput.date}, node \`${throughput.node}\`, ${throughput.accounts} accounts,
  ${throughput.slotSeconds} s blocks. Command: \`scripts/performance-report.sh\`.
- Both measured on the pallet source \`${source.slice(0, 16)}…\` (SHA-256 of
  \`pallets/security-pool\` but its weights, mock and tests: \`node scripts/benchmarks/source.mjs\`);
  the report refuses figures measured on other code.

The security pool, its council (\`pallet_collective\`), \`pallet_balances\`, the transaction
extensions and the fee charge were benchmarked in the same \`benchmark pallet\` invocation on the
same runtime, so every ratio below compares figures measured side by side.

## Targets

| Check | Measured | Target | |
|---|---|---|---|
${checks.map(([what, value, target, ok]) => `| ${what} | ${value} | ${target} | ${verdict(ok)} |`).join('\n')}

**Execution** is the benchmark's measured ref_time (the \`Weight::from_parts\` part of a generated
weight); it is what polkadot-sdk's published figures compare (\`pallet_conviction_voting::vote_new\`
≈ 2.7× \`transfer_allow_death\`, ≈ 215 KiB proof). **With storage** adds the runtime's
\`DbWeight\` (ParityDB: ${micros(DB_READ)} µs per read, ${micros(DB_WRITE)} µs per write) for
every storage item read or written, which is what a block is charged.

${missed.length === 0 ? 'Every target is met.' : `Missed: ${missed.map(([what]) => what).join('; ')}. The notes at the end say why.`}

## Calls and block work against \`transfer_allow_death\`

\`transfer_allow_death\`: ${micros(transfer.exec)} µs execution, ${transfer.reads} reads / ${transfer.writes} writes,
${micros(transfer.total)} µs with storage, ${(Number(transfer.proof) / 1024).toFixed(1)} KiB proof.
Components are at their maximum (the worst case).

| Weight | Execution (µs) | × transfer | Reads / writes | With storage (µs) | × transfer | Proof (KiB) |
|---|---|---|---|---|---|---|
${rows.join('\n')}

Per item: ending a referendum ${micros(ending.exec)} µs execution (${micros(ending.total)} µs with
storage); paying a payout ${micros(paying.exec)} µs (${micros(paying.total)} µs with storage).
\`fee_share\` is the fee hook's own work on one fee with an adaptive share (\`fee_share_fixed\`: with
the runtime's fixed share), the pool account, the ledger and the block's share warm:
\`on_initialize\` works out the block's share (\`refresh_fee_share\`) and pays for those once per block.
\`fee_charge\` charges a fee and a tip as \`pallet_transaction_payment::FungibleAdapter\` does and
hands them to the pool's hook; \`fee_charge_without_pool\` charges the same and burns them. Their
difference, ${micros(poolCost)} µs, is what the pool adds to every transaction: ${(100 * ratio(poolCost, transferTransaction)).toFixed(1)}% of a
transfer transaction's ${micros(transferTransaction)} µs (the call, the base extrinsic weight, the
transaction extensions and the fee charge).

## The council's motions

\`pallet_collective\` (the security council) against the same transfer; components at their
maximum: ${council.functions.vote.ranges.m.max} members, ${council.functions.propose_proposed.ranges.p.max} open motions, a proposed call of ${council.functions.propose_proposed.ranges.b.max} bytes.

| Weight | Execution (µs) | × transfer | Reads / writes | With storage (µs) | × transfer | Proof (KiB) |
|---|---|---|---|---|---|---|
${rowsOf(council.functions).join('\n')}

A veto by motion of the dev chain's council of three (\`propose\` of the ${VETO_CALL_BYTES}-byte \`veto\` call,
two \`vote\`s, \`close\` before the end with the threshold reached, and the \`veto\` it runs) is
charged ${micros(vetoByMotion)} µs with storage: ${times(ratio(vetoByMotion, transfer.total))} a transfer's call.

## Throughput on the dev node

Every account casts one vote, then makes one \`transfer_allow_death\` to a new account, then
every leaf of an incident's list is claimed free for a new account; each
phase's transactions are signed beforehand and submitted at once. "Full blocks" are the blocks
built after the submission ended while transactions were still waiting (all but the phase's
last); "overall" divides by every block of the phase.

| Phase | Transactions | Included per block | Full blocks ended by | Block weight per transaction | Per second (full blocks) | Per second (overall) |
|---|---|---|---|---|---|---|
${phase(throughput.votes)}
${phase(throughput.transfers)}
${phase(throughput.claims)}

Every transaction adds ${micros(perTransaction)} µs to its call's weight: the base extrinsic weight,
the transaction extensions and the fee charge with the pool's fee hook
(\`charge_transaction_payment\`: ${micros(at(payment.charge_transaction_payment).total)} µs with storage), all
benchmarked in the same run. The blocks were full by weight, so their counts follow from the
weights:

| Call | Call weight (µs) | With the transaction's own (µs) | Per block, from the weights | Per block, measured |
|---|---|---|---|---|
${predictionRow('`vote` (before the window: refunded to `vote_early`)', earlyVote, throughput.votes)}
${predictionRow('`transfer_allow_death`', transfer, throughput.transfers)}

A free claim is an unsigned transaction: it pays no fee and runs no signed extension, so a block
holds it at the base extrinsic weight plus its call's weight, which adds the transaction pool's
check (run once more when the block includes the claim) to the call:
${micros(BigInt(throughput.extrinsicBaseRefTime) + claimCharged)} µs (\`claim_compensation\`:
${micros(claim.total)} µs with storage, \`validate_claim\`: ${micros(validateClaim.total)} µs);
${Math.floor(Number(normalMax) / Number(BigInt(throughput.extrinsicBaseRefTime) + claimCharged))} per block from the weights,
${perFullBlock(throughput.claims).toFixed(0)} measured. Claims per full block ÷ transfers per full
block: **${claimRatio.toFixed(2)}**.

The incident tool (release build) and the dashboard's Merkle code, measured on this machine:
building the list of ${incidentTool.victims.toLocaleString('en')} victims from a CSV of
${(incidentTool.csvBytes / 1e6).toFixed(0)} MB took ${incidentTool.buildSeconds.map((x) => x.toFixed(2)).join(', ')} s, one proof from the
published list (${(incidentTool.listBytes / 1e6).toFixed(0)} MB) ${incidentTool.proofSeconds.map((x) => x.toFixed(2)).join(', ')} s
(\`node scripts/benchmarks/incident.mjs\`, ${incidentTool.measuredAt}); in headless Chromium
${browserProof.chromium ?? ''}, checking a ${browserProof.victims.toLocaleString('en')}-victim list against its root and
building a proof took ${browserProof.seconds.map((x) => x.toFixed(2)).join(', ')} s (\`app/tests/perf/proof.mjs\`, ${browserProof.measuredAt}).

Votes per second ÷ transfers per second: **${throughput.ratio.toFixed(2)}**. When blocks end on the
weight limit, as here, this ratio follows from the weights the runtime charges:
(${micros(perTransaction + transfer.total)} µs) ÷ (${micros(perTransaction + earlyVote.total)} µs) =
${(Number(perTransaction + transfer.total) / Number(perTransaction + earlyVote.total)).toFixed(2)}. "Full blocks ended by"
is the proposer's reason from the node's log; transactions may fill ${ms(normalMax)} of a block's
${ms(maxBlock)} (the base extrinsic weight is ${micros(BigInt(throughput.extrinsicBaseRefTime))} µs).

${notes}
`;

writeFileSync(process.argv[2] ?? join(root, 'docs/PERFORMANCE.md'), report);
console.log(checks.map(([what, value, target, ok]) => `${ok ? 'met   ' : 'MISSED'} ${what}: ${value} (${target})`).join('\n'));
