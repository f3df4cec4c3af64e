/**
 * What the visitors of a small SaaS product (a file-sharing app, PostHog's "Hedgebox" demo) look like: devices,
 * browsers, countries, where they come from, which pages they read, what they buy. Each person keeps one device for
 * all their visits.
 */

import type { SeededRandom } from './seeded-random.js';
import { type WeightedChoice, weightedChoice } from './weighted-choice.js';

export const SITE_HOST = 'hedgebox.example';
export const SITE_ORIGIN = `https://${SITE_HOST}`;

export type Device = {
  deviceType: 'Desktop' | 'Mobile' | 'Tablet';
  os: string;
  browser: string;
  browserVersion: number;
};

export const DEVICE_TYPES: readonly (readonly [Device['deviceType'], number])[] = [
  ['Desktop', 62],
  ['Mobile', 33],
  ['Tablet', 5],
];
const deviceType = weightedChoice(DEVICE_TYPES);
const osByDevice: Record<Device['deviceType'], WeightedChoice<string>> = {
  Desktop: weightedChoice([
    ['Windows', 52],
    ['Mac OS X', 36],
    ['Linux', 9],
    ['Chrome OS', 3],
  ]),
  Mobile: weightedChoice([
    ['iOS', 54],
    ['Android', 46],
  ]),
  Tablet: weightedChoice([
    ['iOS', 68],
    ['Android', 32],
  ]),
};
const browserByOs: Record<string, WeightedChoice<string>> = {
  Windows: weightedChoice([
    ['Chrome', 68],
    ['Microsoft Edge', 19],
    ['Firefox', 11],
    ['Opera', 2],
  ]),
  'Mac OS X': weightedChoice([
    ['Chrome', 55],
    ['Safari', 35],
    ['Firefox', 8],
    ['Arc', 2],
  ]),
  Linux: weightedChoice([
    ['Chrome', 55],
    ['Firefox', 45],
  ]),
  'Chrome OS': weightedChoice([['Chrome', 1]]),
  iOS: weightedChoice([
    ['Mobile Safari', 80],
    ['Chrome iOS', 20],
  ]),
  Android: weightedChoice([
    ['Chrome', 82],
    ['Samsung Internet', 14],
    ['Firefox', 4],
  ]),
};

export function deviceOf(random: SeededRandom): Device {
  const type = deviceType(random);
  const os = osByDevice[type](random);
  const browser = browserByOs[os]!(random);
  return { deviceType: type, os, browser, browserVersion: 118 + random.below(10) };
}

export const COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 34],
  ['GB', 8],
  ['DE', 7],
  ['IN', 7],
  ['FR', 5],
  ['CA', 5],
  ['BR', 4],
  ['NL', 3],
  ['ES', 3],
  ['AU', 3],
  ['IT', 3],
  ['PL', 2],
  ['SE', 2],
  ['JP', 2],
  ['MX', 2],
  ['CH', 1],
  ['IE', 1],
  ['SG', 1],
  ['NG', 1],
  ['ZA', 1],
];
export const countryCode = weightedChoice(COUNTRIES);

/** `$referring_domain` of a first visit; posthog-js writes `$direct` when there is no referrer. */
export const ACQUISITION_REFERRERS: readonly (readonly [string, number])[] = [
  ['$direct', 34],
  ['www.google.com', 32],
  ['news.ycombinator.com', 6],
  ['www.reddit.com', 5],
  ['github.com', 5],
  ['t.co', 4],
  ['www.linkedin.com', 4],
  ['www.bing.com', 3],
  ['duckduckgo.com', 3],
  ['www.producthunt.com', 2],
  ['www.facebook.com', 2],
];
export const acquisitionReferrer = weightedChoice(ACQUISITION_REFERRERS);

/** Returning visitors mostly type the address or search for the product. */
export const returnReferrer = weightedChoice([
  ['$direct', 62],
  ['www.google.com', 24],
  ['mail.google.com', 6],
  ['t.co', 3],
  ['www.linkedin.com', 3],
  ['duckduckgo.com', 2],
]);

const BLOG_POSTS = [
  'sharing-large-files',
  'why-we-built-hedgebox',
  'end-to-end-encryption',
  'team-folders',
  'version-history',
  'remote-work-tips',
  'hedgebox-vs-email',
  'security-checklist',
];
const DOCS_PAGES = ['getting-started', 'sharing', 'permissions', 'api', 'integrations', 'billing', 'faq'];

const landingPage = weightedChoice<(random: SeededRandom) => string>([
  [() => '/', 46],
  [(random) => `/blog/${random.pick(BLOG_POSTS)}`, 24],
  [() => '/pricing', 12],
  [() => '/features', 10],
  [(random) => `/docs/${random.pick(DOCS_PAGES)}`, 8],
]);
const marketingPage = weightedChoice<(random: SeededRandom) => string>([
  [() => '/', 14],
  [() => '/pricing', 24],
  [() => '/features', 20],
  [() => '/blog', 8],
  [(random) => `/blog/${random.pick(BLOG_POSTS)}`, 16],
  [(random) => `/docs/${random.pick(DOCS_PAGES)}`, 12],
  [() => '/about', 6],
]);
const appPage = weightedChoice<(random: SeededRandom) => string>([
  [() => '/files', 34],
  [(random) => `/files/${10_000 + random.below(90_000)}`, 30],
  [() => '/search', 12],
  [() => '/shared', 10],
  [() => '/account/settings', 8],
  [() => '/account/billing', 6],
]);

export function landingPathOf(random: SeededRandom): string {
  return landingPage(random)(random);
}

export function marketingPathOf(random: SeededRandom): string {
  return marketingPage(random)(random);
}

export function appPathOf(random: SeededRandom): string {
  return appPage(random)(random);
}

export type Plan = { name: 'starter' | 'pro' | 'business'; monthlyPrice: number };

export const PLANS: readonly (readonly [Plan, number])[] = [
  [{ name: 'starter', monthlyPrice: 9 }, 50],
  [{ name: 'pro', monthlyPrice: 29 }, 38],
  [{ name: 'business', monthlyPrice: 99 }, 12],
];
export const paidPlan = weightedChoice(PLANS);

export const signupMethod = weightedChoice([
  ['email', 55],
  ['google', 35],
  ['github', 10],
]);

const FIRST_NAMES = [
  'ada',
  'alan',
  'grace',
  'linus',
  'margaret',
  'ken',
  'barbara',
  'dennis',
  'frances',
  'edsger',
  'radia',
  'tim',
  'sophie',
  'yukihiro',
  'hedy',
  'guido',
  'katherine',
  'john',
  'mary',
  'niklaus',
];
const LAST_NAMES = [
  'lovelace',
  'turing',
  'hopper',
  'torvalds',
  'hamilton',
  'thompson',
  'liskov',
  'ritchie',
  'allen',
  'dijkstra',
  'perlman',
  'berners-lee',
  'wilson',
  'matsumoto',
  'lamarr',
  'rossum',
  'johnson',
  'backus',
  'keller',
  'wirth',
];
const EMAIL_DOMAINS = ['gmail.com', 'outlook.com', 'proton.me', 'acme.example', 'initech.example', 'globex.example'];

export type Identity = { name: string; email: string };

/** `serial` keeps emails distinct within one run. */
export function identityOf(random: SeededRandom, serial: number): Identity {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);
  return {
    name: `${capitalised(first)} ${capitalised(last)}`,
    email: `${first}.${last}.${serial}@${random.pick(EMAIL_DOMAINS)}`,
  };
}
