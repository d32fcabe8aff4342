/**
 * Whether a URL is a path on this server: it starts with one `/`. `//host/…` and `/\host/…` also start with `/`,
 * but a browser reads both as another site, so neither passes.
 */
export function isOwnPath(url: unknown): url is string {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') && !url.startsWith('/\\');
}
