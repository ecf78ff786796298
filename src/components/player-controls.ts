/**
 * A player's controls, made in the browser: without JavaScript they would do nothing, so the
 * page carries only their words, once (`data-ui` on its first player, see TracePlayer.astro),
 * and not a copy of the same buttons for every diagram.
 */
/** The words of a row of controls (a player's, or a comparison's that drives two). */
export interface ControlWords {
  /** The controls group's name. */
  label: string;
  restart: string;
  back: string;
  play: string;
  pause: string;
  forward: string;
  end: string;
  speed: string;
}

/**
 * A player's words: its controls', its chapter group's name, the line listing its keys, and
 * its position readouts ("Event {n} of {total}", and the one for the whole diagram).
 */
export interface PlayerWords extends ControlWords {
  chapters: string;
  keys: string;
  position: string;
  overview: string;
}

const CONTROL_WORDS = ['label', 'restart', 'back', 'play', 'pause', 'forward', 'end', 'speed'] as const;
const PLAYER_WORDS = [...CONTROL_WORDS, 'chapters', 'keys', 'position', 'overview'] as const;

/** The words in a `data-ui` attribute's JSON, when it has every one of `keys` as a string. */
function parseWords(json: string | undefined, keys: readonly string[]): Record<string, string> | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const words = parsed as Record<string, unknown>;
  return keys.every((k) => typeof words[k] === 'string') ? (words as Record<string, string>) : null;
}

/** The page's player words (`data-ui` on its first player), or null when any is missing. */
export const pagePlayerWords = (): PlayerWords | null =>
  parseWords(
    document.querySelector<HTMLElement>('scenario-player[data-ui]')?.dataset['ui'],
    PLAYER_WORDS,
  ) as PlayerWords | null;

/** The page's words for a comparison's controls, named `label`, or null when any is missing. */
export function pageControlWords(label: string | undefined): ControlWords | null {
  const words = pagePlayerWords();
  return words && label ? { ...words, label } : null;
}

function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string>,
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) el.setAttribute(name, value);
  el.append(...children);
  return el;
}

const span = (text: string, attrs: Record<string, string> = {}) => element('span', attrs, text);

/**
 * The row of buttons and the speed choice, classed `className`; `position` adds the player's
 * "Event n of N" readout.
 */
export function controlsElement(words: ControlWords, className: string, position: boolean): HTMLDivElement {
  const button = (action: string, ...children: (Node | string)[]) =>
    element('button', { type: 'button', 'data-action': action }, ...children);
  const play = button('play', '▶ ', span(words.play, { class: 'play-label' }));
  play.setAttribute('aria-pressed', 'false');
  const speed = element(
    'select',
    { 'data-action': 'speed' },
    ...['0.5', '1', '2', '4'].map((v) => element('option', { value: v }, `${v}×`)),
  );
  speed.value = '1';
  return element(
    'div',
    { class: className, role: 'group', 'aria-label': words.label },
    button('restart', '↺ ', span(words.restart)),
    button('back', '◀ ', span(words.back)),
    play,
    button('forward', span(words.forward), ' ▶'),
    button('end', span(words.end), ' ⇥'),
    element('label', { class: 'scenario-speed' }, words.speed, speed),
    ...(position ? [element('span', { class: 'scenario-position', 'aria-live': 'polite' })] : []),
  );
}

/** The group the chapter buttons go in. */
export function chaptersElement(words: PlayerWords): HTMLDivElement {
  return element('div', { class: 'scenario-chapters', role: 'group', 'aria-label': words.chapters });
}

/** The line that lists the keys, under the diagram. */
export function keysElement(words: PlayerWords): HTMLParagraphElement {
  return element('p', { class: 'scenario-keys' }, words.keys);
}
