/**
 * Frontmatter our pages add to Starlight's (src/content.config.ts extends `docsSchema` with it),
 * kept outside the content config so tests read lessons through the same schema as the build.
 */
import { z } from 'zod';

/** What a lesson is when it is not an ordinary one: `cheat-sheet`, the page that sums the course up. */
export const LESSON_KINDS = ['cheat-sheet'] as const;

export const lessonFrontmatter = z.object({
  lessonKind: z.enum(LESSON_KINDS).optional(),
});
