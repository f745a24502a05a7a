import { readFileSync } from 'node:fs';

const pageDirectory = new URL('./', import.meta.url);

const PAGE_FILES: ReadonlyMap<string, { file: string; contentType: string }> = new Map([
  ['/', { file: 'index.html', contentType: 'text/html; charset=utf-8' }],
  ['/index.html', { file: 'index.html', contentType: 'text/html; charset=utf-8' }],
  ['/sandbox.css', { file: 'sandbox.css', contentType: 'text/css; charset=utf-8' }],
  ['/sandbox.js', { file: 'sandbox.js', contentType: 'text/javascript; charset=utf-8' }],
  ['/block-kit.js', { file: 'block-kit.js', contentType: 'text/javascript; charset=utf-8' }],
]);

/**
 * The sandbox page file for a request path (relative to where the page is mounted, query string allowed),
 * or undefined for any path that is not one of the page's files.
 */
export function sandboxAsset(path: string): { contentType: string; body: Buffer } | undefined {
  const pathname = path.split(/[?#]/, 1)[0] ?? '';
  const asset = PAGE_FILES.get(pathname);
  if (!asset) return undefined;
  // Read on every request so edits to the page show on reload; the page is four small files.
  return { contentType: asset.contentType, body: readFileSync(new URL(asset.file, pageDirectory)) };
}
