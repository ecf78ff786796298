/** One answer key per assignment (grader-keys.ts), fetched by the instructor page's grader. */
import type { APIRoute, GetStaticPaths } from 'astro';
import type { AnswerKey } from '../../assign/key.ts';
import { graderKeys } from '../../components/grader-keys.ts';

export const getStaticPaths: GetStaticPaths = () =>
  graderKeys().map((key) => ({ params: { id: key.assignment.id }, props: { key } }));

export const GET: APIRoute = ({ props }) => {
  const { key } = props as { key: AnswerKey };
  return new Response(JSON.stringify(key), { headers: { 'Content-Type': 'application/json' } });
};
