const regions = new Intl.DisplayNames(['en-GB'], { type: 'region' });

/** "GB" → "United Kingdom", "EU" → "European Union"; unknown codes stay as they are. */
export function countryName(code: string): string {
  try {
    return regions.of(code) ?? code;
  } catch {
    return code;
  }
}
