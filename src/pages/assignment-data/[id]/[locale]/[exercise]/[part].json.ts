/**
 * /assignment-data/<assignment>/<locale>/<exercise>/<k>.json: pool entry k's questions, and
 * <k>-feedback.json its answers and feedback (assignment-data.ts). The page picks k with the
 * grader's hash, so the variant a learner answers is the one `npm run grade` grades.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { allAssignments } from '../../../../../components/assignment-registry.ts';
import { variantFeedback, variantQuestions } from '../../../../../components/assignment-data.ts';
import { locales, type Locale } from '../../../../../integrations/content-layout.ts';

export const getStaticPaths = (() =>
  allAssignments().flatMap(({ assignment, pools }) =>
    (Object.keys(locales) as Locale[]).flatMap((locale) =>
      [...pools].flatMap(([exercise, pool]) =>
        pool.flatMap((variant, k) => {
          const lang = locales[locale].lang;
          const params = { id: assignment.id, locale, exercise };
          return [
            {
              params: { ...params, part: String(k) },
              props: { body: () => variantQuestions(variant, k, lang, assignment.mode === 'practice') },
            },
            { params: { ...params, part: `${k}-feedback` }, props: { body: () => variantFeedback(variant, k, lang) } },
          ];
        }),
      ),
    ),
  )) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { body } = props as { body: () => unknown };
  return new Response(JSON.stringify(body()), { headers: { 'Content-Type': 'application/json' } });
};
