// The solvency simulator in live mode against a dev node: the inputs it reads over RPC (pool
// status, parameters, fee share, inflow) are what Polkadot.js reads at the same block, and its
// results are well-formed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { UNIT, devAccounts, poolStatus, send } from '@security-pool/client';
import { Node, bestAtLeast, releaseBinary } from '@security-pool/client/node';

/** The simulator: $SOLVENCY_BINARY, else the release build in the shared target dir. */
const SOLVENCY_BINARY = process.env.SOLVENCY_BINARY ?? releaseBinary('security-pool-solvency');

const BILLION = 1_000_000_000n;

let node;
let accounts;

before(async () => {
  accounts = await devAccounts();
  node = await new Node({ name: 'solvency', args: ['--dev'] }).start();
});

after(async () => node?.destroy());

test('live mode reads what Polkadot.js reads and reports well-formed results', async () => {
  const { api } = node;
  // Fees and a contribution flow in; an adaptive share is set so that all of it is read.
  const adaptive = { floor: 10n * BILLION / 100n, ceiling: 40n * BILLION / 100n, targetReserve: 150_000n * UNIT };
  const set = await send(api, api.tx.sudo.sudo(api.tx.securityPool.setFeeShare(adaptive)), accounts.alice);
  assert.equal(set.error, undefined);
  for (const signer of [accounts.bob, accounts.charlie, accounts.dave]) {
    const { error } = await send(api, api.tx.balances.transferKeepAlive(accounts.eve.address, UNIT), signer);
    assert.equal(error, undefined);
  }
  const { error, blockHash } = await send(api, api.tx.securityPool.contribute(5n * UNIT), accounts.ferdie);
  assert.equal(error, undefined);
  const contributed = (await api.rpc.chain.getHeader(blockHash)).number.toNumber();
  await bestAtLeast(api, contributed + 1);

  const scenario = fileURLToPath(new URL('../tools/solvency/scenarios/dev.json', import.meta.url));
  const { stdout } = await promisify(execFile)(SOLVENCY_BINARY, [
    'run', '--rpc', `http://127.0.0.1:${node.rpcPort}`, '--scenario', scenario,
    '--paths', '2000', '--json',
  ], { timeout: 120_000, maxBuffer: 16 << 20 });
  const report = JSON.parse(stdout);
  const { live } = report;

  // The pool, at the block the tool read.
  const at = await api.at(live.block_hash);
  assert.equal((await api.rpc.chain.getHeader(live.block_hash)).number.toNumber(), live.block);
  const status = await poolStatus(api, live.block_hash);
  assert.ok(status.lifetimeInflow > 0n);
  for (const [mine, theirs] of [
    ['balance', 'balance'], ['available', 'available'], ['committed', 'committed'], ['owed', 'owed'],
    ['exposure', 'exposure'], ['lifetime_inflow', 'lifetimeInflow'], ['lifetime_outflow', 'lifetimeOutflow'],
  ]) {
    assert.equal(BigInt(live.pool[mine]), status[theirs], mine);
  }
  const then = await poolStatus(api, await api.rpc.chain.getBlockHash(live.inflow.from_block));
  assert.equal(BigInt(live.inflow.lifetime_inflow_then), then.lifetimeInflow);
  assert.equal(live.inflow.blocks, live.block - live.inflow.from_block);
  assert.equal(live.block_ms, (await at.call.auraApi.slotDuration()).toNumber());
  assert.equal(live.token_decimals, 12);

  // The parameters and the fee share.
  const parameters = await at.query.securityPool.parameters();
  assert.equal(live.parameters_in_storage, true);
  assert.equal(live.parameters.max_payout, parameters.maxPayout.toNumber());
  assert.equal(live.parameters.max_exposure, parameters.maxExposure.toNumber());
  assert.equal(live.parameters.voting_period, parameters.votingPeriod.toNumber());
  assert.equal(live.parameters.tracks.length, parameters.tracks.length);
  const feeShare = await at.call.securityPoolApi.feeShare();
  assert.equal(live.fee_share.current, feeShare.current.toNumber());
  assert.equal(live.fee_share.fixed, feeShare.fixed.toNumber());
  assert.equal(live.fee_share.adaptive.floor, feeShare.adaptive.unwrap().floor.toNumber());
  assert.equal(live.fee_share.adaptive.ceiling, feeShare.adaptive.unwrap().ceiling.toNumber());
  assert.equal(BigInt(live.fee_share.adaptive.target_reserve), adaptive.targetReserve);

  // The scenario simulated is the chain's, in tokens and days.
  const { scenario: simulated } = report;
  const tokens = (planck) => Number(planck) / 1e12;
  assert.ok(Math.abs(simulated.pool.reserve - tokens(status.balance)) < 1e-6);
  assert.equal(simulated.rules.max_payout, parameters.maxPayout.toNumber() / 1e9);
  assert.equal(simulated.rules.max_exposure, parameters.maxExposure.toNumber() / 1e9);
  assert.ok(Math.abs(simulated.rules.general.voting_days - parameters.votingPeriod.toNumber() * 3 / 86_400) < 1e-12);
  assert.deepEqual(simulated.fee_share.adaptive, { floor: 0.1, ceiling: 0.4, target_reserve: 150_000 });
  const perDay = tokens(status.lifetimeInflow - then.lifetimeInflow) / live.inflow.blocks * 28_800;
  assert.ok(Math.abs(simulated.inflow.fees_to_pool_per_day - perDay) <= perDay * 1e-9);

  // Well-formed results, and the adaptive share compared with the fixed one on the same paths.
  for (const results of [report.results, report.fixed_share_results]) {
    const { probability, ci95_low: low, ci95_high: high } = results.ruin;
    assert.ok(probability >= 0 && probability <= 1);
    assert.ok(low <= probability && probability <= high);
    assert.equal(results.paths, 2000);
    assert.ok(results.deficit.expected_shortfall_99 >= results.deficit.var_99);
  }
  assert.ok('adaptive' in report.results.share);
  assert.deepEqual(report.fixed_share_results.share, { fixed: 0.2 });
  assert.equal(report.required_share.target_ruin, 0.005);
});
