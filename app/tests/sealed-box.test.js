// The app's sealed box (src/chain/sealedBox.ts) is libsodium's crypto_box_seal: libsodium opens
// what the app seals, and the app opens what libsodium seals. The module is bundled with esbuild
// (Vite's own) so that Node runs the very code the browser does.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build } from 'esbuild';
import sodium from 'libsodium-wrappers';
import { join } from 'node:path';
import { OUTPUT } from './harness.js';

async function appSealedBox() {
  const outfile = join(OUTPUT, 'sealedBox.mjs');
  await build({
    entryPoints: [new URL('../src/chain/sealedBox.ts', import.meta.url).pathname],
    bundle: true, format: 'esm', platform: 'node', packages: 'external', outfile,
  });
  return import(outfile);
}

test('sealed boxes of the app and of libsodium open each other', async () => {
  await sodium.ready;
  const { seal, open, SEAL_OVERHEAD } = await appSealedBox();
  const council = sodium.crypto_box_keypair();
  const report = new TextEncoder().encode('Integer overflow in the fee share, with a proof of concept.');

  const sealedByApp = seal(report, council.publicKey);
  assert.equal(sealedByApp.length, report.length + SEAL_OVERHEAD);
  assert.deepEqual(sodium.crypto_box_seal_open(sealedByApp, council.publicKey, council.privateKey), report);

  const sealedBySodium = sodium.crypto_box_seal(report, council.publicKey);
  assert.deepEqual(open(sealedBySodium, { publicKey: council.publicKey, secretKey: council.privateKey }), report);

  const stranger = sodium.crypto_box_keypair();
  assert.equal(open(sealedBySodium, { publicKey: stranger.publicKey, secretKey: stranger.privateKey }), undefined);
});
