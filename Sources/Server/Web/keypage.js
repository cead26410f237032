// The key page: import the key file and sign in (proof of possession), or generate a key here
// and download its file for the secretariat to register.
import { session, signIn, signOut } from './api.js';
import { h, submitting, values, field } from './dom.js';
import { label, t } from './i18n.js';
import { generateKey, importKeyFile } from './keys.js';

export async function keyPage(main, params, render) {
  const parts = [h('h1', { text: t('navKey') })];
  if (session.info) {
    parts.push(h('p', { id: 'signed-in' }, `${t('signedInAs')}: `, h('strong', { text: `${session.info.name} (${label('role', session.info.role)}${session.info.unit ? ', ' + session.info.unit : ''})` })),
      h('button', { id: 'sign-out', onclick: async () => { await signOut(); render(); }, text: t('signOut') }));
  }
  const signInForm = h('form', { id: 'sign-in-form', onsubmit: (event) => {
    event.preventDefault();
    submitting(signInForm, async () => {
      const file = signInForm.elements.keyFile.files[0];
      let key;
      try {
        key = await importKeyFile(await file.text());
      } catch {
        const error = new Error('key-file');
        error.body = { code: 'key-file', field: 'keyFile', message: { vi: 'Tệp khóa không hợp lệ.', en: 'Not a parledger key file.' } };
        throw error;
      }
      return signIn(key);
    }, render);
  } },
  h('label', { class: 'field' }, h('span', { text: t('keyFile') }), h('input', { type: 'file', name: 'keyFile', 'data-field': 'keyFile', required: true })),
  h('button', { type: 'submit', text: t('signIn') }));
  const output = h('div', { id: 'generated' });
  const generateForm = h('form', { id: 'generate-form', onsubmit: async (event) => {
    event.preventDefault();
    const { key, fileText } = await generateKey(values(generateForm).name.trim());
    const link = h('a', { href: URL.createObjectURL(new Blob([fileText], { type: 'application/json' })), download: `${key.keyId.slice(0, 8)}.key`, text: t('download') });
    output.replaceChildren(h('p', { text: t('giveToSecretariat') }), h('pre', { id: 'new-public-key', text: `${key.publicKey}\nkeyId ${key.keyId}` }), link);
  } }, field(t('yourName'), 'name', { required: true }), h('button', { type: 'submit', text: t('generate') }));
  parts.push(h('h2', { text: t('signIn') }), signInForm, h('h2', { text: t('generate') }), generateForm, output);
  main.replaceChildren(...parts);
}
