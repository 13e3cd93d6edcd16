/*
 * run.wasm (component, world test:minimal/runner): freestanding C, no libc.
 *   import test:minimal/host: add: func(a: s32, b: s32) -> s32
 *   export run: func(x: s32) -> s32 = host.add(x, 1) * 2   (wrapping 32-bit arithmetic)
 * wit-component names: the import is core module "test:minimal/host", field "add".
 * Build: ./build.sh.
 */
__attribute__((import_module("test:minimal/host"), import_name("add")))
int host_add(int a, int b);

__attribute__((export_name("run")))
int run(int x) {
    return (int)((unsigned)host_add(x, 1) * 2u);
}
