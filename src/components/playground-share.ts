/**
 * The playground's sharing and export: the link that carries the scenario in its fragment
 * (copied, or left selected in the field when the clipboard refuses), and the trace as a
 * .pcap saved from a same-origin blob.
 */
import type { Trace } from '../model/trace.ts';
import { tracePcap } from '../render/pcap.ts';
import { t, type Lang } from '../i18n/index.ts';
import { encodeShared, type Shared } from './playground-link.ts';
import { el } from './dom.ts';

/** Puts `shared` in the page's address and the link field, and tries the clipboard. */
export async function copyLink(root: HTMLElement, lang: Lang, shared: Shared): Promise<void> {
  const url = new URL(location.href);
  url.hash = encodeShared(shared);
  // The address bar shows the link too; replaceState adds no history entry and fires no hashchange.
  history.replaceState(history.state, '', url);
  const field = el(root, '#pg-link', HTMLInputElement);
  field.value = url.href;
  const status = el(root, '.pg-share-status', HTMLElement);
  try {
    await navigator.clipboard.writeText(url.href);
    status.textContent = t(lang, 'playground.copied');
  } catch {
    // No clipboard permission (or no clipboard API): the link is in the field, selected.
    field.select();
    status.textContent = t(lang, 'playground.copy.manual');
  }
}

/** Saves the trace as `<id>[.<profile>].pcap` and says so in the share status. */
export function downloadPcap(root: HTMLElement, lang: Lang, trace: Trace, id: string): void {
  const file = `${id}${trace.profile === 'linux' ? '' : `.${trace.profile}`}.pcap`;
  const blob = new Blob([new Uint8Array(tracePcap(trace))], { type: 'application/vnd.tcpdump.pcap' });
  const href = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href, download: file, hidden: true });
  root.append(link);
  link.click();
  link.remove();
  // Revoke later: revoking at once can cancel the download in some browsers.
  window.setTimeout(() => URL.revokeObjectURL(href), 60_000);
  el(root, '.pg-share-status', HTMLElement).textContent = t(lang, 'playground.pcap.saved', { file });
}
