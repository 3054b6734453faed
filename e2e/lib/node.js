// Starts and stops real Security Pool nodes for the tests: free ports, fresh base paths,
// bounded waits, and no process left behind.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ApiPromise, WsProvider } from '@polkadot/api';

const here = new URL('.', import.meta.url).pathname;

/** The node binary: $NODE_BINARY, else the release build in the shared target dir. */
export const NODE_BINARY = process.env.NODE_BINARY ??
  join(process.env.CARGO_TARGET_DIR ?? join(process.env.HOME, '.cache/security-pool/target'),
    'release/security-pool-node');

/** A TCP port nobody listens on right now. */
export async function freePort() {
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

/** Resolves `promise`, or rejects after `ms` with `what` timed out. */
export function within(ms, what, promise) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * A node process. `args` are the node's own arguments; `basePath` is created fresh unless given
 * (to restart on the same state).
 */
export class Node {
  constructor({ name = 'node', args = ['--dev'], basePath } = {}) {
    this.name = name;
    this.args = args;
    this.ownsBasePath = !basePath;
    this.basePath = basePath ?? mkdtempSync(join(tmpdir(), `security-pool-${name}-`));
  }

  /** Starts the process and waits until its RPC answers. */
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
    this.log = createWriteStream(join(this.basePath, `${this.name}.log`), { flags: 'a' });
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
        const provider = new WsProvider(`ws://127.0.0.1:${this.rpcPort}`, false);
        await provider.connect();
        await within(5_000, 'ws connect', provider.isReadyOrError);
        return await ApiPromise.create({ provider, noInitWarn: true, throwOnConnect: true });
      } catch {
        await new Promise((r) => setTimeout(r, 500));
      }
    }
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

  /** Stops the node and removes its base path (if this object made it). */
  async destroy() {
    await this.stop('SIGKILL');
    if (this.ownsBasePath && !process.env.KEEP_NODE_STATE) {
      rmSync(this.basePath, { recursive: true, force: true });
    }
  }
}

/** Waits until the head that `subscribe` follows reaches `number`. */
function headAtLeast(subscribe, what, number, ms) {
  return within(ms, `${what} #${number}`, new Promise((done) => {
    let unsubscribe;
    subscribe((header) => {
      if (header.number.toNumber() >= number) {
        unsubscribe?.();
        done(header);
      }
    }).then((u) => { unsubscribe = u; });
  }));
}

/** Waits until the node's finalized head reaches `number`. */
export function finalizedAtLeast(api, number, ms = 120_000) {
  return headAtLeast(api.rpc.chain.subscribeFinalizedHeads, 'finalized', number, ms);
}

/** Waits until the node's best block reaches `number`. */
export function bestAtLeast(api, number, ms = 120_000) {
  return headAtLeast(api.rpc.chain.subscribeNewHeads, 'best', number, ms);
}

/** Waits until the node has at least `count` peers (`system_health`). */
export async function peersAtLeast(api, count, ms = 60_000) {
  const until = Date.now() + ms;
  while ((await api.rpc.system.health()).peers.toNumber() < count) {
    if (Date.now() > until) throw new Error(`${count} peers: timed out after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export const repoRoot = resolve(here, '../..');
