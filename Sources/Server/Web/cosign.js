// A unit witnesses the ledger (events/FORMAT.md §12): the officer's key cosigns the latest
// checkpoint in this browser (a C2SP cosignature/v1 line over the note's text), and the server
// keeps it once it verifies and the ledger extends what this key cosigned before; a later
// rollback or rewritten history then shows against the unit's own signature.
import { call, session } from './api.js';
import { parseNote } from './checkpoints.js';
import { h, submitting } from './dom.js';
import { number } from './format.js';
import { t } from './i18n.js';
import { base64, sign } from './keys.js';

const encoder = new TextEncoder();

/** The note with this key's cosignature line added. */
export async function cosigned(note, key, time = Math.floor(Date.now() / 1000)) {
  const parsed = parseNote(note);
  if (!parsed) throw new Error('checkpoint-format');
  const signature = await sign(key, encoder.encode(`cosignature/v1\ntime ${time}\n${parsed.text}`));
  const stamp = new Uint8Array(8);
  new DataView(stamp.buffer).setBigUint64(0, BigInt(time));
  const publicBytes = base64.decode(key.publicKey.slice('ed25519:'.length));
  const hashed = new Uint8Array([...encoder.encode(key.keyId), 0x0a, 0x04, ...publicBytes]);
  const keyHash = new Uint8Array(await crypto.subtle.digest('SHA-256', hashed)).slice(0, 4);
  const line = `— ${key.keyId} ${base64.encode(new Uint8Array([...keyHash, ...stamp, ...signature]))}\n`;
  return (note.endsWith('\n') ? note : note + '\n') + line;
}

/** The section of a signed-in page that cosigns the latest checkpoint. */
export function cosignSection() {
  const form = h('form', { id: 'cosign-form', onsubmit: (event) => {
    event.preventDefault();
    submitting(form, async () => {
      const note = await call('/api/checkpoint/note', { text: true });
      const kept = await call('/api/checkpoint/cosignatures', { method: 'POST', json: { note: await cosigned(note, session.key) } });
      form.querySelector('.cosigned')?.remove();
      form.append(h('p', { class: 'cosigned', text: `${t('cosignedSize')} ${number(kept.size)} ${t('entries')}` }));
    }, null, t('cosignedOk'));
  } },
  h('p', { class: 'muted', text: t('cosignExplain') }), h('button', { type: 'submit', text: t('cosign') }));
  return h('section', { class: 'cosign' }, h('h2', { text: t('cosignTitle') }), form);
}
