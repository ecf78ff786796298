import type { HastPluginDefinition } from './satteri-types.ts';

/** The kernel the lessons cite (article/behaviour.md: "Linux source functions are from 6.12"). */
export const LINUX_VERSION = 'v6.12';

/**
 * Kernel functions the lessons name, in inline code: each links to its definition in Elixir.
 * Sysctls (`tcp_retries2`, `tcp_abort_on_overflow`, …) are settings, not functions, and stay text.
 */
export const KERNEL_FUNCTIONS: ReadonlySet<string> = new Set([
  '__tcp_close',
  'inet_csk_listen_stop',
  'tcp_check_req',
  'tcp_conn_request',
  'tcp_disconnect',
  'tcp_keepalive_timer',
  'tcp_rcv_state_process',
  'tcp_rcv_synsent_state_process',
  'tcp_reset',
  'tcp_send_active_reset',
  'tcp_send_fin',
  'tcp_shutdown',
  'tcp_timewait_state_process',
  'tcp_v4_rcv',
  'tcp_v4_send_reset',
  'tcp_validate_incoming',
  'tcp_write_err',
  'tcp_write_timeout',
]);

/** Where a section of an RFC is published: rfc-editor.org, with the section's anchor. */
export function rfcUrl(rfc: string, section?: string): string {
  return `https://www.rfc-editor.org/rfc/rfc${rfc}.html${section ? `#section-${section}` : ''}`;
}

/** Where a kernel function is defined: Elixir's identifier search for the cited version. */
export function kernelUrl(name: string): string {
  return `https://elixir.bootlin.com/linux/${LINUX_VERSION}/A/ident/${name}`;
}

export interface TextPart {
  text: string;
  href?: string;
}

const CITATION = /RFC\s+(\d{3,5})(?:\s+§\s*(\d+(?:\.\d+)*))?|§\s*(\d+(?:\.\d+)*)/g;

/**
 * Split text into plain parts and citations. "RFC 9293 §3.10.7.1" links to that section,
 * "RFC 1337" to the RFC; a bare "§3.5.2" belongs to the last RFC named before it in the same
 * block (`context`, then this text), and to RFC 9293 when none was: the course's convention.
 */
export function citationParts(text: string, context = ''): TextPart[] {
  let current = [...context.matchAll(/RFC\s+(\d{3,5})/g)].at(-1)?.[1] ?? '9293';
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(CITATION)) {
    const [whole, rfc, section, bare] = match;
    const at = match.index;
    if (at > last) parts.push({ text: text.slice(last, at) });
    if (rfc !== undefined) current = rfc;
    parts.push({ text: whole, href: rfc !== undefined ? rfcUrl(rfc, section) : rfcUrl(current, bare) });
    last = at + whole.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts;
}

type Node = Parameters<NonNullable<HastPluginDefinition['text']>>[0];
type Ctx = Parameters<NonNullable<HastPluginDefinition['text']>>[1];
type AnyNode = Parameters<Ctx['textContent']>[0];

const BLOCKS = new Set(['p', 'li', 'td', 'th', 'dd', 'dt', 'blockquote', 'figcaption', 'aside']);
const NO_LINKS = new Set(['a', 'code', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

const tagOf = (node: unknown): string | undefined =>
  typeof node === 'object' && node !== null && 'tagName' in node && typeof node.tagName === 'string'
    ? node.tagName
    : typeof node === 'object' && node !== null && 'name' in node && typeof node.name === 'string'
      ? node.name
      : undefined;

/** The ancestors of a node, nearest first. */
function ancestors(node: AnyNode, ctx: Ctx): AnyNode[] {
  const chain: AnyNode[] = [];
  for (let at = ctx.parent(node); at !== undefined; at = ctx.parent(at)) chain.push(at);
  return chain;
}

/** The text of the node's block that comes before it, for a bare § to find its RFC. */
function textBefore(node: AnyNode, ctx: Ctx): string {
  let before = '';
  let child = node;
  for (const parent of ancestors(node, ctx)) {
    const index = ctx.indexOf(child) ?? 0;
    const siblings = 'children' in parent ? (parent.children as AnyNode[]) : [];
    before = siblings
      .slice(0, index)
      .map((sibling) => ctx.textContent(sibling))
      .join('')
      .concat(before);
    if (BLOCKS.has(tagOf(parent) ?? '')) break;
    child = parent;
  }
  return before;
}

const link = (href: string, text: string) => ({
  type: 'element' as const,
  tagName: 'a',
  properties: { href, className: ['citation'] },
  children: [{ type: 'text' as const, value: text }],
});

/**
 * Markdown (Sätteri hast) plugin: RFC citations link to their section on rfc-editor.org, and
 * kernel functions in inline code to their source on elixir.bootlin.com, so that every claim
 * can be checked where it comes from. Text already in a link, code or a heading is left alone.
 */
export function citationLinks(): HastPluginDefinition {
  return {
    name: 'tcp-reset-lab-citation-links',
    text(node: Node, ctx: Ctx) {
      if (!/RFC\s+\d|§\s*\d/.test(node.value)) return;
      if (ancestors(node, ctx).some((a) => NO_LINKS.has(tagOf(a) ?? ''))) return;
      const parts = citationParts(node.value, textBefore(node, ctx));
      if (!parts.some((p) => p.href)) return;
      ctx.replaceNode(
        node,
        parts.map((p) => (p.href ? link(p.href, p.text) : { type: 'text' as const, value: p.text })),
      );
    },
    element: {
      filter: ['code'],
      visit(node, ctx) {
        const name = ctx.textContent(node);
        if (!KERNEL_FUNCTIONS.has(name)) return;
        if (ancestors(node, ctx).some((a) => NO_LINKS.has(tagOf(a) ?? ''))) return;
        ctx.wrapNode(node, {
          type: 'element',
          tagName: 'a',
          properties: { href: kernelUrl(name), className: ['citation'] },
          children: [],
        });
      },
    },
  };
}
