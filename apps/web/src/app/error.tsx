'use client';

import Link from 'next/link';

/** Anything a page did not expect; API outages are handled on the page itself with more detail. */
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section className="problem" aria-labelledby="problem-title">
      <h1 id="problem-title">This page could not be shown</h1>
      <p>
        Something went wrong while building it{error.digest ? ` (reference ${error.digest})` : ''}.
      </p>
      <p className="problem__actions">
        <button type="button" onClick={reset}>
          Try again
        </button>{' '}
        <Link href="/">Back to the storyline</Link>
      </p>
    </section>
  );
}
