// The chain's metadata, read once per connection when first needed: the pallets' error docs (to
// explain a failure in their words) and codecs of storage read over the archive interface.
import { getDynamicBuilder, getLookupFn } from '@polkadot-api/metadata-builders';
import { decAnyMetadata, unifyMetadata, type UnifiedMetadata } from '@polkadot-api/substrate-bindings';
import type { Chain } from './connect';

const read = new WeakMap<Chain, Promise<UnifiedMetadata>>();

/** The metadata of the chain's runtime at its finalized block. */
export function metadataOf(chain: Chain): Promise<UnifiedMetadata> {
  let found = read.get(chain);
  if (!found) {
    found = chain.client.getFinalizedBlock()
      .then((block) => chain.client.getMetadata(block.hash))
      .then((bytes) => unifyMetadata(decAnyMetadata(bytes)));
    read.set(chain, found);
  }
  return found;
}

/** Each pallet's errors by index, and their docs by `Pallet.Error`. */
export interface Errors {
  docs: Map<string, string>;
  byIndex: Map<string, string[]>;
}

export async function errorsOf(chain: Chain): Promise<Errors> {
  const metadata = await metadataOf(chain);
  const docs = new Map<string, string>();
  const byIndex = new Map<string, string[]>();
  for (const pallet of metadata.pallets) {
    const type = pallet.errors && metadata.lookup.find((entry) => entry.id === pallet.errors!.type);
    if (type?.def.tag !== 'variant') continue;
    const names: string[] = [];
    for (const variant of type.def.value) {
      docs.set(`${pallet.name}.${variant.name}`, variant.docs.join(' ').trim());
      names[variant.index] = variant.name;
    }
    byIndex.set(pallet.name, names);
  }
  return { docs, byIndex };
}

/** The codec of storage entry `pallet.entry`: its keys and its value's decoder. */
export async function storageCodec(chain: Chain, pallet: string, entry: string) {
  return getDynamicBuilder(getLookupFn(await metadataOf(chain))).buildStorage(pallet, entry);
}
