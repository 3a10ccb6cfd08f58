// Benchmark peer: sourmash's Rust core compiled to WebAssembly (npm `sourmash`), one thread.
// Reads FASTA/FASTQ (plain), hashes every record with the core's Signature (all k in one call),
// and prints the number of kept hashes per k, so all rows do the same work on the same input.
// usage: node sourmash-core.mjs <module-dir> <input> <ksizes,comma> <scaled> <abund 0|1>
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [moduleDir, input, ks, scaled, abund] = process.argv.slice(2);
const glue = await import(pathToFileURL(path.join(moduleDir, 'sourmash_bg.js')).href);
const { instance } = await WebAssembly.instantiate(
  fs.readFileSync(path.join(moduleDir, 'sourmash_bg.wasm')), { './sourmash_bg.js': glue });
glue.__wbg_set_wasm(instance.exports);

const cp = new glue.ComputeParameters();
cp.set_ksizes(new Uint32Array(ks.split(',').map(Number)));
cp.set_num(0);
cp.set_scaled(Number(scaled));
cp.set_seed(42);
cp.set_track_abundance(abund === '1');
const sig = new glue.Signature(cp);

const lines = fs.readFileSync(input, 'latin1').split('\n');
if (lines[0].startsWith('@')) {
  for (let i = 1; i < lines.length; i += 4) sig.add_sequence_js(lines[i]);
} else {
  let parts = [];
  for (const line of lines) {
    if (line.startsWith('>')) {
      if (parts.length) sig.add_sequence_js(parts.join(''));
      parts = [];
    } else if (line.length) {
      parts.push(line);
    }
  }
  if (parts.length) sig.add_sequence_js(parts.join(''));
}
const out = JSON.parse(sig.to_json().replace(/(\d{16,})/g, '"$1"'));
console.log(out.signatures.map((s) => s.mins.length).join(' '));
