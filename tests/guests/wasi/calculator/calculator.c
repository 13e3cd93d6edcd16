/*
 * calculator.wasm (component, world wippy:calculator/calculator; WIT in calculator.wit): the shape of
 * the reference runtime's calculator, a component that imports a host interface (wippy:calculator/host)
 * and WASI. C with wasi-libc (wasm32-wasi, reactor), so WASI comes through the preview1 reactor
 * adapter, as for ../probe.c.
 *
 *   calculate(a, b) = a * host.factor() + b + atoi(getenv("CALC_BIAS") or "0")
 *
 * Scalars only: no memory crosses the Canonical ABI, so no cabi_realloc is needed. getenv reads the
 * environment through wasi-libc's lazy __wasilibc_get_environ (see ../probe.c for why not `environ`).
 *
 * Build: ./build.sh.
 */
#include <stdint.h>
#include <stdlib.h>
#include <wasi/libc-environ.h>

__attribute__((import_module("wippy:calculator/host"), import_name("factor")))
extern int32_t host_factor(void);

static int32_t bias(void) {
    for (char **entry = __wasilibc_get_environ(); entry && *entry; entry++) {
        const char *e = *entry;
        const char *name = "CALC_BIAS=";
        int i = 0;
        while (name[i] && e[i] == name[i]) i++;
        if (!name[i]) return (int32_t)atoi(e + i);
    }
    return 0;
}

__attribute__((export_name("calculate")))
int32_t calculate(int32_t a, int32_t b) {
    return a * host_factor() + b + bias();
}
