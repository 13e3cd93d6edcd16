/*
 * counter.wasm (component, world wippy:counter/counter-guest): freestanding C, no libc, no WASI.
 * Exports the resource `counter` of interface wippy:counter/counters (see counter.wit), with the Canonical ABI done
 * by hand:
 *   - the guest's representation ("rep") of a counter is its slot index + 1 in a fixed table (0 is never a rep);
 *   - a borrow<counter> parameter arrives as the rep itself (the callee defines the type, so no handle is made);
 *   - an own<counter> parameter arrives as a handle in this instance's table: resource-rep reads it, resource-drop
 *     gives it up (which runs the destructor below);
 *   - an own<counter> result is a new handle: resource-new(rep);
 *   - the destructor export frees the slot.
 * Resources inside other values (lists, an option, a record) cross as the same i32s, laid out as the Canonical ABI
 * lays out those values:
 *   list<T> (argument or result)      (ptr, count), the elements 4 bytes each
 *   option<counter> (result)          { tag (u8) @0; handle @4 }                          size 8
 *   named-counter (argument, result)  { label @0 (ptr, len); counter @8 }                 size 12
 * A result that flattens to more than one value is returned as a pointer to a static area.
 *
 * Heap: a bump heap from __heap_base, growing linear memory as needed. The host places the lists and strings it
 * hands us there through cabi_realloc; the lists we return are built there. Each export that receives or returns
 * heap data empties the heap when it is done with it: at its end when its result is a number, or in its post-return
 * (`cabi_post_<name>`, run once the host has read the result) otherwise. Nothing outlives a call.
 * Built twice: counter.wasm, and counter-paced.wasm (-DPACED), whose `get` and destructor first call the imported
 * wippy:counter/pace#tick, which an app implements awaiting, so that the guest runs on a fiber.
 * Build: ./build.sh.
 */
#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("[export]wippy:counter/counters"), import_name(name)))
#define IFACE "wippy:counter/counters#"

IMPORT("[resource-new]counter") int resource_new(int rep);
IMPORT("[resource-rep]counter") int resource_rep(int handle);
IMPORT("[resource-drop]counter") void resource_drop(int handle);

#ifdef PACED /* counter-paced.wasm: get and the destructor wait for the host's tick first */
__attribute__((import_module("wippy:counter/pace"), import_name("tick"))) void tick(void);
#define PACE() tick()
#else
#define PACE() ((void)0)
#endif

#include "../tools/bump_heap.h"

/* ---- the counters ---- */

#define SLOTS 1024
static unsigned values[SLOTS];
static unsigned char used[SLOTS];
static unsigned alive;

static int make_rep(unsigned value) {
    for (int i = 0; i < SLOTS; i++) {
        if (!used[i]) {
            used[i] = 1;
            values[i] = value;
            alive++;
            return i + 1;
        }
    }
    __builtin_trap(); /* the table is full */
}

static unsigned *value_of(int rep) {
    if (rep < 1 || rep > SLOTS || !used[rep - 1]) __builtin_trap(); /* never a live counter: the host broke the ABI */
    return &values[rep - 1];
}

EXPORT(IFACE "[constructor]counter") int counter_new(unsigned start) { return resource_new(make_rep(start)); }
EXPORT(IFACE "[method]counter.increment") void counter_increment(int self) { *value_of(self) += 1; }
EXPORT(IFACE "[method]counter.get") unsigned counter_get(int self) {
    PACE();
    return *value_of(self);
}
EXPORT(IFACE "[method]counter.add") void counter_add(int self, int other) { *value_of(self) += *value_of(other); }
EXPORT(IFACE "[method]counter.doubled") int counter_doubled(int self) { return resource_new(make_rep(*value_of(self) * 2)); }

EXPORT(IFACE "[static]counter.merge") int counter_merge(int a, int b) {
    unsigned sum = *value_of(resource_rep(a)) + *value_of(resource_rep(b));
    resource_drop(a); /* both were given to us: dropping them runs the destructor */
    resource_drop(b);
    return resource_new(make_rep(sum));
}

EXPORT(IFACE "[dtor]counter") void counter_dtor(int rep) {
    PACE();
    value_of(rep);
    used[rep - 1] = 0;
    alive--;
}

EXPORT(IFACE "live") unsigned live(void) { return alive; }
EXPORT(IFACE "make") int make(unsigned start) { return resource_new(make_rep(start)); }
EXPORT(IFACE "peek") unsigned peek(int c) { return *value_of(c); }

EXPORT(IFACE "unlucky") unsigned unlucky(int c) {
    if (*value_of(c) == 13) __builtin_trap();
    return *value_of(c);
}

/* ---- resources inside other values ---- */

static u32 list_area[2];                                     /* list<counter>: (ptr, count) */
static struct { u8 tag; int handle; } option_area;           /* option<counter> */
static struct { const u8 *label; u32 len; int handle; } named_area; /* named-counter */

EXPORT(IFACE "make-many") u32 *make_many(u32 n, u32 start) {
    if (n > SLOTS) __builtin_trap();
    int *handles = alloc(4, n * 4);
    for (u32 i = 0; i < n; i++) handles[i] = resource_new(make_rep(start + i));
    list_area[0] = (u32)handles;
    list_area[1] = n;
    return list_area;
}
EXPORT("cabi_post_" IFACE "make-many") void make_many_post(u32 *result) { (void)result; heap_empty(); }

/* borrows of our own type arrive as reps */
EXPORT(IFACE "total") unsigned total(const int *reps, u32 n) {
    unsigned sum = 0;
    for (u32 i = 0; i < n; i++) sum += *value_of(reps[i]);
    heap_empty();
    return sum;
}

/* owns arrive as handles: read, then dropped (the destructor runs) */
static unsigned take(const int *handles, u32 n) {
    unsigned sum = 0;
    for (u32 i = 0; i < n; i++) {
        sum += *value_of(resource_rep(handles[i]));
        resource_drop(handles[i]);
    }
    heap_empty();
    return sum;
}

EXPORT(IFACE "take-all") unsigned take_all(const int *handles, u32 n) { return take(handles, n); }
EXPORT(IFACE "[static]counter.merge-all") int counter_merge_all(const int *handles, u32 n) { return resource_new(make_rep(take(handles, n))); }

EXPORT(IFACE "maybe") void *maybe(u32 is_some, u32 start) {
    option_area.tag = is_some != 0;
    option_area.handle = is_some ? resource_new(make_rep(start)) : 0;
    return &option_area;
}

EXPORT(IFACE "labelled") void *labelled(const u8 *label, u32 len, u32 start) {
    named_area.label = label; /* in the heap, until the post-return */
    named_area.len = len;
    named_area.handle = resource_new(make_rep(start));
    return &named_area;
}
EXPORT("cabi_post_" IFACE "labelled") void labelled_post(void *result) { (void)result; heap_empty(); }

/* the counter was given to us (an own handle): handed back as the result's own */
EXPORT(IFACE "relabel") void *relabel(const u8 *old_label, u32 old_len, int handle, const u8 *label, u32 len) {
    (void)old_label;
    (void)old_len;
    value_of(resource_rep(handle));
    named_area.label = label;
    named_area.len = len;
    named_area.handle = handle;
    return &named_area;
}
EXPORT("cabi_post_" IFACE "relabel") void relabel_post(void *result) { (void)result; heap_empty(); }
