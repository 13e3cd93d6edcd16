/*
 * tally.wasm (component, world wippy:tally/tally-guest): freestanding C, no libc, no WASI.
 * Imports the resource `tally` of interface wippy:tally/store (see tally.wit), which the host implements, with the
 * Canonical ABI done by hand: every handle here is an index in this instance's handle table, given by the host
 *   - the constructor and `open` return a new own handle;
 *   - a method takes self as a borrow: the guest passes its own handle;
 *   - `peek` takes a borrow: the same;
 *   - `[resource-drop]tally` gives an own handle back (the host then ends the tally); a handle dropped twice, or used
 *     after its drop, is not in the table any more, and the call traps.
 * Resources inside other values cross as the same handles, laid out as the Canonical ABI lays out those values:
 *   list<tally> (a result written by the host)   (ptr, count) at the return pointer; the elements 4 bytes each,
 *                                                 in memory the host got from cabi_realloc
 *   list<borrow<tally>> (an argument)            (ptr, count) of our handles
 *   option<tally> (a result written by the host) { tag (u8) @0; handle @4 } at the return pointer
 * Heap: a bump heap from __heap_base for what the host writes through cabi_realloc; emptied at the end of each
 * export (every result here is a number).
 * Build: ./build.sh.
 */
#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("wippy:tally/store"), import_name(name)))

IMPORT("[constructor]tally") int tally_new(unsigned start);
IMPORT("[method]tally.add") void tally_add(int self, unsigned n);
IMPORT("[method]tally.total") unsigned tally_total(int self);
IMPORT("[resource-drop]tally") void tally_drop(int handle);
IMPORT("open") int store_open(unsigned start);
IMPORT("peek") unsigned store_peek(int t);
IMPORT("open-many") void store_open_many(unsigned n, unsigned start, void *result);
IMPORT("sum") unsigned store_sum(const int *handles, unsigned n);
IMPORT("maybe-open") void store_maybe_open(unsigned is_some, unsigned start, void *result);

#include "../tools/bump_heap.h"

EXPORT("run") unsigned run(unsigned start, unsigned n) {
    int t = tally_new(start);
    for (unsigned i = 1; i <= n; i++) tally_add(t, i);
    unsigned total = tally_total(t);
    tally_drop(t);
    return total;
}

EXPORT("via-open") unsigned via_open(unsigned start) {
    int t = store_open(start);
    unsigned seen = store_peek(t);
    tally_drop(t);
    return seen;
}

EXPORT("drop-twice") void drop_twice(void) {
    int t = tally_new(1);
    tally_drop(t);
    tally_drop(t); /* traps: no such handle */
}

EXPORT("use-after-drop") unsigned use_after_drop(void) {
    int t = tally_new(1);
    tally_drop(t);
    return tally_total(t); /* traps: no such handle */
}

EXPORT("leak") unsigned leak(unsigned start) {
    int t = tally_new(start);
    return tally_total(t); /* never dropped */
}

EXPORT("many") unsigned many(unsigned n, unsigned start) {
    struct { const int *handles; u32 count; } list;
    store_open_many(n, start, &list);
    unsigned sum = store_sum(list.handles, list.count);
    for (u32 i = 0; i < list.count; i++) tally_drop(list.handles[i]);
    heap_empty();
    return sum;
}

EXPORT("many-leaked") unsigned many_leaked(unsigned n, unsigned start) {
    struct { const int *handles; u32 count; } list;
    store_open_many(n, start, &list);
    heap_empty();
    return list.count; /* never dropped */
}

EXPORT("maybe") unsigned maybe(unsigned is_some, unsigned start) {
    struct { u8 tag; int handle; } option;
    store_maybe_open(is_some, start, &option);
    if (!option.tag) return 404;
    unsigned total = tally_total(option.handle);
    tally_drop(option.handle);
    return total;
}
