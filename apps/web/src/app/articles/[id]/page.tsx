import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { ApiProblemView } from '@/components/api-problem';
import { FactCard } from '@/components/fact-card';
import { load } from '@/lib/api';
import { formatPublished } from '@/lib/dates';
import { ArticlePageQuery } from '@/lib/operations';
import { inParagraphOrder } from '@/lib/paragraphs';

type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { id } = await params;
  const result = await load(ArticlePageQuery, { id });
  return { title: result.ok && result.data.article ? result.data.article.headline : 'Article' };
}

export default async function ArticlePage({ params }: { params: Params }) {
  const { id } = await params;
  const result = await load(ArticlePageQuery, { id });
  if (!result.ok) return <ApiProblemView problem={result.problem} />;
  const article = result.data.article;
  if (!article) notFound();
  const entries = inParagraphOrder(article.id, article.facts);
  const safeUrl = article.url && /^https?:\/\//i.test(article.url) ? article.url : undefined;

  return (
    <div className="detail">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/articles">Articles</Link> <span aria-hidden="true">›</span> Article
      </nav>
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
                <FactCard fact={fact} level={3} paragraph={paragraph} />
              </li>
            ))}
          </ol>
        ) : (
          <p>No fact has been recorded from this article yet.</p>
        )}
      </section>
    </div>
  );
}
