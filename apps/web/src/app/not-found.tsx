import type { Metadata } from 'next';
import Link from 'next/link';

export const metadata: Metadata = { title: 'Not in the record' };

export default function NotFound() {
  return (
    <section className="problem" aria-labelledby="problem-title">
      <h1 id="problem-title">Not in the record</h1>
      <p>Nothing in Dateline’s log has this address. It may have been mistyped.</p>
      <p>
        <Link href="/">Back to the storyline</Link>
      </p>
    </section>
  );
}
