// node componentize.mjs TOOLS_DIR SOURCE.js WIT-DIR WORLD OUT.wasm
// Runs ComponentizeJS's JS API (`componentize`: the StarlingMonkey engine with the world's bindings
// spliced in, the source pre-initialized into it by wizer, then wit-component through jco with the
// WASI preview1 reactor adapter) on SOURCE.js for WORLD of WIT-DIR, writes OUT.wasm, checks that it
// parses back (jco `print`) and prints its WIT (jco `componentWit`, i.e. `wasm-tools component wit`).
// As `jco componentize` does, it runs from SOURCE.js's folder and passes the file's base name, so
// the paths ComponentizeJS bakes into the component do not depend on where the build ran.
import { writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const [toolsDir, source, witDir, world, out] = process.argv.slice(2).map((a, i) => (i === 3 ? a : resolve(a)));
if (process.argv.length !== 7) {
    console.error("usage: componentize.mjs TOOLS_DIR SOURCE.js WIT-DIR WORLD OUT.wasm");
    process.exit(2);
}
const modules = join(toolsDir, "node_modules/@bytecodealliance");
const { componentize } = await import(pathToFileURL(join(modules, "componentize-js/src/componentize.js")).href);
const jco = await import(pathToFileURL(join(modules, "jco/dist/api.js")).href);

process.chdir(dirname(source));
const { component } = await componentize({
    sourcePath: source,
    sourceName: basename(source),
    witPath: witDir,
    worldName: world,
});
await jco.print(component); // throws if the binary does not parse
writeFileSync(out, component);
console.log(`--- WIT of ${basename(out)} (wasm-tools component wit) ---`);
console.log((await jco.componentWit(component)).trimEnd());
console.log("---");
