/*
 * fiber.wasm (component, world wippy:fiber-test/fiber): freestanding C, no libc.
 *   import wippy:fiber-test/host: wait(id: u32) -> u32, churn(n: u32) -> u32
 *   export waits(n), churns(n), recurse(depth): see fiber.wit.
 * wit-component names: the imports are core module "wippy:fiber-test/host", fields "wait" and "churn".
 * Build: ./build.sh.
 */
__attribute__((import_module("wippy:fiber-test/host"), import_name("wait")))
unsigned host_wait(unsigned id);

__attribute__((import_module("wippy:fiber-test/host"), import_name("churn")))
unsigned host_churn(unsigned n);

__attribute__((export_name("waits")))
unsigned waits(unsigned n) {
    unsigned sum = 0;
    for (unsigned i = 0; i < n; i++) sum += host_wait(i);
    return sum;
}

__attribute__((export_name("churns")))
unsigned churns(unsigned n) {
    unsigned sum = 0;
    for (unsigned i = 0; i < n; i++) sum += host_churn(i);
    return sum;
}

/* Not a tail call, and not a reduction the compiler can turn into a loop: each frame stays on the stack. */
__attribute__((noinline))
static unsigned descend(unsigned depth) {
    if (depth == 0) return host_churn(0) + host_wait(0);
    unsigned below = descend(depth - 1);
    return (below ^ (below << 1)) + depth;
}

__attribute__((export_name("recurse")))
unsigned recurse(unsigned depth) {
    return descend(depth);
}
