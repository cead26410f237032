// The key page: import the key file (opened with its passphrase) and sign in (proof of
// possession), or generate a key here and download its passphrase-sealed file for the secretariat
// to register.
import { session, signIn, signOut } from './api.js';
import { h, submitting, values, field } from './dom.js';
import { both, label, t } from './i18n.js';
import { generateKey, importKeyFile, passphraseLongEnough } from './keys.js';

// A refusal made in the page, shaped like the API's (`submitting` shows it beside its field).
const refusals = {
  'key-file': ['keyFile', 'error_keyFile'],
  passphrase: ['passphrase', 'error_passphrase'],
  'passphrase-required': ['passphrase', 'error_passphraseRequired'],
  'passphrase-short': ['passphrase', 'error_passphraseShort'],
  'passphrase-mismatch': ['passphraseAgain', 'error_passphraseMismatch'],
};

function refusal(code) {
  const [fieldName, word] = refusals[code];
  const error = new Error(code);
  error.body = { code, field: fieldName, message: both(word) };
  return error;
}

export async function keyPage(main, params, render) {
  const parts = [h('h1', { text: t('navKey') })];
  if (session.info) {
    parts.push(h('p', { id: 'signed-in' }, `${t('signedInAs')}: `, h('strong', { text: `${session.info.name} (${label('role', session.info.role)}${session.info.unit ? ', ' + session.info.unit : ''})` })),
      h('button', { id: 'sign-out', onclick: async () => { await signOut(); render(); }, text: t('signOut') }));
    // A v1 key file (the demo's) still signs in, but whoever copies it can sign as this person.
    if (session.key?.unprotected) parts.push(h('p', { id: 'unprotected-warning', class: 'notice', role: 'status', text: t('unprotectedWarning') }));
  }
  const signInForm = h('form', { id: 'sign-in-form', onsubmit: (event) => {
    event.preventDefault();
    submitting(signInForm, async () => {
      const file = signInForm.elements.keyFile.files[0];
      let key;
      try {
        key = await importKeyFile(await file.text(), signInForm.elements.passphrase.value);
      } catch (error) {
        throw refusal(error.message in refusals ? error.message : 'key-file');
      }
      return signIn(key);
    }, render);
  } },
  h('label', { class: 'field' }, h('span', { text: t('keyFile') }), h('input', { type: 'file', name: 'keyFile', 'data-field': 'keyFile', required: true })),
  field(t('passphrase'), 'passphrase', { type: 'password', autocomplete: 'current-password' }),
  h('button', { type: 'submit', text: t('signIn') }));
  const output = h('div', { id: 'generated' });
  const generateForm = h('form', { id: 'generate-form', onsubmit: (event) => {
    event.preventDefault();
    submitting(generateForm, async () => {
      const { name, passphrase, passphraseAgain } = values(generateForm);
      if (!passphraseLongEnough(passphrase)) throw refusal('passphrase-short');
      if (passphrase.normalize('NFC') !== passphraseAgain.normalize('NFC')) throw refusal('passphrase-mismatch');
      const { key, fileText } = await generateKey(name.trim(), passphrase);
      generateForm.elements.passphrase.value = '';
      generateForm.elements.passphraseAgain.value = '';
      const link = h('a', { href: URL.createObjectURL(new Blob([fileText], { type: 'application/json' })), download: `${key.keyId.slice(0, 8)}.key`, text: t('download') });
      output.replaceChildren(h('p', { text: t('giveToSecretariat') }), h('pre', { id: 'new-public-key', text: `${key.publicKey}\nkeyId ${key.keyId}` }), link);
    }, null, t('keyGenerated'));
  } },
  field(t('yourName'), 'name', { required: true }),
  field(t('passphrase'), 'passphrase', { type: 'password', autocomplete: 'new-password', required: true }),
  field(t('passphraseAgain'), 'passphraseAgain', { type: 'password', autocomplete: 'new-password', required: true }),
  h('p', { class: 'muted', text: t('passphraseRule') }),
  h('button', { type: 'submit', text: t('generate') }));
  parts.push(h('h2', { text: t('signIn') }), signInForm, h('h2', { text: t('generate') }), generateForm, output);
  main.replaceChildren(...parts);
}
