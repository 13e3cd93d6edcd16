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
 * Build: ./build.sh.
 */
#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(name) __attribute__((import_module("[export]wippy:counter/counters"), import_name(name)))
#define IFACE "wippy:counter/counters#"

IMPORT("[resource-new]counter") int resource_new(int rep);
IMPORT("[resource-rep]counter") int resource_rep(int handle);
IMPORT("[resource-drop]counter") void resource_drop(int handle);

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
EXPORT(IFACE "[method]counter.get") unsigned counter_get(int self) { return *value_of(self); }
EXPORT(IFACE "[method]counter.add") void counter_add(int self, int other) { *value_of(self) += *value_of(other); }
EXPORT(IFACE "[method]counter.doubled") int counter_doubled(int self) { return resource_new(make_rep(*value_of(self) * 2)); }

EXPORT(IFACE "[static]counter.merge") int counter_merge(int a, int b) {
    unsigned sum = *value_of(resource_rep(a)) + *value_of(resource_rep(b));
    resource_drop(a); /* both were given to us: dropping them runs the destructor */
    resource_drop(b);
    return resource_new(make_rep(sum));
}

EXPORT(IFACE "[dtor]counter") void counter_dtor(int rep) {
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
