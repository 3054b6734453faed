// Real Security Pool nodes for tests, in Node: free ports, fresh base paths, an API client once the
// RPC answers, bounded waits, and no process left behind. Used by the end-to-end tests (e2e/) and
// the dashboard's browser tests (app/tests/).
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';
import { sleep, within } from './within.js';

export { within } from './within.js';

/** The release build of the workspace's binary `name` in the shared target dir ($CARGO_TARGET_DIR, else ~/.cache/security-pool/target). */
export const releaseBinary = (name) =>
  join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/security-pool/target'), 'release', name);

/** The node binary: $NODE_BINARY, else its release build. */
export const NODE_BINARY = process.env.NODE_BINARY ?? releaseBinary('security-pool-node');

/** A TCP port nobody listens on right now. */
export function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

/**
 * A node process. `args` are the node's own arguments (default `--dev`); `basePath` is created
 * fresh unless given (to restart on the same state). Its log is `<basePath>/<name>.log`.
 */
export class Node {
  constructor({ name = 'node', args = ['--dev'], basePath } = {}) {
    this.name = name;
    this.args = args;
    this.ownsBasePath = !basePath;
    this.basePath = basePath ?? mkdtempSync(join(tmpdir(), `security-pool-${name}-`));
  }

  /** Starts the process (on free ports unless given, or those of its last start) and waits until its RPC answers; resolves with itself. */
  async start({ rpcPort, p2pPort } = {}) {
    this.rpcPort = rpcPort ?? this.rpcPort ?? await freePort();
    this.p2pPort = p2pPort ?? this.p2pPort ?? await freePort();
    const args = [
      ...this.args,
      '--base-path', this.basePath,
      '--rpc-port', String(this.rpcPort),
      '--port', String(this.p2pPort),
      '--no-prometheus', '--no-telemetry', '--no-mdns',
      '--rpc-max-connections', '1000',
    ];
    this.log = createWriteStream(this.logPath, { flags: 'a' });
    this.process = spawn(NODE_BINARY, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.process.stdout.pipe(this.log);
    this.process.stderr.pipe(this.log);
    this.exited = new Promise((done) => this.process.once('exit', done));
    this.api = await within(120_000, `${this.name} RPC`, this.#connect());
    return this;
  }

  async #connect() {
    for (;;) {
      if (this.process.exitCode !== null) {
        throw new Error(`${this.name} exited (${this.process.exitCode}); log: ${this.logPath}`);
      }
      try {
        const provider = new WsProvider(this.rpc, false);
        await provider.connect();
        await within(5_000, 'ws connect', provider.isReadyOrError);
        return await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
      } catch {
        await sleep(500);
      }
    }
  }

  /** The RPC endpoint, `ws://127.0.0.1:<port>`. */
  get rpc() {
    return `ws://127.0.0.1:${this.rpcPort}`;
  }

  get logPath() {
    return join(this.basePath, `${this.name}.log`);
  }

  /** Kills the process with `signal` (SIGINT: graceful; SIGKILL: a crash) and waits for it. */
  async stop(signal = 'SIGINT') {
    await this.api?.disconnect().catch(() => {});
    this.api = undefined;
    if (this.process && this.process.exitCode === null) {
      this.process.kill(signal);
      await within(30_000, `${this.name} exit`, this.exited).catch(() => this.process.kill('SIGKILL'));
    }
  }

  /** Stops the node and removes its base path (if this object made it), unless $KEEP_NODE_STATE is set. */
  async destroy() {
    await this.stop('SIGKILL');
    if (this.ownsBasePath && !process.env.KEEP_NODE_STATE) {
      rmSync(this.basePath, { recursive: true, force: true });
    }
  }
}

/** Waits until the head that `subscribe` follows reaches `number`; resolves with that header. */
function headAtLeast(subscribe, what, number, ms) {
  return within(ms, `${what} #${number}`, new Promise((done) => {
    let unsubscribe;
    let reached = false;
    subscribe((header) => {
      if (!reached && header.number.toNumber() >= number) {
        reached = true;
        unsubscribe?.();
        done(header);
      }
    }).then((u) => {
      unsubscribe = u;
      if (reached) u();
    });
  }));
}

/** Waits until the node's finalized head reaches `number`; resolves with its header. */
export function finalizedAtLeast(api, number, ms = 120_000) {
  return headAtLeast(api.rpc.chain.subscribeFinalizedHeads, 'finalized', number, ms);
}

/** Waits until the node's best block reaches `number`; resolves with its header. */
export function bestAtLeast(api, number, ms = 120_000) {
  return headAtLeast(api.rpc.chain.subscribeNewHeads, 'best', number, ms);
}

/** Waits until the node has at least `count` peers (`system_health`). */
export async function peersAtLeast(api, count, ms = 60_000) {
  const until = Date.now() + ms;
  while ((await api.rpc.system.health()).peers.toNumber() < count) {
    if (Date.now() > until) throw new Error(`${count} peers: timed out after ${ms} ms`);
    await sleep(500);
  }
}
