import { defineConfig, type Plugin } from 'vite';

/**
 * The generated descriptors carry a copy of the runtime's whole metadata for polkadot-api's offline
 * API (`getOfflineApi`, `getTypedCodecs`), which the app never uses: it reads the metadata from the
 * node it talks to. This leaves that copy (about 49 KB gzipped) out of the bundle; asking for it
 * throws.
 */
function withoutDescriptorsMetadata(): Plugin {
  const stub = '\0descriptors-metadata';
  return {
    name: 'without-descriptors-metadata',
    enforce: 'pre',
    resolveId(source, importer) {
      return importer?.includes('/.papi/descriptors/') && /\/[a-z0-9_]+_metadata-[\w-]+\.js$/.test(source) ? stub : null;
    },
    load(id) {
      return id === stub ? 'throw new Error("the descriptors\' metadata is not bundled: the app reads it from the node");' : null;
    },
  };
}

// A static bundle in dist/, loadable from any path (relative asset URLs).
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  plugins: [withoutDescriptorsMetadata()],
  resolve: {
    // One copy of each package the typed client, its signers and the client rules share (npm nests
    // several copies where Polkadot.js, which the tests use, holds older majors at the root).
    dedupe: [
      '@noble/curves', '@noble/hashes', '@scure/base', '@polkadot-api/metadata-builders', '@polkadot-api/substrate-bindings', '@polkadot-api/utils', 'rxjs',
    ],
  },
  build: { target: 'es2022' },
});
