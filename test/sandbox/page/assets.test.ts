import { describe, expect, test } from 'vitest';
import { sandboxAsset } from '../../../src/sandbox/page/assets.js';

describe('sandboxAsset', () => {
  test('the root path serves the page as HTML', () => {
    const asset = sandboxAsset('/');
    expect(asset?.contentType).toBe('text/html; charset=utf-8');
    expect(asset?.body.toString('utf8')).toContain('<script type="module" src="./sandbox.js">');
  });

  test('the stylesheet and both scripts are served with their content types, query strings ignored', () => {
    expect(sandboxAsset('/sandbox.css')?.contentType).toBe('text/css; charset=utf-8');
    expect(sandboxAsset('/sandbox.js?v=2')?.contentType).toBe('text/javascript; charset=utf-8');
    expect(sandboxAsset('/block-kit.js')?.body.toString('utf8')).toContain('export function renderBlocks');
  });

  test('any other path is not served, including the TypeScript sources and path traversal', () => {
    for (const path of [
      '/assets.ts',
      '/block-kit.d.ts',
      '/../../package.json',
      '/%2e%2e/package.json',
      'sandbox.js',
    ]) {
      expect(sandboxAsset(path)).toBeUndefined();
    }
  });
});
