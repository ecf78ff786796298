// ESLint flat config: typescript-eslint's type-checked strict rules for TypeScript, eslint-plugin-astro for .astro.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/', '.astro/', 'node_modules/', 'test-results/', 'playwright-report/', 'public/', '.scratch/'] },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname, extraFileExtensions: ['.astro'] },
    },
  },
  {
    rules: {
      // Numbers read naturally in messages ("line 9", "0.5 ms"); everything else must be a string.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // `(w) => drop(w, 'x')` is plain enough; a `return f()` of a void call is still flagged.
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  astro.configs.recommended,
  {
    // astro-eslint-parser has no projectService; it reads the tsconfig the classic way.
    files: ['**/*.astro'],
    languageOptions: { parserOptions: { projectService: false, project: true } },
    rules: {
      // Astro types a template's JSX as `any` (it serves several JSX runtimes), so every
      // `items.map((x) => <li>…</li>)` would be flagged; see ota-meshi/eslint-plugin-astro#168.
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    ...tseslint.configs.disableTypeChecked,
  },
);
