'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { currentness } from '@/lib/nav';

export interface NavItem {
  href: string;
  label: string;
}

/**
 * The header's links, marked for assistive technology and styled by aria-current. A client
 * component because the layout holding it is not rendered again when a link navigates.
 */
export function SiteNav({ items }: { items: readonly NavItem[] }) {
  const pathname = usePathname();
  return (
    <ul className="site-nav">
      {items.map((item) => (
        <li key={item.href}>
          <Link href={item.href} prefetch={false} aria-current={currentness(item.href, pathname)}>
            {item.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}
