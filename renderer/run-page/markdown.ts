/**
 * A tiny Markdown reader for run notes (issue 18, item 1): paragraphs, `*emphasis*`,
 * `**strong**`, `` `code` ``, fenced code blocks, `-`/`*`/`1.` lists and `[text](url)` links.
 * It builds a tree of plain values, never HTML: markdown-view.tsx turns the tree into React
 * elements, whose text React escapes, so no raw HTML in a note can reach the page. `<b>` in a
 * note is shown as the four characters it is. A link keeps its URL only for http:, https: and
 * mailto:; any other (javascript:, data:, a relative path) becomes plain text.
 */

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'em' | 'strong'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'code'; text: string }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const SAFE_URL = /^(https?:\/\/|mailto:)[^\s]+$/i;

/** Whether a link's target may become an href: absolute http(s) or mailto, nothing else. */
export function safeHref(url: string): string | null {
  const trimmed = url.trim();
  return SAFE_URL.test(trimmed) ? trimmed : null;
}

const LIST_ITEM = /^\s{0,3}([-*+]|\d{1,9}[.)])\s+(.*)$/;

/** The note as blocks: blank lines separate paragraphs; ``` fences keep their text verbatim. */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  const flush = (): void => {
    if (paragraph.length > 0) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join('\n')) });
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^\s{0,3}```/.test(line)) {
      flush();
      const body: string[] = [];
      // An unclosed fence runs to the end of the note, as CommonMark does.
      for (i++; i < lines.length && !/^\s{0,3}```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      blocks.push({ kind: 'code', text: body.join('\n') });
      continue;
    }
    const item = LIST_ITEM.exec(line);
    if (item) {
      flush();
      const ordered = /\d/.test(item[1]);
      const items: Inline[][] = [parseInline(item[2])];
      while (i + 1 < lines.length) {
        const next = LIST_ITEM.exec(lines[i + 1]);
        if (!next || /\d/.test(next[1]) !== ordered) break;
        items.push(parseInline(next[2]));
        i++;
      }
      blocks.push({ kind: 'list', ordered, items });
      continue;
    }
    if (line.trim() === '') flush();
    else paragraph.push(line);
  }
  flush();
  return blocks;
}

/** Inline spans, left to right; an opener without its closer is plain text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const push = (node: Inline): void => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
    out.push(node);
  };
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    if (rest[0] === '\\' && rest.length > 1 && /[\\`*_[\]()]/.test(rest[1])) {
      plain += rest[1];
      i += 2;
      continue;
    }
    const code = /^`([^`]+)`/.exec(rest);
    if (code) {
      push({ kind: 'code', text: code[1] });
      i += code[0].length;
      continue;
    }
    const strong = /^(\*\*|__)(?=\S)([\s\S]*?\S)\1/.exec(rest);
    if (strong) {
      push({ kind: 'strong', children: parseInline(strong[2]) });
      i += strong[0].length;
      continue;
    }
    const em = /^([*_])(?=[^\s*_])([\s\S]*?[^\s\\])\1/.exec(rest);
    if (em) {
      push({ kind: 'em', children: parseInline(em[2]) });
      i += em[0].length;
      continue;
    }
    const link = /^\[([^\]]+)\]\(([^()\s]*)\)/.exec(rest);
    if (link) {
      const href = safeHref(link[2]);
      if (href) push({ kind: 'link', href, children: parseInline(link[1]) });
      else plain += link[1];
      i += link[0].length;
      continue;
    }
    plain += rest[0];
    i += 1;
  }
  if (plain) out.push({ kind: 'text', text: plain });
  return out;
}
