/**
 * A large JSON value cut into pieces of about PIECE_CHARS characters, so a thread can hand it to the
 * service thread, which parses one piece per step (one JSON.parse of a whole 30,000-VM engine snapshot
 * would block it for seconds). Big arrays are cut between items, big objects between keys (in their key
 * order); reassembling gives a value equal to the original, key order included.
 */

/** Where a piece goes: `path` from the root; `append` adds its items to the array already there. */
export interface JsonPiece {
  path: string[];
  json: string;
  append?: true;
}

export const PIECE_CHARS = 256 * 1024;

/**
 * Cuts a JSON value (plain objects, arrays, strings, numbers, booleans, null) into pieces; `text` is its
 * JSON when the caller has it already.
 */
export function splitJson(value: unknown, maxChars = PIECE_CHARS, text?: string): JsonPiece[] {
  const out: JsonPiece[] = [];
  const walk = (v: unknown, path: string[], text: string): void => {
    if (text.length <= maxChars || v === null || typeof v !== 'object') {
      out.push({ path, json: text });
      return;
    }
    if (Array.isArray(v)) {
      out.push({ path, json: '[]' });
      let batch: string[] = [];
      let size = 0;
      const flush = () => {
        if (batch.length === 0) return;
        out.push({ path, json: `[${batch.join(',')}]`, append: true });
        batch = [];
        size = 0;
      };
      for (let i = 0; i < v.length; i++) {
        const item = JSON.stringify(v[i] ?? null);
        if (item.length > maxChars && v[i] !== null && typeof v[i] === 'object') {
          // One item larger than a piece: a placeholder, then the item cut at its own path.
          batch.push('null');
          flush();
          walk(v[i], [...path, String(i)], item);
          continue;
        }
        if (size + item.length > maxChars) flush();
        batch.push(item);
        size += item.length + 1;
      }
      flush();
      return;
    }
    out.push({ path, json: '{}' });
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      const t = JSON.stringify(x);
      if (t === undefined) continue; // as JSON.stringify leaves it out
      walk(x, [...path, k], t);
    }
  };
  const whole = text ?? JSON.stringify(value);
  if (whole === undefined) throw new Error('splitJson: the value has no JSON form.');
  walk(value, [], whole);
  return out;
}

/**
 * Reassembles pieces from splitJson, parsing one piece per step (yields the fraction done). Answers the
 * value. Throws on pieces that do not fit together (a bug, not input: the pieces come from splitJson).
 */
export function* assembleJson(pieces: readonly JsonPiece[]): Generator<number, unknown, void> {
  let root: unknown = undefined;
  for (let n = 0; n < pieces.length; n++) {
    const p = pieces[n]!;
    const v = JSON.parse(p.json) as unknown;
    if (p.path.length === 0 && !p.append) root = v;
    else {
      let target: unknown = root;
      const last = p.path.length - 1;
      for (let i = 0; i < (p.append ? p.path.length : last); i++)
        target = (target as Record<string, unknown>)[p.path[i]!];
      if (p.append) {
        if (!Array.isArray(target) || !Array.isArray(v))
          throw new Error(`assembleJson: no array at ${p.path.join('.')}`);
        for (const item of v) target.push(item);
      } else {
        if (target === null || typeof target !== 'object')
          throw new Error(`assembleJson: no object at ${p.path.slice(0, -1).join('.')}`);
        // Defined, not assigned: a key like "__proto__" stays a plain key as JSON.parse makes it.
        Object.defineProperty(target, p.path[last]!, {
          value: v,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      }
    }
    yield (n + 1) / pieces.length;
  }
  return root;
}

/**
 * Pieces packed for a hand-over between threads: every piece's text in one UTF-8 buffer (transferred,
 * not copied: receiving it costs the service thread nothing however large it is) and, per piece, its
 * place and where its text ends. Structured-cloning thousands of strings of a 30,000-VM snapshot in one
 * message would block the receiving thread for that whole clone.
 */
export interface PackedPieces {
  places: { path: string[]; append?: true }[];
  /** Byte offset of each piece's end in `bytes` (piece n spans ends[n-1] ?? 0 .. ends[n]). */
  ends: number[];
  bytes: Uint8Array;
}

export function packPieces(pieces: readonly JsonPiece[]): PackedPieces {
  const ends: number[] = [];
  let total = 0;
  for (const p of pieces) {
    total += Buffer.byteLength(p.json, 'utf8');
    ends.push(total);
  }
  // An ArrayBuffer of its own (never Buffer's shared pool), so it can be transferred.
  const bytes = new Uint8Array(total);
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 0;
  for (const p of pieces) at += buf.write(p.json, at, 'utf8');
  return {
    places: pieces.map((p) => (p.append ? { path: p.path, append: true } : { path: p.path })),
    ends,
    bytes,
  };
}

/** The pieces back, each text decoded only when it is read (one piece per step of assembleJson). */
export function unpackPieces(packed: PackedPieces): JsonPiece[] {
  const { bytes, ends } = packed;
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return packed.places.map((place, n) => ({
    ...place,
    get json() {
      return buf.toString('utf8', n === 0 ? 0 : ends[n - 1]!, ends[n]!);
    },
  }));
}
