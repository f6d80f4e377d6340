import { Fragment, type ReactNode } from 'react';
import { parseMarkdown, type Block, type Inline } from './markdown';

/**
 * A note rendered from markdown.ts's tree as React elements: every string goes in as a text
 * child (escaped by React), no element takes HTML, and links open outside the app without
 * handing it the opener or a referrer.
 */
export function MarkdownView({ source }: { source: string }) {
  return <div className="markdown">{parseMarkdown(source).map(block)}</div>;
}

function block(b: Block, key: number): ReactNode {
  switch (b.kind) {
    case 'paragraph':
      return <p key={key}>{b.children.map(inline)}</p>;
    case 'code':
      return (
        <pre key={key}>
          <code>{b.text}</code>
        </pre>
      );
    case 'list': {
      const items = b.items.map((item, i) => <li key={i}>{item.map(inline)}</li>);
      return b.ordered ? <ol key={key}>{items}</ol> : <ul key={key}>{items}</ul>;
    }
  }
}

function inline(n: Inline, key: number): ReactNode {
  switch (n.kind) {
    case 'text':
      return <Fragment key={key}>{n.text}</Fragment>;
    case 'code':
      return <code key={key}>{n.text}</code>;
    case 'em':
      return <em key={key}>{n.children.map(inline)}</em>;
    case 'strong':
      return <strong key={key}>{n.children.map(inline)}</strong>;
    case 'link':
      return (
        <a key={key} href={n.href} target="_blank" rel="noopener noreferrer nofollow">
          {n.children.map(inline)}
        </a>
      );
  }
}
