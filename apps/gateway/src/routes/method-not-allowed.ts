import type { AppRoute, AppRouter } from '@ts-rest/core';

function isRoute(value: AppRoute | AppRouter): value is AppRoute {
  return typeof (value as AppRoute).method === 'string' && typeof (value as AppRoute).path === 'string';
}

function routesOf(router: AppRouter): AppRoute[] {
  return Object.values(router).flatMap((entry) => (isRoute(entry) ? [entry] : routesOf(entry as AppRouter)));
}

/** Paths the contract serves (`:param` segments match any one segment; trailing slash optional). */
export function knownPathMatcher(contract: AppRouter): (path: string) => boolean {
  const patterns = routesOf(contract).map(
    (route) => new RegExp(`^${route.path.replace(/\/$/, '').replace(/:[A-Za-z_]+/g, '[^/]+')}/?$`),
  );
  return (path) => patterns.some((pattern) => pattern.test(path));
}
