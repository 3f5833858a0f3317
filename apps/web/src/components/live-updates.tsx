'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';

interface Props {
  /** The log position the server rendered; null when it could not be read. */
  initialPosition: number | null;
  intervalMs: number;
}

interface Notice {
  text: string;
  /** In a past view: the same page in the present, offered instead of an update. */
  present?: string;
}

/**
 * The address parameters that put a page at an earlier moment (see lib/filters), and the page
 * cursor, which belongs to the past view's list.
 */
const MOMENT_PARAMETERS = ['at', 'atTime', 'reportedBy', 'after'];

/** Whether the page shows an earlier moment: its time-travel banner says so (data-time-travel). */
function showsPast(): boolean {
  return document.querySelector('[data-time-travel]') !== null;
}

/** This page without its moment: the present, with its other parameters (filters) kept. */
function presentHref(): string {
  const url = new URL(window.location.href);
  for (const name of MOMENT_PARAMETERS) url.searchParams.delete(name);
  return `${url.pathname}${url.search}`;
}

/**
 * Polls the log head and re-renders the server components when new events were appended, then
 * marks what changed. Without JavaScript the page is simply as fresh as its last load.
 *
 * A past view (`?at=`, `?atTime=`, `?reportedBy=`) shows a moment that new events do not change:
 * it is left as it is, and the notice says the story has moved on since, with a link to the
 * present. That notice stays until the page changes, as a link that faded could not be followed.
 */
export function LiveUpdates({ initialPosition, intervalMs }: Props) {
  const router = useRouter();
  const seen = useRef<number | null>(initialPosition);
  const freshAfter = useRef<number | null>(null);
  // In a past view: the log head when the first events after it arrived.
  const movedFrom = useRef<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      if (document.visibilityState === 'visible') {
        if (!showsPast()) movedFrom.current = null;
        // A past view left for the present (or another moment's page) drops or redirects the notice.
        setNotice((current) => {
          if (!current?.present) return current;
          if (!showsPast()) return null;
          const present = presentHref();
          return present === current.present ? current : { ...current, present };
        });
        try {
          const response = await fetch('/api/head', { cache: 'no-store' });
          if (response.ok) {
            const head = (await response.json()) as { position: number };
            const before = seen.current;
            if (before === null) seen.current = head.position;
            else if (head.position > before) {
              seen.current = head.position;
              if (showsPast()) {
                movedFrom.current ??= before;
                const count = head.position - movedFrom.current;
                setNotice({
                  text: `${count} new ${count === 1 ? 'event' : 'events'} recorded (log position ${head.position}): the story has moved on since the moment shown, which stays as it was.`,
                  present: presentHref(),
                });
              } else {
                freshAfter.current = before;
                const count = head.position - before;
                setNotice({
                  text: `${count} new ${count === 1 ? 'event' : 'events'} recorded (log position ${head.position}). The page has been updated.`,
                });
                startTransition(() => router.refresh());
              }
            }
          }
        } catch {
          // The next poll tries again; a failed poll changes nothing on the page.
        }
      }
      if (!stopped) timer = setTimeout(poll, intervalMs);
    }
    timer = setTimeout(poll, intervalMs);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [intervalMs, router]);

  // The notice of an update fades once read; the highlighted cards stay marked until the next load.
  useEffect(() => {
    if (!notice || notice.present) return;
    const timer = setTimeout(() => setNotice(null), 10_000);
    return () => clearTimeout(timer);
  }, [notice]);

  useEffect(() => {
    const after = freshAfter.current;
    if (pending || after === null) return;
    for (const element of document.querySelectorAll<HTMLElement>('[data-position]')) {
      if (Number(element.dataset.position) > after) element.classList.add('is-fresh');
    }
  }, [pending]);

  return (
    <p className="live-status" role="status" aria-live="polite">
      {notice?.text}
      {notice?.present ? (
        <>
          {' '}
          <a href={notice.present}>See the story now</a>
        </>
      ) : null}
    </p>
  );
}
