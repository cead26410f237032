// The person's Ed25519 key, in this tab only: imported from their parledger key file or generated
// here (then downloaded as a key file and registered by the secretariat). WebCrypto signs; the
// private key never leaves the browser.

const PKCS8_PREFIX = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20];

export const base64 = {
  encode(bytes) {
    let text = '';
    for (const byte of bytes) text += String.fromCharCode(byte);
    return btoa(text);
  },
  decode(text) {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  },
};

export function hex(bytes) {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

async function keyId(publicBytes) {
  return hex(new Uint8Array(await crypto.subtle.digest('SHA-256', publicBytes)));
}

function base64url(text) {
  return base64.decode(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
}

async function fromSeed(seed, name) {
  const der = new Uint8Array(PKCS8_PREFIX.length + 32);
  der.set(PKCS8_PREFIX);
  der.set(seed, PKCS8_PREFIX.length);
  const privateKey = await crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, true, ['sign']);
  const jwk = await crypto.subtle.exportKey('jwk', privateKey);
  const publicBytes = base64url(jwk.x);
  return { name, privateKey, publicKey: 'ed25519:' + base64.encode(publicBytes), keyId: await keyId(publicBytes) };
}

/** A key from the text of a `parledger key new` file; refuses a damaged one. */
export async function importKeyFile(text) {
  let file;
  try {
    file = JSON.parse(text);
  } catch {
    throw new Error('key-file');
  }
  if (file.format !== 'parledger-key/v1' || typeof file.seed !== 'string') throw new Error('key-file');
  const seed = base64.decode(file.seed);
  if (seed.length !== 32) throw new Error('key-file');
  const key = await fromSeed(seed, file.name);
  if (file.publicKey && file.publicKey !== key.publicKey) throw new Error('key-file');
  return key;
}

/** A new key and its key file's text (the same canonical JSON `parledger key new` writes). */
export async function generateKey(name) {
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const seed = pkcs8.slice(pkcs8.length - 32);
  const key = await fromSeed(seed, name.normalize('NFC'));
  const { canonical } = await import('./canonical.js');
  const fileText =
    canonical({ format: 'parledger-key/v1', keyId: key.keyId, name: key.name, publicKey: key.publicKey, seed: base64.encode(seed) }) + '\n';
  return { key, fileText };
}

export async function sign(key, bytes) {
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, bytes));
}
