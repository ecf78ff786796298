/**
 * A player's controls, made in the browser: without JavaScript they would do nothing, so the
 * page carries only their words (`data-ui` on the player, from playerWords()) and not eight
 * copies of the same buttons.
 */
export interface PlayerWords {
  /** The controls group's name. */
  label: string;
  restart: string;
  back: string;
  play: string;
  pause: string;
  forward: string;
  end: string;
  speed: string;
  chapters: string;
  keys: string;
}

const WORDS: readonly (keyof PlayerWords)[] = [
  'label',
  'restart',
  'back',
  'play',
  'pause',
  'forward',
  'end',
  'speed',
  'chapters',
  'keys',
];

/** The words from a `data-ui` attribute, or null when any is missing. */
export function readWords(json: string | undefined): PlayerWords | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json ?? '');
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const words = parsed as Record<string, unknown>;
  return WORDS.every((k) => typeof words[k] === 'string') ? (words as unknown as PlayerWords) : null;
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

/** The row of buttons and the speed choice; `position` adds the "Event n of N" readout. */
export function controlsElement(words: PlayerWords, position: boolean): HTMLDivElement {
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
    { class: 'scenario-controls', role: 'group', 'aria-label': words.label },
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
