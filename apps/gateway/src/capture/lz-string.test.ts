import { describe, expect, it } from 'vitest';
import { decompressLzStringBase64 } from './lz-string.js';

// Made with lz-string 1.5.0's compressToBase64.
const VECTORS: [string, string][] = [
  [
    '{"event":"$pageview","distinct_id":"user-1","properties":{"token":"phc_test","$current_url":"https://example.com/"}}',
    'N4IgpgbmB2AuIC4QBIAOBDA5pAlmA7iADQgAmOAzrDtAMawD6OpiIArhWAE4C0AjMRCouAe1TdqYColCwRAaxitUAC1oNYU+CWS02XLjEb6ANqxWxYqCggD0tsAA90AW1QmwAOloiXtkAC+AUA==',
  ],
  [
    '[{"event":"a","distinct_id":"d","properties":{"token":"phc_x","emoji":"héllo 🦔"}}]',
    'NobwRApgbhB2AuYBcYCGYA0YAmBLAzvLrAMbwD6u2yOmYADgE4D29EjRE+y48zA1nBr0AFiXIAPOhAC2zAFa4aIgJcAbNcwAEgPg3AKbtgAvoYC6QA==',
  ],
];
const HUNDRED_THOUSAND_AS =
  'II18ZXTt/DFOS1b0c17Pd/wYUcSaWeRZVdTbXfQ408y62+x519z73/wMFDhI0WPETJU6TNlz5CxUuUrVa9Rs1btO3Xv0HDR4ydNnzFy1es3bd+w8dPnL12/cfPX7z99//AYFBwSGhYeERkVHRMbFx8QmJSckpqWnpGZlZ2Tm5efkFhUXFJaVl5RWVVdU1tXX1DY1NzS2tbe0dnV3dPb19/QODQ8Mjo2PjE5NT0zOzc/MLi0vLK6tr6xubW9s7u3v7B4dHxyenZ+cXl1fXN7d39w+PT88vr2/vH59f3z+/f/8AwFA4Eg0Fg8EQyFQ6Ew2Fw+EIxFI5Eo1Fo9EYzFY7E43F4/EEwlE4kk0lk8kUylU6k02l0+kMxlM5ks1ls9kczlc7k83l8/kCwVC4Ui0Vi8USyVS6Uy2Vy+UKxVK5Uq1Vq9UazVa7U63V6/UGw1G40m01m80Wy1W602212+0Ox1O50u11u90ez1e70+31+/0BwNB4Mh0Nh8MRyNR6Mx2Nx+MJxNJ5Mp1Np9MZzNZ7M53N5/MFwtF4sl0tl8sVytV6s12t1+sNxtN5st1tt9sdztd7s93t9/sDwVAA===';

describe('decompressLzStringBase64', () => {
  it.each(VECTORS)('decompresses what lz-string compressed: %s', (text, compressed) => {
    expect(decompressLzStringBase64(compressed, 10_000)).toEqual({ ok: true, text });
  });

  it('decompresses long repetitive input', () => {
    expect(decompressLzStringBase64(HUNDRED_THOUSAND_AS, 100_000)).toEqual({ ok: true, text: 'A'.repeat(100_000) });
  });

  it('stops as soon as the output passes the cap', () => {
    expect(decompressLzStringBase64(HUNDRED_THOUSAND_AS, 99_999)).toEqual({ ok: false, reason: 'too_large' });
  });

  it.each([
    ['empty input', ''],
    ['characters outside the alphabet', 'N4Igpg*bmB2'],
    ['input cut before its end marker', VECTORS[0]![1].slice(0, 40)],
  ])('refuses %s', (_case, input) => {
    expect(decompressLzStringBase64(input, 10_000)).toEqual({ ok: false, reason: 'invalid' });
  });
});
