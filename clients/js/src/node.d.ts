import type { ApiPromise } from '@polkadot/api';
import type { Header } from '@polkadot/types/interfaces';

export { within } from './within.js';

/** The release build of the workspace's binary `name` in the shared target dir ($CARGO_TARGET_DIR, else ~/.cache/security-pool/target). */
export declare function releaseBinary(name: string): string;
/** The node binary: $NODE_BINARY, else its release build. */
export declare const NODE_BINARY: string;
/** A TCP port nobody listens on right now. */
export declare function freePort(): Promise<number>;

/** A node process on free ports with a fresh base path, and an API client once its RPC answers. */
export declare class Node {
  constructor(options?: { name?: string; args?: string[]; basePath?: string });
  readonly name: string;
  readonly args: string[];
  readonly basePath: string;
  rpcPort?: number;
  p2pPort?: number;
  api?: ApiPromise;
  /** Starts the process and waits until its RPC answers. */
  start(ports?: { rpcPort?: number; p2pPort?: number }): Promise<this>;
  /** `ws://127.0.0.1:<port>`. */
  get rpc(): string;
  get logPath(): string;
  /** Kills the process with `signal` (default SIGINT) and waits for it. */
  stop(signal?: NodeJS.Signals): Promise<void>;
  /** Stops the node with SIGKILL and removes its base path (if this object made it). */
  destroy(): Promise<void>;
}

/** Waits until the node's finalized head reaches `number`. */
export declare function finalizedAtLeast(api: ApiPromise, number: number, ms?: number): Promise<Header>;
/** Waits until the node's best block reaches `number`. */
export declare function bestAtLeast(api: ApiPromise, number: number, ms?: number): Promise<Header>;
/** Waits until the node has at least `count` peers. */
export declare function peersAtLeast(api: ApiPromise, count: number, ms?: number): Promise<void>;
