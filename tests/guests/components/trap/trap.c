/*
 * trap.wasm (component, world wippy:trap/trap): freestanding C, no libc, no imports.
 *   boom: func() -> u32   executes `unreachable` (a core trap, so the call traps)
 *   ok:   func() -> u32   returns 1
 * Scalars only: the Canonical ABI passes a u32 result as one core i32, so no memory,
 * no cabi_realloc and no post-return are involved.
 * Build: ./build.sh.
 */
#define EXPORT(name) __attribute__((export_name(name)))

EXPORT("boom") unsigned boom(void) { __builtin_trap(); }
EXPORT("ok") unsigned ok(void) { return 1u; }
