// An evidence file with its document's particulars (number, issuer, date: events/CATALOG.md
// "document"), as a group of inputs inside a form; and its upload when the form is sent. Used by
// the explanation, objection and bonus/deduction forms, where evidence is optional.
import { upload } from './api.js';
import { dateField, field, h } from './dom.js';
import { t } from './i18n.js';

/** The inputs; names are prefixed so they never clash with the form's own. */
export function evidenceInputs(required = false) {
  return h('fieldset', { class: 'evidence-inputs' }, h('legend', { text: required ? t('upload') : t('attachEvidence') }),
    h('label', { class: 'field' }, h('span', { text: t('evidence') }),
      h('input', { type: 'file', name: 'evidenceFile', 'data-field': 'evidence', required })),
    field(t('docNumber'), 'evidenceNumber', { size: 12, 'data-field': 'document' }),
    field(t('issuer'), 'evidenceIssuer', { size: 20 }),
    dateField(t('issuedOn'), 'evidenceIssuedOn'));
}

/** The same inputs for the document an act records (the unit's signed report, the council's
 * report, a decision): optional, under its own legend. */
export function documentInputs(legend) {
  const inputs = evidenceInputs();
  inputs.querySelector('legend').textContent = legend;
  inputs.classList.add('document-inputs');
  return inputs;
}

/** The form's evidence as `[{blob, number, issuer, issuedOn}]`: uploaded now, or none if no file was chosen. */
export async function evidenceOf(form) {
  const file = form.elements.evidenceFile?.files[0];
  if (!file) return [];
  return [{
    blob: await upload(file),
    number: form.elements.evidenceNumber.value,
    issuer: form.elements.evidenceIssuer.value,
    issuedOn: form.elements.evidenceIssuedOn.value,
  }];
}

/** An evidence document's particulars for the eye: "12/KH-SNV — Sở Nội vụ — 10/01/2023". */
export function documentLine(document, formatDate) {
  if (!document) return '';
  return [document.number, document.issuer, document.issuedOn ? formatDate(document.issuedOn) : null,
    document.page ? `${t('page')} ${document.page}` : null].filter(Boolean).join(' — ');
}
