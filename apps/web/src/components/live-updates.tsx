'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, useTransition } from 'react';

interface Props {
  /** The log position the server rendered; null when it could not be read. */
  initialPosition: number | null;
  intervalMs: number;
}

/**
 * Polls the log head and re-renders the server components when new events were appended, then
 * marks what changed. Without JavaScript the page is simply as fresh as its last load.
 */
export function LiveUpdates({ initialPosition, intervalMs }: Props) {
  const router = useRouter();
  const seen = useRef<number | null>(initialPosition);
  const freshAfter = useRef<number | null>(null);
  const [message, setMessage] = useState('');
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      if (document.visibilityState === 'visible') {
        try {
          const response = await fetch('/api/head', { cache: 'no-store' });
          if (response.ok) {
            const head = (await response.json()) as { position: number };
            const before = seen.current;
            if (before === null) seen.current = head.position;
            else if (head.position > before) {
              seen.current = head.position;
              freshAfter.current = before;
              const count = head.position - before;
              setMessage(
                `${count} new ${count === 1 ? 'event' : 'events'} recorded (log position ${head.position}). The page has been updated.`,
              );
              startTransition(() => router.refresh());
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

  // The notice fades once read; the highlighted cards stay marked until the next load.
  useEffect(() => {
    if (!message) return;
    const timer = setTimeout(() => setMessage(''), 10_000);
    return () => clearTimeout(timer);
  }, [message]);

  useEffect(() => {
    const after = freshAfter.current;
    if (pending || after === null) return;
    for (const element of document.querySelectorAll<HTMLElement>('[data-position]')) {
      if (Number(element.dataset.position) > after) element.classList.add('is-fresh');
    }
  }, [pending]);

  return (
    <p className="live-status" role="status" aria-live="polite">
      {message}
    </p>
  );
}
