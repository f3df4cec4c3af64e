/** DRF LimitOffsetPagination links: the request URL with `limit` and `offset` set; `offset` dropped on the first page. */
export function limitOffsetLinks(url: URL, options: { limit: number; offset: number; count: number }) {
  const link = (offset: number) => {
    const next = new URL(url);
    next.searchParams.set('limit', String(options.limit));
    if (offset > 0) next.searchParams.set('offset', String(offset));
    else next.searchParams.delete('offset');
    return next.toString();
  };
  const { limit, offset, count } = options;
  return {
    next: offset + limit < count ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
  };
}
