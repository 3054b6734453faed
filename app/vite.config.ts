import { defineConfig } from 'vite';

// A static bundle in dist/, loadable from any path (relative asset URLs).
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    target: 'es2022',
    // @polkadot/api is most of the bundle, in one chunk by design (the app needs it to show anything).
    chunkSizeWarningLimit: 2048,
    rollupOptions: {
      onwarn(warning, warn) {
        // @polkadot/x-global's `/*#__PURE__*/` sits where Rollup cannot use it; harmless.
        if (warning.code === 'INVALID_ANNOTATION' && warning.id?.includes('/node_modules/')) return;
        warn(warning);
      },
    },
  },
});
