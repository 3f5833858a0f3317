/**
 * Whether a header link leads to the page shown ('page'), to the section it belongs to ('true':
 * an actor's page is under Actors), or elsewhere. The storyline at / is a section of its own, so
 * it does not claim every page.
 */
export function currentness(href: string, pathname: string): 'page' | 'true' | undefined {
  if (pathname === href) return 'page';
  if (href !== '/' && pathname.startsWith(`${href}/`)) return 'true';
  return undefined;
}
