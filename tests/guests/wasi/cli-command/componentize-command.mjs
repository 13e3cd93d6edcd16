// node componentize-command.mjs TOOLS_DIR CORE.wasm OUT.wasm
// Wraps a wasm32-wasi *command* core module (exports `_start`, imports wasi_snapshot_preview1) into a
// WASI 0.2 command component with jco's wasm-tools JS API: componentNew (= `wasm-tools component new
// --adapt wasi_snapshot_preview1=<adapter>`) with jco's bundled preview1 *command* adapter
// (lib/wasi_snapshot_preview1.command.wasm), which exports wasi:cli/run and calls `_start`.
// No WIT is embedded: the module exports nothing of its own. Checks that the result parses back
// (print) and prints its WIT. (Local to this folder so ../../components/tools/componentize.mjs,
// which only knows the reactor adapter, stays as it is.)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, corePath, outPath] = process.argv.slice(2);
if (!outPath || process.argv.length > 5) {
    console.error("usage: componentize-command.mjs TOOLS_DIR CORE.wasm OUT.wasm");
    process.exit(2);
}
const jco = join(toolsDir, "node_modules/@bytecodealliance/jco");
const api = await import(pathToFileURL(join(jco, "dist/api.js")).href);

const component = await api.componentNew(readFileSync(corePath), [[
    "wasi_snapshot_preview1",
    readFileSync(join(jco, "lib/wasi_snapshot_preview1.command.wasm")),
]]);
await api.print(component); // throws if the binary does not parse
writeFileSync(outPath, component);
console.log(`--- WIT of ${outPath.split("/").pop()} (wasm-tools component wit) ---`);
console.log((await api.componentWit(component)).trimEnd());
console.log("---");
