/**
 * `astro dev` only: serve /pcap/ID.pcap and /pcap/ID.rfc9293.pcap. The build writes them through
 * src/pages/pcap/[file].ts, but with trailingSlash 'always' the dev server answers dynamic file
 * endpoints with 404 (withastro/astro#17001), so the download links would fail locally.
 */
import type { AstroIntegration } from 'astro';

const PCAP = /\/pcap\/([a-z0-9]+(?:-[a-z0-9]+)*?)(\.rfc9293)?\.pcap\/?(?:\?.*)?$/;

export function pcapDevServer(): AstroIntegration {
  return {
    name: 'tcp-reset-lab:pcap-dev',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(async (req, res, next) => {
          const match = PCAP.exec(req.url ?? '');
          if (!match) return next();
          try {
            const scenarios = await server.ssrLoadModule('/src/components/scenarios.ts');
            const pcap = await server.ssrLoadModule('/src/render/pcap.ts');
            const bytes: Uint8Array = pcap['tracePcap'](scenarios['traceOf'](match[1], match[2] ? 'rfc9293' : 'linux'));
            res.setHeader('Content-Type', 'application/vnd.tcpdump.pcap');
            res.end(bytes);
          } catch (error) {
            res.statusCode = 404;
            res.end(error instanceof Error ? error.message : String(error));
          }
        });
      },
    },
  };
}
