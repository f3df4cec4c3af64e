/** Short words that stay lower case inside a title (but not as its first word). */
const MINOR_WORDS = new Set([
  'a',
  'an',
  'and',
  'as',
  'at',
  'by',
  'for',
  'from',
  'in',
  'of',
  'on',
  'or',
  'per',
  'the',
  'to',
  'vs',
  'with',
  'after',
]);

/**
 * Title Case for names built from humanised words: capitalises each word's first letter, keeps words that already
 * carry capitals (`GeoIP`, `URL`) and symbols (`→`), and lower-cases minor words after the first.
 */
export function titleCase(text: string): string {
  return text
    .split(' ')
    .filter((word) => word.length > 0)
    .map((word, index) => {
      const lower = word.toLowerCase();
      if (index > 0 && MINOR_WORDS.has(lower)) return lower;
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join(' ');
}

/** Words in a name, not counting symbols such as `→` or `&`. */
export function countWords(text: string): number {
  return text.split(/\s+/).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;
}
