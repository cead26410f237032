// The person's Ed25519 key, in this tab only: imported from their parledger key file or generated
// here (then downloaded as a key file and registered by the secretariat). WebCrypto signs; the
// private key never leaves the browser. A key file is sealed with a passphrase (parledger-key/v2:
// scrypt, then AES-256-GCM), as the CLI seals it.
import { scrypt } from './scrypt.js';

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

const encoder = new TextEncoder();

/** The passphrase rule the CLI applies too: at least 8 Unicode code points once NFC-normalised. */
export const passphraseMinimum = 8;

export function passphraseLongEnough(passphrase) {
  return [...passphrase.normalize('NFC')].length >= passphraseMinimum;
}

// What a writer uses: scrypt's cost as the CLI sets it (32 MiB, a fraction of a second).
const writerCost = { n: 32768, r: 8, p: 1 };

/** Base64 that must be exactly the canonical encoding of `length` bytes; else the file is damaged. */
function strictBase64(text, length) {
  if (typeof text !== 'string') throw new Error('key-file');
  let bytes;
  try {
    bytes = base64.decode(text);
  } catch {
    throw new Error('key-file');
  }
  if (bytes.length !== length || base64.encode(bytes) !== text) throw new Error('key-file');
  return bytes;
}

/** The scrypt parameters a reader accepts (the CLI's bounds): anything else is not a key file. */
function protectionOf(file) {
  const protection = file.protection;
  if (!protection || typeof protection !== 'object' || protection.kdf !== 'scrypt' || protection.cipher !== 'aes-256-gcm') {
    throw new Error('key-file');
  }
  const { n, r, p } = protection;
  const powerOfTwo = Number.isInteger(n) && n >= 2 ** 14 && n <= 2 ** 20 && (n & (n - 1)) === 0;
  if (!powerOfTwo || !Number.isInteger(r) || r < 1 || r > 16 || !Number.isInteger(p) || p < 1 || p > 4
    || 128 * n * r > 256 * 1024 * 1024 || n * r * p > 4 * 2 ** 15 * 8) {
    throw new Error('key-file');
  }
  return { n, r, p, salt: strictBase64(protection.salt, 16), nonce: strictBase64(protection.nonce, 12) };
}

async function sealingKey(passphrase, salt, { n, r, p }, usage) {
  const bytes = await scrypt(encoder.encode(passphrase.normalize('NFC')), salt, n, r, p, 32);
  return crypto.subtle.importKey('raw', bytes, 'AES-GCM', false, [usage]);
}

/**
 * A key from the text of a parledger key file; refuses a damaged one with Error('key-file').
 * A `parledger-key/v2` file needs its passphrase: none gives Error('passphrase-required'), a wrong
 * one Error('passphrase') (AES-GCM cannot tell it from an altered file). A `parledger-key/v1` file
 * (no passphrase, as the demo's) still opens; its key says `unprotected: true`.
 */
export async function importKeyFile(text, passphrase) {
  let file;
  try {
    file = JSON.parse(text);
  } catch {
    throw new Error('key-file');
  }
  if (!file || typeof file !== 'object') throw new Error('key-file');
  if (file.format === 'parledger-key/v1') {
    if (typeof file.seed !== 'string') throw new Error('key-file');
    let seed;
    try {
      seed = base64.decode(file.seed);
    } catch {
      throw new Error('key-file');
    }
    if (seed.length !== 32) throw new Error('key-file');
    const key = await fromSeed(seed, file.name);
    if (file.publicKey && file.publicKey !== key.publicKey) throw new Error('key-file');
    return { ...key, unprotected: true };
  }
  if (file.format !== 'parledger-key/v2' || typeof file.name !== 'string' || typeof file.publicKey !== 'string'
    || !file.publicKey.startsWith('ed25519:')) {
    throw new Error('key-file');
  }
  // As the CLI reads it: the public facts must agree before any passphrase is tried.
  if (file.keyId !== await keyId(strictBase64(file.publicKey.slice('ed25519:'.length), 32))) throw new Error('key-file');
  const protection = protectionOf(file);
  const sealed = strictBase64(file.sealedSeed, 48);
  if (typeof passphrase !== 'string' || passphrase === '') throw new Error('passphrase-required');
  const aes = await sealingKey(passphrase, protection.salt, protection, 'decrypt');
  let seed;
  try {
    // The public key is the additional data: a file whose public key was swapped does not open.
    seed = new Uint8Array(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: protection.nonce, additionalData: encoder.encode(file.publicKey), tagLength: 128 }, aes, sealed));
  } catch {
    throw new Error('passphrase');
  }
  const key = await fromSeed(seed, file.name);
  if (key.publicKey !== file.publicKey) throw new Error('key-file');
  return { ...key, unprotected: false };
}

/**
 * A new key and the text of its `parledger-key/v2` file, sealed with the passphrase (the same
 * canonical JSON the CLI writes). A passphrase shorter than the rule: Error('passphrase-short').
 */
export async function generateKey(name, passphrase) {
  if (typeof passphrase !== 'string' || !passphraseLongEnough(passphrase)) throw new Error('passphrase-short');
  const pair = await crypto.subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify']);
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey('pkcs8', pair.privateKey));
  const seed = pkcs8.slice(pkcs8.length - 32);
  const key = { ...(await fromSeed(seed, name.normalize('NFC'))), unprotected: false };
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const nonce = crypto.getRandomValues(new Uint8Array(12));
  const aes = await sealingKey(passphrase, salt, writerCost, 'encrypt');
  const sealed = new Uint8Array(await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: encoder.encode(key.publicKey), tagLength: 128 }, aes, seed));
  seed.fill(0);
  pkcs8.fill(0);
  const { canonical } = await import('./canonical.js');
  const fileText = canonical({
    format: 'parledger-key/v2', keyId: key.keyId, name: key.name,
    protection: { cipher: 'aes-256-gcm', kdf: 'scrypt', ...writerCost, nonce: base64.encode(nonce), salt: base64.encode(salt) },
    publicKey: key.publicKey, sealedSeed: base64.encode(sealed),
  }) + '\n';
  return { key, fileText };
}

export async function sign(key, bytes) {
  return new Uint8Array(await crypto.subtle.sign({ name: 'Ed25519' }, key.privateKey, bytes));
}
