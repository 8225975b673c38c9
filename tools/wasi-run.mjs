// Runs a wasm32-wasip1 program in Node's WASI with the file system readable
// from / (for `./bench.sh memory`): node tools/wasi-run.mjs PROGRAM.wasm ARGS…
import { WASI } from 'node:wasi';
import fs from 'node:fs';

const [program, ...args] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [program, ...args], preopens: { '/': '/' }, returnOnExit: true });
const module = await WebAssembly.compile(fs.readFileSync(program));
const instance = await WebAssembly.instantiate(module, wasi.getImportObject());
process.exitCode = wasi.start(instance);
