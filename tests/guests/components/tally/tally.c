/*
 * tally.wasm (component, world wippy:tally/tally-guest): freestanding C, no libc, no WASI.
 * Imports the resource `tally` of interface wippy:tally/store (see tally.wit), which the host implements, with the
 * Canonical ABI done by hand: every handle here is an index in this instance's handle table, given by the host
 *   - the constructor and `open` return a new own handle;
 *   - a method takes self as a borrow: the guest passes its own handle;
 *   - `peek` takes a borrow: the same;
 *   - `[resource-drop]tally` gives an own handle back (the host then ends the tally); a handle dropped twice, or used
 *     after its drop, is not in the table any more, and the call traps.
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
