/*
 * noop.wasm (component, world test:minimal/noop): freestanding C, no libc.
 *   import test:minimal/host: add: func(a: s32, b: s32) -> s32   (imported, never called)
 *   export noop: func() -> s32 = 7
 * The import is declared and referenced from a function that is kept but never reached, so the
 * core module really imports "test:minimal/host" "add" and the component really needs the host.
 * Build: ./build.sh.
 */
__attribute__((import_module("test:minimal/host"), import_name("add")))
int host_add(int a, int b);

/* Every core export must belong to the world, so the import is kept alive by a retained
   (`used`) function pointer instead: host_add lands in the function table, never called. */
__attribute__((used)) int (*volatile keep_host_add)(int, int) = host_add;

__attribute__((export_name("noop")))
int noop(void) {
    return 7;
}
