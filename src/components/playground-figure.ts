/**
 * One playground figure redrawn for a trace: its caption (title and profile), a fresh
 * <scenario-player> cloned from the one the build drew, the diagram and the trace table.
 * The markup is the build's, from the same view function (trace-view.ts).
 */
import type { Trace } from '../model/trace.ts';
import type { SequenceOptions } from '../render/sequence.ts';
import { t, type Lang } from '../i18n/index.ts';
import { traceView } from './trace-view.ts';
import { el } from './dom.ts';

export interface FigureText {
  /** Above the diagram, and the diagram's accessible title. */
  title: string;
  /** After "Profile:" in the caption. */
  profile: string;
}

/** Draws `trace` into `figure` with a copy of `template` (a <scenario-player>), replacing the one it has. */
export function drawFigure(
  figure: HTMLElement,
  template: HTMLElement,
  lang: Lang,
  trace: Trace,
  text: FigureText,
  domId: string,
  options: SequenceOptions = {},
): void {
  const view = traceView(lang, trace, text.title, domId, options);
  el(figure, '.scenario-title', HTMLElement).textContent = text.title;
  el(figure, '.pg-profile-name', HTMLElement).textContent = text.profile;
  const player = template.cloneNode(true) as HTMLElement;
  player.dataset['frames'] = String(view.frames);
  player.dataset['chapters'] = JSON.stringify(view.chapters);
  el(player, '.scenario-bursts', HTMLElement).innerHTML = view.bursts;
  const diagram = el(player, '.scenario-diagram', HTMLElement);
  diagram.innerHTML = view.svg;
  // Named after what it shows: two diagrams side by side need two names.
  diagram.setAttribute('aria-label', `${t(lang, 'scenario.diagram')}: ${text.title}. ${t(lang, 'scenario.keys')}`);
  el(figure, 'scenario-player', HTMLElement).replaceWith(player);
  el(figure, 'tbody', HTMLElement).innerHTML = view.rows;
}
