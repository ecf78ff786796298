import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroIntegration } from 'astro';
import type { SatteriResolvedOptions } from '@astrojs/markdown-satteri';
import { starlightDocsPath } from './content-layout.ts';
import type { PluginEntry, PluginFactory, PluginFactoryContext } from './satteri-types.ts';

/**
 * Tell Starlight's Markdown transforms which language a page under `content/` is in.
 *
 * Starlight's Sätteri plugins (aside titles, heading anchor labels) pick the UI language from
 * the page's path below `src/content/docs/<locale>/`. Our pages live in
 * `content/lessons/<locale>/`, so without this every Chinese page got English UI strings.
 * Each plugin factory added by an integration (Starlight's, Expressive Code's) is called with
 * the path the page would have in Starlight's layout; the page itself is untouched.
 * Factories given to `satteri()` in astro.config.mjs are left alone.
 */
export function starlightContentLocale(processor: { options: SatteriResolvedOptions }): AstroIntegration {
  const own = new Set<PluginEntry>([...processor.options.hastPlugins, ...processor.options.mdastPlugins]);
  return {
    name: 'tcp-reset-lab-starlight-content-locale',
    hooks: {
      'astro:config:done': ({ config }) => {
        const root = fileURLToPath(config.root);
        const wrap = <E extends PluginEntry>(entry: E): E => {
          if (typeof entry !== 'function' || own.has(entry)) return entry;
          const factory: PluginFactory = entry;
          const wrapped = (ctx: PluginFactoryContext) => factory({ ...ctx, fileURL: docsURL(ctx.fileURL, root) });
          return wrapped as unknown as E;
        };
        // In place: the renderer reads these arrays when it is created, after this hook.
        const { hastPlugins, mdastPlugins } = processor.options;
        hastPlugins.splice(0, hastPlugins.length, ...hastPlugins.map(wrap));
        mdastPlugins.splice(0, mdastPlugins.length, ...mdastPlugins.map(wrap));
      },
    },
  };
}

function docsURL(fileURL: URL | undefined, root: string): URL | undefined {
  if (fileURL?.protocol !== 'file:') return fileURL;
  const path = fileURLToPath(fileURL);
  const mapped = starlightDocsPath(path, root);
  return mapped === path ? fileURL : pathToFileURL(mapped);
}
