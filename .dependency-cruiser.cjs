/** Layer rules (DESIGN.md "Architecture"): run by `npm run test:deps` inside `npm test`. */
module.exports = {
  forbidden: [
    {
      name: 'model-is-pure',
      comment: 'src/model imports nothing of ours outside src/model, and no UI or Node API.',
      severity: 'error',
      from: { path: '^src/model/' },
      to: {
        pathNot: ['^src/model/', '^node_modules/xstate/'],
      },
    },
    {
      name: 'render-is-pure',
      comment: 'src/render draws from the model only: no DOM framework, no Node API, no exercises.',
      severity: 'error',
      from: { path: '^src/render/' },
      to: { pathNot: ['^src/render/', '^src/model/'] },
    },
    {
      name: 'explain-reads-the-model',
      comment:
        'src/explain (capture reading, tracking, hypotheses) imports the model and the renderers only: no UI, no Node API, no CLI.',
      severity: 'error',
      from: { path: '^src/explain/' },
      to: { pathNot: ['^src/explain/', '^src/model/', '^src/render/', '^src/i18n/', '^node_modules/xstate/'] },
    },
    {
      name: 'no-ui-below-components',
      comment: 'Only components and pages may import Astro or UI code.',
      severity: 'error',
      from: { path: '^src/(model|render|scenario|exercises|check|explain|cli)/' },
      to: { path: ['^src/(components|pages|layouts)/', 'astro', '\\.astro$'] },
    },
    {
      name: 'resolvable',
      comment:
        "Every import resolves: one that does not (a mistyped @components/ alias) would pass the layer rules unseen. Astro's virtual modules and Astro packages the resolver cannot follow are exempt.",
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: ['^astro(:|/|$)', '^@astrojs/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^|/)_' },
  },
};
