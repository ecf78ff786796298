import { defineConfig } from 'vitest/config';

/**
 * Benchmarks run the model through Node's own `import` (type stripping), not Vite's module runner:
 * the runner turns every imported function into a getter, which would be timed along with the model.
 */
export default defineConfig({
  test: {
    benchmark: { include: ['tests/bench/**/*.bench.ts'] },
    experimental: { viteModuleRunner: false },
  },
});
