// The single page: a header with the pages and the language switch, and the page the hash names.
import { appraiserPage } from './appraiser.js';
import { h, showError } from './dom.js';
import { label, lang, setLang, t } from './i18n.js';
import { keyPage } from './keypage.js';
import { officerPage } from './officer.js';
import { standingsPage, unitPage, verifyPage } from './public.js';
import { secretariatPage } from './secretariat.js';
import { session } from './api.js';
import { surveyPage } from './survey.js';

const pages = [
  ['#/', 'navPublic'], ['#/officer', 'navOfficer'], ['#/appraiser', 'navAppraiser'],
  ['#/secretariat', 'navSecretariat'], ['#/survey', 'navSurvey'], ['#/verify', 'navVerify'], ['#/key', 'navKey'],
];

function header(path) {
  return h('header', {},
    h('strong', { class: 'brand', text: t('title') }),
    h('nav', {}, pages.map(([href, key]) => h('a', { href, class: path === href.slice(1) ? 'current' : '', text: t(key) }))),
    h('span', { class: 'who', id: 'who', text: session.info ? `${session.info.name} (${label('role', session.info.role)})` : '' }),
    h('button', { id: 'lang', onclick: () => { setLang(lang === 'vi' ? 'en' : 'vi'); render(); }, text: t('switchLang') }));
}

export async function render() {
  const [path, query] = (location.hash.slice(1) || '/').split('?');
  const params = new URLSearchParams(query ?? '');
  document.title = t('title');
  document.documentElement.lang = lang;
  const main = h('main', { id: 'page' });
  document.body.replaceChildren(header(path), main);
  try {
    if (path.startsWith('/unit/')) await unitPage(main, params, decodeURIComponent(path.slice(6)));
    else if (path === '/officer') await officerPage(main, params, render);
    else if (path === '/appraiser') await appraiserPage(main, params, render);
    else if (path === '/secretariat') await secretariatPage(main, params, render);
    else if (path === '/survey') await surveyPage(main, params, render);
    else if (path === '/verify') await verifyPage(main);
    else if (path === '/key') await keyPage(main, params, render);
    else await standingsPage(main, params);
  } catch (error) {
    showError(main, error);
  }
  document.body.dataset.ready = String(Date.now());
}

window.addEventListener('hashchange', render);
render();
