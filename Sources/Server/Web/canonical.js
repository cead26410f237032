// Canonical JSON (events/FORMAT.md §2) and the signature message (§5), so the browser signs
// exactly the bytes the ledger hashes and verifies.

const encoder = new TextEncoder();

/** NFC-normalises every string of a value (member names too): user text enters here. */
export function nfcDeep(value) {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(nfcDeep);
  if (value && typeof value === 'object') {
    const out = {};
    for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key.normalize('NFC')] = nfcDeep(item);
    return out;
  }
  return value;
}

/** The canonical text of a value; throws naming the FORMAT.md reason for what it cannot encode. */
export function canonical(value) {
  if (value === null) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || Object.is(value, -0)) throw new Error(Number.isInteger(value) ? 'range' : 'float');
    return String(value);
  }
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return '[' + value.map(canonical).join(',') + ']';
  if (typeof value === 'object') {
    // Array.prototype.sort compares strings by UTF-16 code units, which is the order §2.2 asks for.
    const keys = Object.keys(value).filter((key) => value[key] !== undefined).sort();
    return '{' + keys.map((key) => quote(key) + ':' + canonical(value[key])).join(',') + '}';
  }
  throw new Error('syntax');
}

const escapes = { 0x22: '\\"', 0x5c: '\\\\', 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r' };

function quote(text) {
  if (text.normalize('NFC') !== text) throw new Error('nfc');
  let out = '"';
  for (const character of text) {
    const code = character.codePointAt(0);
    if (code >= 0xd800 && code <= 0xdfff) throw new Error('surrogate');
    if (escapes[code]) out += escapes[code];
    else if (code < 0x20) out += '\\u00' + code.toString(16).padStart(2, '0');
    else out += character;
  }
  return out + '"';
}

/** The canonical UTF-8 bytes of a value. */
export function canonicalBytes(value) {
  return encoder.encode(canonical(value));
}

const payloadType = 'application/vnd.parledger.statement+json;version=1';

/** DSSE v1 pre-authentication encoding of the statement bytes: what the actor signs. */
export function signingMessage(statementBytes) {
  const head = encoder.encode(`DSSEv1 ${payloadType.length} ${payloadType} ${statementBytes.length} `);
  const message = new Uint8Array(head.length + statementBytes.length);
  message.set(head);
  message.set(statementBytes, head.length);
  return message;
}
