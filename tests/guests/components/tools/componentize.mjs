// node componentize.mjs TOOLS_DIR CORE.wasm WIT-FILE WORLD OUT.wasm
// Wraps a core module into a component with jco's wasm-tools JS API (componentEmbed + componentNew,
// i.e. `wasm-tools component embed` + `wasm-tools component new`, no adapters), checks that the
// result parses back (print), and prints the component's WIT (componentWit) to stdout.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, corePath, witPath, world, outPath] = process.argv.slice(2);
if (!outPath) {
    console.error("usage: componentize.mjs TOOLS_DIR CORE.wasm WIT-FILE WORLD OUT.wasm");
    process.exit(2);
}
const api = await import(pathToFileURL(join(toolsDir, "node_modules/@bytecodealliance/jco/dist/api.js")).href);

const embedded = await api.componentEmbed({
    binary: readFileSync(corePath),
    witSource: readFileSync(witPath, "utf8"),
    world,
    stringEncoding: "utf8",
});
const component = await api.componentNew(embedded);
await api.print(component); // throws if the binary does not parse
writeFileSync(outPath, component);
console.log(`--- WIT of ${outPath.split("/").pop()} (wasm-tools component wit) ---`);
console.log((await api.componentWit(component)).trimEnd());
console.log("---");
