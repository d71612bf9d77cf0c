import MarkdownIt from 'markdown-it';

/**
 * Runbook prose is untrusted text (a user directory may hold anyone's file). markdown-it with
 * `html: false` turns raw HTML into text, and its validateLink drops javascript:, vbscript:,
 * file: and most data: links. We only parse here: components/runbooks/Markdown.tsx turns the
 * token stream into React elements from a fixed allowlist, so no HTML string ever reaches the DOM.
 */
const parser = new MarkdownIt('default', { html: false, linkify: false, typographer: false });

export type MarkdownToken = ReturnType<typeof parser.parse>[number];

export function parseMarkdown(text: string): MarkdownToken[] {
  return parser.parse(text, {});
}

/** Only absolute web and mail links leave as links; anything else (relative, in-app, other schemes) is shown as text. */
export function isExternalLink(href: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(href.trim());
}
