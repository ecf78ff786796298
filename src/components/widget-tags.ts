/** The custom elements widgets.ts starts, for the build to know which pages need it. */
export const WIDGET_TAGS = [
  'scenario-player',
  'scenario-compare',
  'exercise-set',
  'state-diagram',
  'cheat-sheet',
] as const;
