import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiProblemView } from '@/components/api-problem';
import { FactCard } from '@/components/fact-card';
import {
  DetailTimeTravelBanner,
  IgnoredNote,
  NotInRecordYet,
} from '@/components/time-travel-notes';
import { formatPublished } from '@/lib/dates';
import { parseStoryQuery, type SearchParams, toAsOf, travelQuery } from '@/lib/filters';
import { loadAt } from '@/lib/load-at';
import { ArticlePageQuery } from '@/lib/operations';
import { inParagraphOrder } from '@/lib/paragraphs';

type Params = Promise<{ id: string }>;

export async function generateMetadata({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}): Promise<Metadata> {
  const { id } = await params;
  const { query, result } = await loadAt(ArticlePageQuery, id, parseStoryQuery(await searchParams));
  if (result.ok && result.data.article) return { title: result.data.article.headline };
  return { title: result.ok && toAsOf(query) ? 'Not in the record yet' : 'Article' };
}

export default async function ArticlePage({
  params,
  searchParams,
}: {
  params: Params;
  searchParams: Promise<SearchParams>;
}) {
  const { id } = await params;
  const { query, result } = await loadAt(ArticlePageQuery, id, parseStoryQuery(await searchParams));
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const asOf = toAsOf(query);
  const article = result.data.article;
  if (!article && !asOf) notFound();
  const today = `/articles/${encodeURIComponent(id)}`;
  const travel = asOf ? travelQuery(query) : undefined;
  const banner = asOf ? (
    <DetailTimeTravelBanner what="this article’s facts" query={query} today={today} />
  ) : null;
  if (!article)
    return (
      <NotInRecordYet
        query={query}
        banner={banner}
        today={today}
        why="At that point the log held no such article; it was recorded later."
      />
    );
  const entries = inParagraphOrder(article.id, article.facts);
  const safeUrl = article.url && /^https?:\/\//i.test(article.url) ? article.url : undefined;

  return (
    <div className="detail">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/articles">Articles</Link> <span aria-hidden="true">›</span> Article
      </nav>
      <IgnoredNote query={query} />
      {banner}
      <header className="detail__header">
        <h1>{article.headline}</h1>
        <p className="detail__sub">
          {article.publisher}, published {formatPublished(article.publishedAt)}
        </p>
        {safeUrl ? (
          <p>
            <a href={safeUrl} rel="noopener noreferrer nofollow">
              Read the original at {new URL(safeUrl).hostname}
            </a>
          </p>
        ) : null}
      </header>
      <section aria-labelledby="article-facts-title">
        <h2 id="article-facts-title">
          Facts from this article, in paragraph order ({entries.length})
        </h2>
        {entries.length ? (
          <ol className="paragraph-list">
            {entries.map(({ fact, paragraph, excerpt }) => (
              <li key={fact.id} className="paragraph-list__item">
                <p className="paragraph-list__excerpt">
                  <span className="paragraph-list__mark">Paragraph {paragraph}</span>{' '}
                  <q>{excerpt}</q>
                </p>
                <FactCard fact={fact} level={3} paragraph={paragraph} travel={travel} />
              </li>
            ))}
          </ol>
        ) : (
          <p>
            {asOf
              ? 'No fact had been recorded from this article at that point.'
              : 'No fact has been recorded from this article yet.'}
          </p>
        )}
      </section>
    </div>
  );
}
