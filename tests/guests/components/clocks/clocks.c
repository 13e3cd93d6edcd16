/*
 * clocks.wasm (component, world wippy:clocks-test/clocks; WIT in clocks.wit): freestanding C, no
 * libc, no WASI adapter, so the component imports exactly wasi:io/poll@0.2.0 and
 * wasi:clocks/monotonic-clock@0.2.0 (the shape of the seed's sleep entry, `imports: [wasi:io,
 * wasi:clocks]`). Hand-written Canonical ABI (32-bit memory, sync lift and lower):
 *
 *   import wasi:io/poll@0.2.0
 *     [method]pollable.ready(self: borrow<pollable>) -> bool    core (i32) -> i32
 *     [method]pollable.block(self: borrow<pollable>)            core (i32)
 *     poll(in: list<borrow<pollable>>) -> list<u32>             core (ptr, len, retptr)
 *     [resource-drop]pollable(own<pollable>)                    core (i32)
 *   import wasi:clocks/monotonic-clock@0.2.0
 *     now() -> u64                                              core () -> i64
 *     subscribe-duration(ns: u64) -> own<pollable>              core (i64) -> i32
 *   export wippy:clocks-test/test-sleep#sleep-ms(ms: u32) -> u64
 *   export wippy:clocks-test/handles#{block-dropped, drop-twice, leak, ready-check}
 *   export wippy:clocks-test/polling#poll-two, poll-one (clocks-poll.wasm only, built with -DWITH_POLL: without
 *     it the core module does not import poll, so clocks.wasm does not import wasi:io/poll#poll)
 *
 * A handle is an index into the component's own table of resources, which Wasmtime keeps: using a
 * handle after dropping it traps in the canonical ABI before the host sees the call.
 *
 * Memory: poll's result list is written by the host with cabi_realloc into a bump heap, reset at
 * the start of every export that polls.
 *
 * Build: ./build.sh.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define POLL(name) __attribute__((import_module("wasi:io/poll@0.2.0"), import_name(name)))
#define CLOCK(name) __attribute__((import_module("wasi:clocks/monotonic-clock@0.2.0"), import_name(name)))

POLL("[method]pollable.ready") extern u32 pollable_ready(u32 self);
POLL("[method]pollable.block") extern void pollable_block(u32 self);
#ifdef WITH_POLL
POLL("poll") extern void poll(const u32 *in, u32 len, u32 *ret);
#endif
POLL("[resource-drop]pollable") extern void pollable_drop(u32 self);
CLOCK("now") extern u64 clock_now(void);
CLOCK("subscribe-duration") extern u32 subscribe_duration(u64 ns);

#define MS 1000000ull
#define HOUR (3600ull * 1000u * MS)

/* ---- bump heap for what the host returns (poll's list) ---- */

static u8 heap[4096];
static u32 heap_top;

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, u32 old_size, u32 align, u32 new_size) {
    if (old != 0 || old_size != 0) __builtin_trap(); /* the host only allocates */
    u32 start = (heap_top + align - 1) & ~(align - 1);
    if (start + new_size > sizeof heap) __builtin_trap();
    heap_top = start + new_size;
    return &heap[start];
}

/* ---- wippy:clocks-test/test-sleep ---- */

EXPORT("wippy:clocks-test/test-sleep#sleep-ms")
u64 sleep_ms(u32 ms) {
    u64 start = clock_now();
    u32 p = subscribe_duration((u64)ms * MS);
    pollable_block(p);
    pollable_drop(p);
    return (clock_now() - start) / MS;
}

/* ---- wippy:clocks-test/handles ---- */

EXPORT("wippy:clocks-test/handles#block-dropped")
void block_dropped(void) {
    u32 p = subscribe_duration(0);
    pollable_drop(p);
    pollable_block(p);
}

EXPORT("wippy:clocks-test/handles#drop-twice")
void drop_twice(void) {
    u32 p = subscribe_duration(0);
    pollable_drop(p);
    pollable_drop(p);
}

EXPORT("wippy:clocks-test/handles#leak")
void leak(u32 n) {
    for (u32 i = 0; i < n; i++) subscribe_duration(HOUR);
}

#ifdef WITH_POLL
EXPORT("wippy:clocks-test/polling#poll-two")
u32 poll_two(u32 ms) {
    heap_top = 0;
    u32 in[2] = { subscribe_duration((u64)ms * MS), subscribe_duration(HOUR) };
    u32 ret[2]; /* (ptr, len) of the list<u32> of ready indexes */
    poll(in, 2, ret);
    const u32 *ready = (const u32 *)ret[0];
    /* the first pollable must be the one that became ready */
    if (ret[1] < 1 || ready[0] != 0) __builtin_trap();
    pollable_drop(in[0]);
    pollable_drop(in[1]);
    return ret[1];
}

EXPORT("wippy:clocks-test/polling#poll-one")
u32 poll_one(u32 ms) {
    heap_top = 0;
    u32 in[1] = { subscribe_duration((u64)ms * MS) };
    u32 ret[2];
    poll(in, 1, ret);
    pollable_drop(in[0]);
    return ret[1];
}
#endif

EXPORT("wippy:clocks-test/handles#ready-check")
u32 ready_check(void) {
    u32 later = subscribe_duration(HOUR);
    u32 now = subscribe_duration(0);
    u32 ok = !pollable_ready(later) && pollable_ready(now);
    pollable_drop(later);
    pollable_drop(now);
    return ok;
}
