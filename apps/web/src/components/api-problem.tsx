import Link from 'next/link';
import type { ApiProblem } from '@/lib/api';

/** What a page shows instead of its content when the API is down or refuses the request. */
export function ApiProblemView({ problem }: { problem: ApiProblem }) {
  if (problem.kind === 'unavailable') {
    return (
      <section className="problem" aria-labelledby="problem-title">
        <h1 id="problem-title">The Dateline API is not answering</h1>
        <p>
          This page is built from the Dateline API, and the API could not be reached just now (
          {problem.detail}). Nothing is wrong with the page you asked for.
        </p>
        <p>
          Try again in a moment. If you run Dateline yourself, check that the API is started and
          that <code>DATELINE_API_URL</code> points at it.
        </p>
        <p>
          <Link href="/">Back to the storyline</Link>
        </p>
      </section>
    );
  }
  return (
    <section className="problem" aria-labelledby="problem-title">
      <h1 id="problem-title">The API refused this request</h1>
      <p>{problem.detail}</p>
      <p>
        <Link href="/">Back to the storyline</Link>
      </p>
    </section>
  );
}
