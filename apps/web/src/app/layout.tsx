import type { Metadata, Viewport } from 'next';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { LiveUpdates } from '@/components/live-updates';
import { SiteNav } from '@/components/site-nav';
import { webEnv } from '@/env';
import { load } from '@/lib/api';
import { LogHeadQuery } from '@/lib/operations';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Dateline', template: '%s · Dateline' },
  description:
    'How European diplomacy over Ukraine unfolded in February 2025, fact by fact, with sources, corrections and the log behind them.',
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

/**
 * The header's links navigate client-side but do not prefetch. Every page here is rendered per
 * request and has no loading.js, so viewport prefetching fetched little more than each route's
 * tree: eight requests (two per page linked) and their processing on every page view, while the
 * browser was still busy with the page it had asked for.
 */
const NAV = [
  { href: '/', label: 'Storyline' },
  { href: '/actors', label: 'Actors' },
  { href: '/articles', label: 'Articles' },
  { href: '/graph', label: 'Network' },
  { href: '/log', label: 'Log' },
] as const;

export default async function RootLayout({ children }: { children: ReactNode }) {
  const head = await load(LogHeadQuery);
  return (
    <html lang="en-GB">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header__inner">
            <p className="masthead">
              <Link href="/" className="masthead__link" prefetch={false}>
                Dateline
              </Link>
              <span className="masthead__tag">Europe &amp; Ukraine, February 2025</span>
            </p>
            <nav aria-label="Main">
              <SiteNav items={NAV} />
            </nav>
          </div>
        </header>
        <main id="main" className="site-main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <div className="site-footer__inner">
            <p>
              Every fact on these pages is an event in an append-only, hash-chained log.{' '}
              {head.ok ? (
                <>
                  Log head: position <strong>{head.data.logHead.position}</strong>
                  {head.data.logHead.hash ? (
                    <>
                      , hash <code className="hash">{head.data.logHead.hash.slice(0, 16)}…</code>
                    </>
                  ) : null}
                  .
                </>
              ) : (
                'The log head is unknown while the API is not answering.'
              )}
            </p>
            <p className="downloads">
              Download the story:{' '}
              <a href="/export/timelinejs" download>
                TimelineJS
              </a>{' '}
              ·{' '}
              <a href="/export/csv" download>
                CSV
              </a>{' '}
              ·{' '}
              <a href="/export/ics" download>
                calendar of what is planned (.ics)
              </a>{' '}
              ·{' '}
              <a href="/export/ndjson" download>
                the raw log (NDJSON, verifiable)
              </a>
            </p>
            <LiveUpdates
              initialPosition={head.ok ? head.data.logHead.position : null}
              intervalMs={webEnv().DATELINE_LIVE_POLL_MS}
            />
          </div>
        </footer>
      </body>
    </html>
  );
}
