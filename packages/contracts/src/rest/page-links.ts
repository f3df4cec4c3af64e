/**
 * PostHog's `format_query_params_absolute_url` (spec §6): in the absolute request URL, replace the digits of
 * `?page=`/`&page=` or append `page=N`, then the same for `limit`.
 */
export function withQueryParam(url: string, name: string, value: number): string {
  const pattern = new RegExp(`([?&])${name}=\\d*`);
  if (pattern.test(url)) return url.replace(pattern, `$1${name}=${value}`);
  return `${url}${url.includes('?') ? '&' : '?'}${name}=${value}`;
}

/** `next`/`previous` of a page-numbered list; present only when that page exists. */
export function pageNumberLinks(url: string, options: { page: number; limit: number; total: number }) {
  const link = (page: number) => withQueryParam(withQueryParam(url, 'page', page), 'limit', options.limit);
  return {
    next: options.page * options.limit < options.total ? link(options.page + 1) : null,
    previous: options.page > 1 ? link(options.page - 1) : null,
  };
}
