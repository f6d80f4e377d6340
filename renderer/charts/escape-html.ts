const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for the HTML that ECharts' tooltips render: run names, label-set names and axis names
 * are user input. All five of & < > " ' are escaped, so the text is safe in element content and
 * in attribute values quoted either way.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
