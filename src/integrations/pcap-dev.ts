/**
 * `astro dev` only: serve /pcap/ID.pcap and /pcap/ID.rfc9293.pcap. The build writes them through
 * src/pages/pcap/[file].ts, but with trailingSlash 'always' the dev server answers dynamic file
 * endpoints with 404 (withastro/astro#17001), so the download links would fail locally.
 */
import type { ServerResponse } from 'node:http';
import type { AstroIntegration } from 'astro';
import type * as Scenarios from '../components/scenarios.ts';
import type * as Pcap from '../render/pcap.ts';

const PCAP = /\/pcap\/([a-z0-9]+(?:-[a-z0-9]+)*?)(\.rfc9293)?\.pcap\/?(?:\?.*)?$/;

type ViteDevServer = Parameters<NonNullable<AstroIntegration['hooks']['astro:server:setup']>>[0]['server'];

async function servePcap(server: ViteDevServer, id: string, rfc9293: boolean, res: ServerResponse): Promise<void> {
  try {
    // ssrLoadModule returns an untyped record; these are the modules' own export types.
    const scenarios = (await server.ssrLoadModule('/src/components/scenarios.ts')) as typeof Scenarios;
    const pcap = (await server.ssrLoadModule('/src/render/pcap.ts')) as typeof Pcap;
    const bytes = pcap.tracePcap(scenarios.traceOf(id, rfc9293 ? 'rfc9293' : 'linux'));
    res.setHeader('Content-Type', 'application/vnd.tcpdump.pcap');
    res.end(bytes);
  } catch (error) {
    res.statusCode = 404;
    res.end(error instanceof Error ? error.message : String(error));
  }
}

export function pcapDevServer(): AstroIntegration {
  return {
    name: 'tcp-reset-lab:pcap-dev',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const match = PCAP.exec(req.url ?? '');
          const id = match?.[1];
          if (match === null || id === undefined) {
            next();
            return;
          }
          // servePcap answers every failure itself, so the promise never rejects.
          void servePcap(server, id, match[2] !== undefined, res);
        });
      },
    },
  };
}
