/** int8 arrays from base64 text, for the weights in model.json (scripts/training/int8.ts writes them). */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** base64 → Int8Array: Node's native decoder when there is one, else a portable loop. */
export function decodeInt8(b64: string): Int8Array {
  const B = (globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } }).Buffer;
  if (B) {
    const bytes = B.from(b64, 'base64');
    return new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  return decodeInt8Portable(b64);
}

/** Portable base64 → Int8Array (no Buffer/atob dependence). */
export function decodeInt8Portable(b64: string): Int8Array {
  const lookup = new Uint8Array(128);
  for (let i = 0; i < B64.length; i++) lookup[B64.charCodeAt(i)] = i;
  let len = b64.length;
  while (len > 0 && b64[len - 1] === '=') len--;
  const out = new Uint8Array(Math.floor((len * 3) / 4));
  let o = 0;
  for (let i = 0; i < len; i += 4) {
    const a = lookup[b64.charCodeAt(i)]!;
    const b = lookup[b64.charCodeAt(i + 1)]!;
    const c = i + 2 < len ? lookup[b64.charCodeAt(i + 2)]! : 0;
    const d = i + 3 < len ? lookup[b64.charCodeAt(i + 3)]! : 0;
    const n = (a << 18) | (b << 12) | (c << 6) | d;
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return new Int8Array(out.buffer);
}
