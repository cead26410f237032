// Documents to download (GET /api/reports/{kind}): the results, a unit's scorecard, the
// differences, the disputes register, the survey and the minutes, each as a printable page, PDF,
// Excel and CSV. A link works for anyone; signed in, the click fetches the document with the
// session (reads are gated by role) and saves it, since a plain link carries no token.
import { session } from './api.js';
import { h } from './dom.js';
import { errorText, lang, t } from './i18n.js';

const formats = ['pdf', 'xlsx', 'html', 'csv'];
/** Which documents are tables, and so come as CSV too: the minutes are a document only. */
const csvKinds = new Set(['results', 'scorecard', 'differences', 'disputes', 'survey']);

export function reportPath(kind, format, { unit, asOf } = {}) {
  const query = new URLSearchParams({ format });
  if (unit) query.set('unit', unit);
  if (asOf) query.set('asOf', asOf);
  query.set('lang', lang);
  return `/api/reports/${kind}?${query}`;
}

async function save(event, path, name) {
  if (!session.token) return; // the plain link does it
  event.preventDefault();
  const link = event.currentTarget;
  link.parentElement.querySelector('.error')?.remove();
  try {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + session.token } });
    if (!response.ok) {
      let body = null;
      try {
        body = await response.json();
      } catch {}
      throw Object.assign(new Error(String(response.status)), { body: body ?? { message: { vi: t('downloadFailed'), en: t('downloadFailed') } } });
    }
    const url = URL.createObjectURL(await response.blob());
    const anchor = h('a', { href: url, download: name });
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (error) {
    link.after(h('span', { class: 'error', role: 'alert', text: errorText(error) }));
  }
}

/** One line per document kind: its name and a link per format. */
export function downloads(kinds, options = {}) {
  return h('section', { class: 'downloads', id: 'downloads' }, h('h2', { text: t('downloads') }),
    h('ul', {}, kinds.map((kind) => h('li', { 'data-report': kind }, h('span', { text: `${t('report_' + kind)}: ` }),
      formats.filter((format) => format !== 'csv' || csvKinds.has(kind)).map((format) => {
        const path = reportPath(kind, format, options);
        const name = `${kind}${options.unit ? '-' + options.unit : ''}.${format}`;
        return h('a', { href: path, download: name, class: 'report-link', 'data-format': format,
          onclick: (event) => save(event, path, name), text: t('format_' + format) });
      })))));
}
