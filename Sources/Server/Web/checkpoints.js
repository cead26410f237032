// Checking a checkpoint in the browser, as anyone may (events/FORMAT.md §12, §13): its log
// signature against the ledger's log keys, and its consistency (RFC 9162 §2.1.4) with the last
// checkpoint this browser saw of the same ledger, kept in localStorage. No entry is needed: a cut
// or rewritten history shows as a signature that does not verify or a tree that does not extend.
import { parsePublicKey, verifySignature } from './ed25519.js';

const encoder = new TextEncoder();
const fromBase64 = (text) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
const same = (a, b) => a.length === b.length && a.every((byte, index) => byte === b[index]);

async function sha256(...parts) {
  const length = parts.reduce((sum, part) => sum + part.length, 0);
  const bytes = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
}

const node = (left, right) => sha256(Uint8Array.of(1), left, right);

/** A signed note's text (up to the last blank line), checkpoint body and signature lines; null if malformed. */
export function parseNote(note) {
  const split = note.lastIndexOf('\n\n');
  if (split < 0) return null;
  const text = note.slice(0, split + 1);
  const [origin, size, root, ...rest] = text.slice(0, -1).split('\n');
  if (rest.length || !origin || !/^(0|[1-9][0-9]*)$/.test(size ?? '')) return null;
  const lines = note.slice(split + 2).split('\n').filter((line) => line.length);
  const signatures = lines.map((line) => {
    const match = /^— (\S+) (\S+)$/.exec(line);
    return match ? { name: match[1], bytes: fromBase64(match[2]) } : null;
  });
  if (!signatures.length || signatures.includes(null)) return null;
  return { text, origin, size: Number(size), root, signatures };
}

/** The log keys (`{keyId, publicKey}`) whose signature line on the note verifies. */
export async function logSigners(note, logKeys) {
  const textBytes = encoder.encode(note.text);
  const signers = [];
  for (const key of logKeys) {
    const raw = parsePublicKey(key.publicKey);
    if (!raw) continue;
    const keyHash = (await sha256(encoder.encode(note.origin), Uint8Array.of(0x0a, 0x01), raw)).slice(0, 4);
    for (const line of note.signatures) {
      if (line.name !== note.origin || !same(line.bytes.slice(0, 4), keyHash)) continue;
      if (await verifySignature(raw, line.bytes.slice(4), textBytes)) signers.push(key);
    }
  }
  return signers;
}

/** RFC 9162 §2.1.4.2: whether `proof` shows the tree (second, secondRoot) extends (first, firstRoot). */
export async function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  if (first > second) return false;
  if (first === second) return proof.length === 0 && same(firstRoot, secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = (first & (first - 1)) === 0 ? [firstRoot, ...proof] : proof;
  let fn = first - 1;
  let sn = second - 1;
  while (fn & 1) {
    fn >>= 1;
    sn >>= 1;
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (fn & 1 || fn === sn) {
      fr = await node(c, fr);
      sr = await node(c, sr);
      if (!(fn & 1)) {
        while (!(fn & 1) && fn !== 0) {
          fn >>= 1;
          sn >>= 1;
        }
      }
    } else {
      sr = await node(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  return sn === 0 && same(fr, firstRoot) && same(sr, secondRoot);
}

/** Parses a consistency proof file's old size, old root and hashes. */
export function parseConsistency(text) {
  const [head] = text.split('\n\n');
  const [header, old, oldroot, ...hashes] = head.split('\n');
  if (header !== 'parledger/consistency-proof@v1' || !old?.startsWith('old ') || !oldroot?.startsWith('oldroot ')) return null;
  return { old: Number(old.slice(4)), oldRoot: fromBase64(oldroot.slice(8)), proof: hashes.map(fromBase64) };
}

export { fromBase64 };
