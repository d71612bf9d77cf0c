/** @jsxRuntime automatic */
import { createElement, type ReactNode } from 'react';
import { isExternalLink, parseMarkdown, type MarkdownToken } from '../../runbooks/markdown';

/**
 * Markdown → React elements, never an HTML string: markdown-it tokenizes (raw HTML stays text,
 * dangerous link schemes are refused), and this walker creates only the elements below, with no
 * attribute but a checked href, a list start and a cell alignment class. Tokens of any other
 * kind render as their text. This needs no sanitizer (no dangerouslySetInnerHTML anywhere), so
 * there is no DOMPurify configuration to get wrong.
 */
const BLOCK_TAGS = new Set(['p', 'ul', 'ol', 'li', 'blockquote', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'strong', 'em', 's']);

/** Page and step titles are h2/h3: prose headings sit below them. */
function headingTag(tag: string): string {
  const level = Number(tag.slice(1));
  return `h${Math.min(6, Math.max(4, level + 2))}`;
}

function attr(token: MarkdownToken, name: string): string | null {
  const value = token.attrGet(name);
  return value === null ? null : String(value);
}

function element(open: MarkdownToken, children: ReactNode[], key: string): ReactNode {
  const tag = open.tag;
  if (/^h[1-6]$/.test(tag)) return createElement(headingTag(tag), { key, className: 'md-heading' }, children);
  if (tag === 'a') {
    const href = attr(open, 'href') ?? '';
    // Relative and in-app links would navigate this page: they stay text.
    if (!isExternalLink(href)) return <span key={key} className="md-link-text">{children}</span>;
    return (
      <a key={key} href={href} target="_blank" rel="noreferrer noopener" title={href}>
        {children}
      </a>
    );
  }
  if (tag === 'ol') {
    const start = Number(attr(open, 'start') ?? '1');
    return <ol key={key} start={Number.isFinite(start) ? start : 1}>{children}</ol>;
  }
  if (tag === 'th' || tag === 'td') {
    const align = /text-align:(left|right|center)/.exec(attr(open, 'style') ?? '')?.[1];
    return createElement(tag, { key, className: align ? `md-align-${align}` : undefined }, children);
  }
  if (BLOCK_TAGS.has(tag)) return createElement(tag, { key }, children);
  return <span key={key}>{children}</span>;
}

function leaf(token: MarkdownToken, key: string): ReactNode {
  switch (token.type) {
    case 'text':
      return token.content;
    case 'code_inline':
      return <code key={key}>{token.content}</code>;
    case 'softbreak':
      return '\n';
    case 'hardbreak':
      return <br key={key} />;
    case 'hr':
      return <hr key={key} />;
    case 'fence':
    case 'code_block':
      return (
        <pre key={key} className="md-code">
          <code>{token.content}</code>
        </pre>
      );
    case 'image':
      // No remote images (privacy, CSP): the alt text stands in.
      return <span key={key} className="md-image">[image: {token.content || attr(token, 'src')}]</span>;
    default:
      return token.content || null;
  }
}

function renderTokens(tokens: MarkdownToken[], prefix = ''): ReactNode[] {
  const root: ReactNode[] = [];
  const stack: Array<{ open: MarkdownToken; children: ReactNode[] }> = [];
  const current = () => (stack.length > 0 ? stack[stack.length - 1].children : root);
  tokens.forEach((token, index) => {
    const key = `${prefix}${index}`;
    if (token.nesting === 1) stack.push({ open: token, children: [] });
    else if (token.nesting === -1) {
      const frame = stack.pop();
      if (!frame) return;
      // Tight lists hide their paragraphs: the text goes straight into the list item.
      if (frame.open.hidden) current().push(...frame.children);
      else current().push(element(frame.open, frame.children, key));
    } else if (token.type === 'inline') current().push(...renderTokens(token.children ?? [], `${key}.`));
    else current().push(leaf(token, key));
  });
  return root;
}

/** Runbook prose (intro, step text) rendered safely; empty text renders nothing. */
export function Markdown({ text, className }: { text: string; className?: string }) {
  if (!text.trim()) return null;
  return <div className={className ? `markdown ${className}` : 'markdown'}>{renderTokens(parseMarkdown(text))}</div>;
}
