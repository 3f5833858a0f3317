import type { Metadata } from 'next';
import Link from 'next/link';
import { ApiProblemView } from '@/components/api-problem';
import { load } from '@/lib/api';
import { formatPublished } from '@/lib/dates';
import { ArticlesIndexQuery } from '@/lib/operations';

export const metadata: Metadata = { title: 'Articles' };

export default async function ArticlesPage() {
  const result = await load(ArticlesIndexQuery);
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const articles = [...result.data.articles].sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.headline.localeCompare(b.headline),
  );
  return (
    <div className="detail">
      <h1>Articles</h1>
      <p className="lede">The news reports the facts were recorded from, oldest first.</p>
      <ul className="index-list">
        {articles.map((a) => (
          <li key={a.id}>
            <Link href={`/articles/${encodeURIComponent(a.id)}`}>{a.headline}</Link>
            <span className="muted">
              {' '}
              {a.publisher}, {formatPublished(a.publishedAt)}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
