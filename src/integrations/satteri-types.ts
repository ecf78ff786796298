import type { SatteriResolvedOptions } from '@astrojs/markdown-satteri';

/** Types of Sätteri's plugin API, taken from the processor options Astro exposes. */
export type PluginEntry =
  SatteriResolvedOptions['hastPlugins'][number] | SatteriResolvedOptions['mdastPlugins'][number];

type HastEntry = SatteriResolvedOptions['hastPlugins'][number];

/** A plugin factory: called once per document, before it is parsed. */
export type PluginFactory = Extract<PluginEntry, (...args: never[]) => unknown>;

/** What a factory is told about the document (`fileURL`, `sourceFormat`, …). */
export type PluginFactoryContext = Parameters<PluginFactory>[0];

/** A hast plugin: a name and visitors (functions have a `name` too, hence the Exclude). */
export type HastPluginDefinition = Exclude<Extract<HastEntry, { name: string }>, (...args: never[]) => unknown>;
