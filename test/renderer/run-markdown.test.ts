/**
 * The run note's Markdown (renderer/run-page/markdown.ts and markdown-view.tsx): what it
 * renders, and that hostile notes cannot put HTML, scripts or script URLs on the page. The
 * markup is React's own server rendering of the view, the same elements the page mounts.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { parseInline, parseMarkdown, safeHref } from '../../renderer/run-page/markdown';
import { MarkdownView } from '../../renderer/run-page/markdown-view';

const html = (source: string): string => renderToStaticMarkup(createElement(MarkdownView, { source }));
const LINK_ATTRS = 'target="_blank" rel="noopener noreferrer nofollow"';

describe('what a note renders', () => {
  it('paragraphs split by blank lines; a single line break stays inside the paragraph', () => {
    expect(html('one\ntwo\n\nthree')).toBe('<div class="markdown"><p>one\ntwo</p><p>three</p></div>');
  });

  it('emphasis, strong, code and links, nested where Markdown nests them', () => {
    expect(html('*a* **b _c_** `d*e*` [f **g**](https://example.org/x?y=1&z=2)')).toBe(
      `<div class="markdown"><p><em>a</em> <strong>b <em>c</em></strong> <code>d*e*</code> <a href="https://example.org/x?y=1&amp;z=2" ${LINK_ATTRS}>f <strong>g</strong></a></p></div>`,
    );
  });

  it('bulleted and numbered lists, and fenced code kept verbatim', () => {
    expect(html('- a\n* b\n\n1. c\n2) d\n\n```\n*not* <em>\n```')).toBe(
      '<div class="markdown"><ul><li>a</li><li>b</li></ul><ol><li>c</li><li>d</li></ol><pre><code>*not* &lt;em&gt;</code></pre></div>',
    );
  });

  it('unclosed markers and escapes stay as the characters typed', () => {
    expect(parseInline('2 * 3 = 6, a_b, `open, \\*lit\\*')).toEqual([{ kind: 'text', text: '2 * 3 = 6, a_b, `open, *lit*' }]);
    expect(parseMarkdown('')).toEqual([]);
  });
});

describe('a hostile note', () => {
  it('shows HTML as text: no element of it reaches the markup', () => {
    const out = html('<script>alert(1)</script> <img src=x onerror="alert(2)"> <b>bold</b>');
    expect(out).toBe('<div class="markdown"><p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=&quot;alert(2)&quot;&gt; &lt;b&gt;bold&lt;/b&gt;</p></div>');
    expect(out).not.toMatch(/<(script|img|b)\b/);
  });

  it('keeps a link only for http, https and mailto; javascript:, data: and relative targets become text', () => {
    for (const url of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'vbscript:x', '/relative', '#/runs', '//evil.example']) {
      const out = html(`[click](${url})`);
      expect(out, url).not.toContain('href');
      expect(safeHref(url), url).toBeNull();
    }
    expect(html('[mail](mailto:ada@example.org)')).toContain('href="mailto:ada@example.org"');
  });

  it('escapes quotes inside a kept URL and inside text, so no attribute can be closed early', () => {
    const out = html('[x](https://e.org/"onmouseover="alert(1)) "quoted" \'single\'');
    expect(out).not.toMatch(/onmouseover="/);
    expect(out).toContain('&quot;quoted&quot;');
  });

  it('renders long runs of unmatched markers as the text they are', () => {
    const source = `${'*'.repeat(500)}x${'['.repeat(200)}${'`'.repeat(300)}`;
    const text = parseMarkdown(source).flatMap((b) => (b.kind === 'paragraph' ? b.children : []));
    // However the markers pair up, every character typed is still on the page, none dropped.
    const flat = (nodes: ReturnType<typeof parseInline>): string => nodes.map((n) => ('children' in n ? flat(n.children) : n.text)).join('');
    expect(flat(text).replace(/[*`]/g, '')).toBe(`x${'['.repeat(200)}`);
  });
});
