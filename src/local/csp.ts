import { createHash } from 'node:crypto';

/** The `'sha256-…'` source of each inline element `tag` of the page, as a browser hashes it. */
function inlineHashes(page: string, tag: 'script' | 'style'): string[] {
  const inline = new RegExp(`<${tag}(?:\\s[^>]*)?>([\\s\\S]*?)</${tag}>`, 'g');
  return [...page.matchAll(inline)].map(
    (m) => `'sha256-${createHash('sha256').update(m[1]!, 'utf8').digest('base64')}'`,
  );
}

/**
 * The Content-Security-Policy of the local chat page. Its script and style are inline (one file, no build), so
 * they are allowed by their hashes, computed from the page itself: no `'unsafe-inline'`, and an edit of the page
 * never needs the policy edited. It talks to this server only; flex images may come from https.
 */
export function chatPagePolicy(page: string): Record<string, string[]> {
  return {
    defaultSrc: ["'none'"],
    scriptSrc: inlineHashes(page, 'script'),
    styleSrc: ["'self'", ...inlineHashes(page, 'style')],
    fontSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'https:'],
    connectSrc: ["'self'"],
    formAction: ["'self'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
  };
}
