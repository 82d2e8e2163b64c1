// Decodes a MessagePack file with @msgpack/msgpack and prints it as JSON, tagging the values JSON cannot
// carry (64-bit integers, binary, non-finite floats) so the C# side can check them exactly.
'use strict';
const fs = require('fs');
const { decode } = require('@msgpack/msgpack');

const bytes = fs.readFileSync(process.argv[2]);
// decode() throws on trailing bytes, so success also proves the value ends where the file ends.
const value = decode(bytes, { useBigInt64: true });

function tag(v) {
  if (typeof v === 'bigint') return { $int: v.toString() };
  if (typeof v === 'number' && !Number.isFinite(v)) return { $float: String(v) };
  if (typeof v === 'number' && Object.is(v, -0)) return { $float: '-0' };
  if (v instanceof Uint8Array) return { $bin: Buffer.from(v).toString('hex') };
  if (Array.isArray(v)) return v.map(tag);
  if (v !== null && typeof v === 'object') {
    const o = {};
    for (const [k, x] of Object.entries(v)) o[k] = tag(x);
    return o;
  }
  return v;
}

process.stdout.write(JSON.stringify(tag(value)));
