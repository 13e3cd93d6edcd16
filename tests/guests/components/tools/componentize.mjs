// node componentize.mjs TOOLS_DIR CORE.wasm WIT-FILE WORLD OUT.wasm [ADAPTER]
// Wraps a core module into a component with jco's wasm-tools JS API (componentEmbed + componentNew,
// i.e. `wasm-tools component embed` + `wasm-tools component new`), checks that the result parses
// back (print), and prints the component's WIT (componentWit) to stdout.
// ADAPTER: absent = no adapters; `reactor` = jco's bundled wasi_snapshot_preview1 reactor adapter
// (lib/wasi_snapshot_preview1.reactor.wasm), for wasm32-wasi reactor modules (wasi-libc).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, corePath, witPath, world, outPath, adapterKind] = process.argv.slice(2);
if (!outPath || process.argv.length > 8 || (adapterKind !== undefined && adapterKind !== "reactor")) {
    console.error("usage: componentize.mjs TOOLS_DIR CORE.wasm WIT-FILE WORLD OUT.wasm [reactor]");
    process.exit(2);
}
const api = await import(pathToFileURL(join(toolsDir, "node_modules/@bytecodealliance/jco/dist/api.js")).href);

const embedded = await api.componentEmbed({
    binary: readFileSync(corePath),
    witSource: readFileSync(witPath, "utf8"),
    world,
    stringEncoding: "utf8",
});
const component = adapterKind === undefined
    ? await api.componentNew(embedded)
    : await api.componentNew(embedded, [[
        "wasi_snapshot_preview1",
        readFileSync(join(toolsDir, `node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.${adapterKind}.wasm`)),
    ]]);
await api.print(component); // throws if the binary does not parse
writeFileSync(outPath, component);
console.log(`--- WIT of ${outPath.split("/").pop()} (wasm-tools component wit) ---`);
console.log((await api.componentWit(component)).trimEnd());
console.log("---");
