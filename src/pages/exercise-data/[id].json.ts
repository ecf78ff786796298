/** One data file per exercise, fetched by the widget only after the learner answers (exercise-data.ts). */
import type { APIRoute, GetStaticPaths } from 'astro';
import { allExercises } from '../../components/exercises.ts';
import { exerciseData } from '../../components/exercise-data.ts';

export const getStaticPaths: GetStaticPaths = () =>
  [...allExercises().exercises.values()].map((exercise) => ({ params: { id: exercise.id }, props: { exercise } }));

export const GET: APIRoute = ({ props }) => {
  const { exercise } = props as { exercise: Parameters<typeof exerciseData>[0] };
  return new Response(JSON.stringify(exerciseData(exercise)), {
    headers: { 'Content-Type': 'application/json' },
  });
};
