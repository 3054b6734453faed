// A browser wallet, as any extension injects one (`window.injectedWeb3`), in headless Chromium
// against a real dev node: two stub wallets are installed, the user picks the second, its account
// (which the wallet gives in another SS58 prefix) is shown in the chain's prefix, and it signs a
// vote that the chain counts. The stubs sign in Node with the account's key, as an extension signs
// the payload the page hands it; the first wallet is never asked for anything. The node keeps no
// archive (it prunes old state, as most do): the pages say from which block their history starts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { encodeAddress } from '@polkadot/util-crypto';
import { keyPairs, poolEvent, sendOk, UNIT } from '@security-pool/client';
import { bestAtLeast, Node } from '@security-pool/client/node';
import { openApp, record as recordPage, startBrowser, visit } from './harness.js';

let node;
let api;
let browser;
let page;
let dev;
/** The claim the wallet's account votes on, filed before the page opened, and its block. */
let claim;
const violations = new Map();
/** What each stub wallet was asked: `enable` calls and payloads signed, by wallet. */
const asked = { 'wallet-one': [], 'wallet-two': [] };

/** The stub wallets' account: a fresh key, given by the wallet in the Polkadot prefix (0). */
const VOTER = '//Wallet voter';

before(async () => {
  dev = await keyPairs('//Alice', '//Charlie', VOTER);
  // A pruning node: no `--state-pruning archive`, so no `archive_v1`.
  node = await new Node({ name: 'app-wallet', args: ['--dev', '--rpc-cors', 'all'] }).start();
  api = node.api;
  await sendOk(api, api.tx.balances.transferKeepAlive(dev[VOTER].address, 10_000n * UNIT), dev['//Alice']);
  const filed = await sendOk(api, api.tx.securityPool.submitClaim(100n * UNIT, dev['//Charlie'].address, '0x'), dev['//Charlie']);
  claim = { id: poolEvent(filed.events, 'ClaimSubmitted').request, block: filed.blockNumber };
  // The page opens after the claim's block: on this node its history starts later.
  await bestAtLeast(api, claim.block + 1);
  browser = await startBrowser();
  await browser.context.exposeFunction('stubWalletSign', (wallet, payload) => {
    asked[wallet].push(payload);
    const signable = api.registry.createType('ExtrinsicPayload', payload, { version: payload.version });
    return signable.sign(dev[VOTER]).signature;
  });
  await browser.context.exposeFunction('stubWalletEnabled', (wallet) => asked[wallet].push('enable'));
  const walletAddress = encodeAddress(dev[VOTER].publicKey, 0);
  await browser.context.addInitScript(({ address }) => {
    const stub = (wallet) => ({
      version: '0.1.0',
      enable: async () => {
        await window.stubWalletEnabled(wallet);
        const accounts = [
          { address, name: `Voter in ${wallet}`, type: 'sr25519' },
          // Accounts the page must leave out: an Ethereum-style one, and one of another chain.
          { address: `0x${'11'.repeat(20)}`, name: 'Ethereum-style', type: 'ethereum' },
          { address, name: 'Of another chain', type: 'sr25519', genesisHash: `0x${'22'.repeat(32)}` },
        ];
        return {
          accounts: { get: async () => accounts, subscribe: (cb) => { cb(accounts); return () => {}; } },
          signer: {
            signPayload: async (payload) => ({ id: 1, signature: await window.stubWalletSign(wallet, payload) }),
            signRaw: async () => { throw new Error('not in this stub'); },
          },
        };
      },
    });
    window.injectedWeb3 = { 'wallet-one': stub('wallet-one'), 'wallet-two': stub('wallet-two') };
  }, { address: walletAddress });
  page = await openApp(browser.context, browser.url, node.rpc);
});

after(async () => {
  await browser?.stop();
  await node?.destroy();
});

test('the user picks the second of two installed wallets; its account is shown in the chain\'s prefix (its other chain\'s and Ethereum-style accounts left out) and signs a vote the chain counts', async () => {
  const { id } = claim;
  const wallets = await page.$$eval('#wallet option', (options) => options.map((o) => o.value));
  assert.deepEqual(wallets, ['wallet-one', 'wallet-two'], 'both installed wallets are listed');
  assert.equal(await page.$('#no-wallet'), null);
  await recordPage(page, 'wallet-picker', violations);

  await page.selectOption('#wallet', 'wallet-two');
  await page.click('.wallet button');
  const inChainPrefix = encodeAddress(dev[VOTER].publicKey, api.registry.chainSS58);
  const option = await page.waitForSelector(`#account option[value="${inChainPrefix}"]`, { state: 'attached', timeout: 30_000 });
  assert.equal(await option.textContent(), 'Voter in wallet-two (wallet-two)');
  const fromWallet = await page.$$eval('#account option', (options) => options.map((o) => o.textContent).filter((t) => t.endsWith('(wallet-two)')));
  assert.deepEqual(fromWallet, ['Voter in wallet-two (wallet-two)'], 'an Ethereum-style account and another chain\'s are left out');
  assert.notEqual(inChainPrefix, encodeAddress(dev[VOTER].publicKey, 0), 'the wallet gave another prefix than the chain\'s');
  assert.deepEqual(asked['wallet-one'], [], 'the wallet not picked was never asked');
  assert.deepEqual(asked['wallet-two'], ['enable']);

  await page.selectOption('#account', inChainPrefix);
  await visit(page, `requests/${id}`);
  await page.fill('#vote-balance', '1000');
  await page.click('.vote button:has-text("Vote")');
  await page.waitForSelector('.vote .tx-done', { timeout: 60_000 });
  assert.equal(asked['wallet-two'].length, 2, 'wallet-two signed one payload');
  assert.equal(asked['wallet-two'][1].address, encodeAddress(dev[VOTER].publicKey, 0), 'the payload names the account as the wallet gave it');
  const voting = (await api.query.securityPool.votingFor(dev[VOTER].address)).toJSON();
  assert.deepEqual(voting.votes.map((v) => v.request), [id], 'the chain counts the wallet account\'s vote');
  assert.equal(BigInt(voting.votes[0].vote.balance), 1000n * UNIT);
  await recordPage(page, 'wallet-voted', violations);
});

test('a node without an archive: the pool and requests pages say their history starts at the block the page opened at', async () => {
  await visit(page, '');
  const note = await page.waitForSelector('#no-archive', { timeout: 30_000 });
  const from = Number(await note.getAttribute('data-from'));
  assert.ok(from > claim.block, `the page opened at block #${from}, after the claim's block #${claim.block}`);
  assert.match(await note.textContent(), new RegExp(`history starts at block #${from}, when this page opened`));
  const span = await page.waitForSelector('#history-span', { timeout: 30_000 });
  assert.match(await span.textContent(), new RegExp(`blocks #${from}–#\\d+`), 'the history read starts there');
  assert.equal(await page.$('.events [data-event="ClaimSubmitted"]'), null, 'the claim, filed before, is not in the history');
  assert.ok(await page.$('.events [data-event="Voted"]'), 'the vote, cast after, is');
  await recordPage(page, 'wallet-no-archive', violations);
  await visit(page, 'requests');
  await page.waitForSelector('#no-archive', { timeout: 30_000 });
});

test('no wallet page state has serious or critical accessibility violations (axe-core)', () => {
  assert.deepEqual(Object.fromEntries([...violations].filter(([, found]) => found.length)), {});
  assert.deepEqual([...violations.keys()], ['wallet-picker', 'wallet-voted', 'wallet-no-archive']);
});
