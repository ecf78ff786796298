/** Capture files for every scenario, written at build time by the same writer as the CLI. */
import type { APIRoute, GetStaticPaths } from 'astro';
import { tracePcap } from '../../render/pcap.ts';
import { allScenarios, traceOf } from '../../components/scenarios.ts';

export const getStaticPaths: GetStaticPaths = () =>
  [...allScenarios().keys()].flatMap((id) => [
    { params: { file: `${id}.pcap` }, props: { id, profile: 'linux' as const } },
    { params: { file: `${id}.rfc9293.pcap` }, props: { id, profile: 'rfc9293' as const } },
  ]);

export const GET: APIRoute = ({ props }) => {
  const { id, profile } = props as { id: string; profile: 'linux' | 'rfc9293' };
  const bytes = tracePcap(traceOf(id, profile));
  return new Response(bytes.slice().buffer, {
    headers: { 'Content-Type': 'application/vnd.tcpdump.pcap' },
  });
};
