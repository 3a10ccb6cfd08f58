// The independent oracle for sketch conformance: sourmash's own Rust core, compiled to
// WebAssembly (npm package `sourmash`), driven from Node. It parses FASTA/FASTQ here (the wasm
// build has no file access) and hashes each record with the core's Signature.
//
// usage: node sourmash-oracle.mjs <module-dir> <input> <params-json>
//   params: {"ksizes":[21,31], "scaled":1000, "num":0, "abund":true, "seed":42}
// prints: a JSON array of the sketches' JSON as the core writes them (hashes as strings).
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { pathToFileURL } from 'node:url';

const [moduleDir, input, paramsJson] = process.argv.slice(2);
const params = JSON.parse(paramsJson);

const glue = await import(pathToFileURL(path.join(moduleDir, 'sourmash_bg.js')).href);
const wasmBytes = fs.readFileSync(path.join(moduleDir, 'sourmash_bg.wasm'));
const { instance } = await WebAssembly.instantiate(wasmBytes, { './sourmash_bg.js': glue });
glue.__wbg_set_wasm(instance.exports);

let raw = fs.readFileSync(input);
if (raw.length > 1 && raw[0] === 0x1f && raw[1] === 0x8b) raw = zlib.gunzipSync(raw);
const lines = raw.toString('latin1').split(/\r?\n/);

const records = [];
if (lines[0].startsWith('>')) {
  let seq = null;
  for (const line of lines) {
    if (line.startsWith('>')) {
      if (seq !== null) records.push(seq.join(''));
      seq = [];
    } else if (seq !== null) {
      seq.push(line.trim());
    }
  }
  if (seq !== null) records.push(seq.join(''));
} else if (lines[0].startsWith('@')) {
  for (let i = 0; i + 1 < lines.length; i += 4) {
    if (lines[i].startsWith('@')) records.push(lines[i + 1].trim());
  }
} else {
  throw new Error('oracle: input is neither FASTA nor FASTQ');
}

const cp = new glue.ComputeParameters();
cp.set_ksizes(new Uint32Array(params.ksizes));
cp.set_num(params.num ?? 0);
cp.set_scaled(params.scaled ?? 0);
cp.set_seed(params.seed ?? 42);
cp.set_track_abundance(!!params.abund);
const sig = new glue.Signature(cp);
for (const r of records) {
  if (r.length > 0) sig.add_sequence_js(r);
}
// Quote every integer of 16+ digits: hashes exceed 2^53 and must survive as exact decimals.
const json = sig.to_json().replace(/([:\[,])(\d{16,})(?=[,\]}])/g, '$1"$2"');
process.stdout.write(json);
