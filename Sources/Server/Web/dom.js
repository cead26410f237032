// Small DOM helpers: elements, tables, forms, and refusals shown next to their field.
import { session } from './api.js';
import { errorText, t } from './i18n.js';

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'text') element.textContent = value;
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** A table inside a wrapper that scrolls sideways on a narrow screen, so the page itself never does. */
export function table(headers, rows, attributes = {}) {
  return h('div', { class: 'table-wrap' }, h('table', attributes, h('thead', {}, h('tr', {}, headers.map((text) => h('th', { text })))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell ?? '')))))));
}

/** A labelled input whose refusals appear beside it (`data-field` names the payload member). */
export function field(label, name, attributes = {}) {
  return h('label', { class: 'field' }, h('span', { text: label }),
    h('input', { name, 'data-field': name, ...attributes }));
}

/** Runs a form's action; shows a refusal next to the field it names, in the current language. */
export async function submitting(form, action, done, okText = t('saved')) {
  for (const old of form.querySelectorAll('.error, .ok')) old.remove();
  const button = form.querySelector('button[type=submit]');
  if (button) button.disabled = true;
  try {
    const result = await action();
    form.append(h('span', { class: 'ok', role: 'status', text: '✓ ' + okText }));
    if (done) await done(result);
  } catch (error) {
    const fieldName = error.body?.field;
    const target = (fieldName && form.querySelector(`[data-field="${fieldName}"]`)) || form.querySelector('[data-field]');
    const message = h('span', { class: 'error', role: 'alert', 'data-code': error.body?.code ?? 'error', text: errorText(error) });
    if (target) (target.closest('label') ?? target).after(message);
    else form.append(message);
  } finally {
    if (button) button.disabled = false;
  }
}

export function values(form) {
  return Object.fromEntries(new FormData(form).entries());
}

export function loading() {
  return h('p', { class: 'muted loading', text: t('loading') });
}

/** Shows an error in place of whatever was still loading: "Đang tải…" never stays beside an error. */
export function showError(main, error) {
  for (const stale of main.querySelectorAll('.loading')) stale.remove();
  main.append(h('p', { class: 'error', role: 'alert', 'data-code': error.body?.code ?? 'error', text: errorText(error) }));
}

/** A date typed as dd/mm/yyyy: a text field, since a date input shows the browser's own format
 * (mm/dd/yyyy in an English browser). Read it with format.js `calendarDate`. */
export function dateField(label, name, attributes = {}) {
  return field(label, name, { inputmode: 'numeric', placeholder: 'dd/mm/yyyy', size: 10, autocomplete: 'off', ...attributes });
}

/** A select of `[value, text]` options, labelled like `field`. */
export function choice(label, name, options, attributes = {}) {
  return h('label', { class: 'field' }, h('span', { text: label }),
    h('select', { name, 'data-field': name, ...attributes }, options.map(([value, text]) => h('option', { value, text }))));
}

/** A multi-line text, labelled like `field`. */
export function area(label, name, attributes = {}) {
  return h('label', { class: 'field wide' }, h('span', { text: label }),
    h('textarea', { name, 'data-field': name, rows: 2, ...attributes }));
}

/** The signed-in person if their role is one of `roles` (then the page shows it is loading);
 * otherwise the page asks them to sign in, and this returns null. */
export function signedIn(main, roles) {
  const info = session.info;
  if (!info || !roles.includes(info.role)) {
    main.replaceChildren(h('p', { class: 'notice', text: t('signInFirst') }), h('a', { href: '#/key', text: t('navKey') }));
    return null;
  }
  main.replaceChildren(loading());
  return info;
}
