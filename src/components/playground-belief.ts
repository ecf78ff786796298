/**
 * The playground's "Compare with a belief": the scenario run as someone holding a
 * misconception expects (model/beliefs.ts) drawn beside what TCP does, with the belief's name,
 * its "as if …" and "in fact …" lines (the words <Compare belief> uses), and each segment only
 * one side has marked ◆. When the belief changes nothing here, one line says so and only
 * TCP's diagram is drawn.
 */
import type { BeliefId } from '../model/beliefs.ts';
import type { Trace, TraceSegment } from '../model/trace.ts';
import { segmentSignature, traceDiff } from '../render/trace-items.ts';
import { beliefText, joinSentences, t, type Lang } from '../i18n/index.ts';
import type { Believed } from './playground-run.ts';
import { drawFigure } from './playground-figure.ts';
import { firstItems } from './trace-view.ts';
import { el } from './dom.ts';

/** What TCP's own figure needs from the comparison. */
export interface BeliefOutcome {
  /** For the status region: what the comparison shows ('' without a belief). */
  sentence: string;
  /** TCP's figure's caption beside a belief's ("What TCP does"); null: the scenario's title. */
  caption: string | null;
  /** TCP's segments the belief's run lacks. */
  marked: ((seg: TraceSegment) => boolean) | null;
}

const NONE: BeliefOutcome = { sentence: '', caption: null, marked: null };

export class BeliefComparison {
  private readonly results: HTMLElement;
  private readonly head: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly fact: HTMLElement;
  /** A copy of TCP's figure as the build drew it, for the belief's figure. */
  private readonly figureTemplate: HTMLElement;
  private readonly lang: Lang;
  /** A clean <scenario-player>, as the build drew it. */
  private readonly playerTemplate: HTMLElement;

  constructor(root: HTMLElement, lang: Lang, playerTemplate: HTMLElement) {
    this.lang = lang;
    this.playerTemplate = playerTemplate;
    this.results = el(root, '.pg-results', HTMLElement);
    this.head = el(root, '.pg-belief-head', HTMLElement);
    this.panel = el(root, '.pg-belief-panel', HTMLElement);
    this.fact = el(root, '.pg-belief-fact', HTMLElement);
    this.figureTemplate = el(root, '.pg-figure', HTMLElement).cloneNode(true) as HTMLElement;
    this.figureTemplate.classList.replace('pg-figure', 'pg-belief-figure');
  }

  /** Shows `belief`'s run (`believed`) beside TCP's `trace`, or hides the comparison when there is none. */
  show(belief: BeliefId | null, trace: Trace, believed: Believed | null): BeliefOutcome {
    const shown = belief !== null && believed !== null;
    this.head.hidden = !shown;
    this.fact.hidden = !shown;
    this.panel.hidden = true;
    this.results.classList.remove('is-compared');
    if (!shown) return NONE;
    const words = beliefText(belief, this.lang);
    el(this.head, '.pg-belief-name strong', HTMLElement).textContent = t(this.lang, 'compare.belief', {
      name: words.name,
    });
    const asIf = t(this.lang, 'compare.belief.if', { asIf: words.asIf });
    const legend = el(this.head, '.pg-belief-legend', HTMLElement);
    // A belief is an overlay on the linux profile: beside another profile, say where differences may come from.
    const note = trace.profile === 'linux' ? [] : [t(this.lang, 'playground.belief.profile')];
    this.fact.textContent = joinSentences(this.lang, [words.fact, ...note]);
    if ('error' in believed) {
      legend.textContent = t(this.lang, 'playground.belief.error', { name: words.name, message: believed.error });
      return { ...NONE, sentence: legend.textContent };
    }
    const { onlyA, onlyB } = traceDiff(believed.trace, trace);
    if (onlyA.length === 0 && onlyB.length === 0) {
      const same = t(this.lang, 'playground.belief.same');
      legend.textContent = joinSentences(this.lang, [asIf, same]);
      return { ...NONE, sentence: same };
    }
    legend.textContent = t(this.lang, 'compare.marked');
    el(this.panel, '.pg-belief-if', HTMLElement).textContent = asIf;
    this.panel.hidden = false;
    this.results.classList.add('is-compared');
    const figure =
      this.panel.querySelector<HTMLElement>('.pg-belief-figure') ??
      this.panel.appendChild(this.figureTemplate.cloneNode(true) as HTMLElement);
    figure.classList.remove('is-stale');
    const title = t(this.lang, 'playground.belief.expect', { name: words.name });
    const onlyBelief = new Set(onlyA);
    const onlyTcp = new Set(onlyB);
    drawFigure(
      figure,
      this.playerTemplate,
      this.lang,
      firstItems(believed.trace).trace,
      { title, profile: t(this.lang, 'scenario.profile.belief', { name: words.name }) },
      'pg-seq-belief',
      { marked: (seg) => onlyBelief.has(segmentSignature(seg)) },
    );
    return {
      sentence: t(this.lang, 'playground.belief.differs', { name: words.name }),
      caption: t(this.lang, 'compare.belief.tcp'),
      marked: (seg) => onlyTcp.has(segmentSignature(seg)),
    };
  }
}
