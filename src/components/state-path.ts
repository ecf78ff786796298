/**
 * The states each host's sockets pass through in one trace, as the panel a player shows beside
 * its sequence diagram: one ordered list per host, an item per state change carrying the frame
 * it is drawn in (the first item, frame -1, is the state before the first change). The player
 * marks the item for the frame on show with aria-current. Pure and string-only, built at build time.
 */
import type { Trace } from '../model/trace.ts';
import { frameGroups, traceItems } from '../render/trace-items.ts';
import { t, type Lang } from '../i18n/index.ts';
import { escapeHtml } from './trace-view.ts';

interface Step {
  frame: number;
  state: string;
  socket: string;
}

/** Each host's state changes in frame order, starting with the state before the first one. */
export function hostStates(trace: Trace): Map<string, Step[]> {
  const items = traceItems(trace);
  const frameOf = new Map<number, number>();
  frameGroups(items).forEach((group, f) => group.forEach((i) => frameOf.set(i, f)));
  const paths = new Map<string, Step[]>();
  items.forEach((item, i) => {
    if (item.kind !== 'event' || item.event.kind !== 'state') return;
    const { host, socket = '', from, to } = item.event;
    let steps = paths.get(host);
    if (!steps) paths.set(host, (steps = [{ frame: -1, state: from, socket }]));
    steps.push({ frame: frameOf.get(i) ?? 0, state: to, socket });
  });
  return paths;
}

/** The panel's markup, or '' when no socket changes state. */
export function statePathHtml(lang: Lang, trace: Trace, id: string): string {
  const paths = hostStates(trace);
  if (paths.size === 0) return '';
  const lists = trace.hosts.flatMap((host) => {
    const steps = paths.get(host);
    if (!steps) return [];
    const sockets = new Set(steps.map((s) => s.socket)).size > 1;
    // With more than one socket (a listener and the connection it accepted), name the socket where it changes.
    const items = steps
      .map((s, i) => {
        const tag = sockets && s.socket !== steps[i - 1]?.socket ? ` <small>${escapeHtml(s.socket)}</small>` : '';
        return `<li data-frame="${s.frame}">${s.state}${tag}</li>`;
      })
      .join('');
    return [`<div><p>${escapeHtml(host)}</p><ol aria-label="${escapeHtml(host)}">${items}</ol></div>`];
  });
  return (
    `<button type="button" class="states-toggle" aria-expanded="false" aria-controls="${id}" hidden>${escapeHtml(t(lang, 'states.show'))}</button>` +
    `<div class="scenario-states" id="${id}" role="group" aria-label="${escapeHtml(t(lang, 'states.title'))}"><p class="states-title">${escapeHtml(t(lang, 'states.title'))}</p>${lists.join('')}</div>`
  );
}
