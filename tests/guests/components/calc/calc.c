/*
 * calc.wasm (component, world wippy:calc/calc@1.2.3; WIT in calc.wit): freestanding C, no libc,
 * no imports. Hand-written Canonical ABI (string-encoding=utf8, 32-bit memory, sync lift):
 *
 *   export wippy:calc/math@1.2.3
 *     try-divide:    func(a: s32, b: s32) -> result<s32, error-info>
 *     sum-list:      func(xs: list<s32>) -> s64
 *     filter-adults: func(people: list<person>) -> list<person>
 *     describe:      func(o: option<option<u8>>, r: result, v: kind) -> string
 *   export add: func(a: s32, b: s32) -> s32   (wrapping 32-bit sum)
 *
 * Core export names (wit-component's, the version is part of the interface name):
 * "wippy:calc/math@1.2.3#<function>" and "cabi_post_wippy:calc/math@1.2.3#<function>", the
 * top-level "add", "memory" and "cabi_realloc".
 *
 * Memory: a bump heap. The host copies arguments in with cabi_realloc; a result that lives in
 * memory is freed, with the argument copies, by its cabi_post_* (heap reset). sum-list returns a
 * scalar, so it resets the heap itself before returning.
 *
 * Build: ./build.sh.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef int s32;
typedef unsigned long long u64;
typedef long long s64;

#define PAGE 65536u
#define TRAP() __builtin_trap()
#define IFACE "wippy:calc/math@1.2.3#"
#define EXPORT(name) __attribute__((export_name(name)))
#define E(fn) EXPORT(IFACE fn)
#define P(fn) EXPORT("cabi_post_" IFACE fn)

void *memcpy(void *dst, const void *src, unsigned long n) {
    u8 *d = dst;
    const u8 *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, unsigned long n) {
    u8 *d = dst;
    while (n--) *d++ = (u8)c;
    return dst;
}

/* ---- bump heap from __heap_base, grows with memory.grow, reset after each call ---- */

extern u8 __heap_base; /* defined by wasm-ld */

static u32 heap_top;   /* next free byte; 0 until first use */
static u32 last_alloc; /* start of the newest block, so it can grow in place */

static void heap_reset(void) {
    heap_top = ((u32)&__heap_base + 15u) & ~15u;
    last_alloc = 0;
}

static void *bump(u32 align, u32 size) {
    if (heap_top == 0) heap_reset();
    if (align == 0 || (align & (align - 1)) != 0) TRAP();
    u64 start = ((u64)heap_top + align - 1) & ~(u64)(align - 1);
    u64 end = start + size;
    u64 have = (u64)__builtin_wasm_memory_size(0) * PAGE;
    if (end > have) {
        u64 pages = (end - have + PAGE - 1) / PAGE;
        if (end > 0xFFFFFFFFull || __builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1)
            TRAP(); /* out of memory */
    }
    heap_top = (u32)end;
    last_alloc = (u32)start;
    return (void *)(u32)start;
}

EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, u32 old_size, u32 align, u32 new_size) {
    u32 old = (u32)old_ptr;
    if (old == 0) return bump(align, new_size);
    if (new_size <= old_size) return old_ptr;
    if (old == last_alloc && align != 0 && (old & (align - 1)) == 0) {
        heap_top = old; /* the newest block grows in place */
        if (bump(align, new_size) != old_ptr) TRAP();
        return old_ptr;
    }
    void *p = bump(align, new_size);
    memcpy(p, old_ptr, old_size);
    return p;
}

/* ---- Canonical ABI layouts (C layout on wasm32 equals the ABI layout) ---- */

typedef struct { u8 *ptr; u32 len; } str_t; /* string: size 8, align 4 */

typedef struct {
    u32 code;      /* 0 */
    str_t message; /* 4 */
} error_info_t;    /* size 12, align 4 */

typedef struct {
    u8 tag;               /* 0: 0 = ok, 1 = err */
    union {
        s32 ok;
        error_info_t err;
    } v;                  /* 4 */
} divide_result_t;        /* result<s32, error-info>: size 16, align 4 */

typedef struct {
    str_t name; /* 0 */
    u32 age;    /* 8 */
} person_t;     /* size 12, align 4 */

typedef struct { person_t *ptr; u32 len; } people_t; /* list<person> */

#define OFF(t, f) __builtin_offsetof(t, f)
_Static_assert(sizeof(str_t) == 8 && _Alignof(str_t) == 4, "string");
_Static_assert(OFF(error_info_t, message) == 4 && sizeof(error_info_t) == 12, "error-info");
_Static_assert(OFF(divide_result_t, v) == 4 && sizeof(divide_result_t) == 16 &&
               _Alignof(divide_result_t) == 4, "result<s32, error-info>");
_Static_assert(OFF(person_t, age) == 8 && sizeof(person_t) == 12 && _Alignof(person_t) == 4, "person");

/* ---- return areas and post-return bookkeeping ---------------------------------------- */

static divide_result_t ret_divide;
static people_t ret_people;
static str_t ret_string;
static void *pending; /* the return pointer awaiting its cabi_post_*, or 0 */

static void *returning(void *retptr) {
    pending = retptr;
    return retptr;
}

static void post(void *retptr) {
    if (pending == 0 || retptr != pending) TRAP();
    pending = 0;
    heap_reset();
}

/* ---- add -------------------------------------------------------------------------------- */

EXPORT("add") s32 add(s32 a, s32 b) { return (s32)((u32)a + (u32)b); }

/* ---- try-divide ------------------------------------------------------------------------- */

static const char DIV_ZERO[] = "division by zero";
static const char OVERFLOW[] = "overflow";

E("try-divide") void *try_divide(s32 a, s32 b) {
    memset(&ret_divide, 0, sizeof ret_divide);
    if (b == 0) {
        ret_divide.tag = 1;
        ret_divide.v.err.code = 1;
        ret_divide.v.err.message = (str_t){ (u8 *)DIV_ZERO, sizeof DIV_ZERO - 1 };
    } else if (a == (s32)0x80000000u && b == -1) {
        ret_divide.tag = 1;
        ret_divide.v.err.code = 2;
        ret_divide.v.err.message = (str_t){ (u8 *)OVERFLOW, sizeof OVERFLOW - 1 };
    } else {
        ret_divide.tag = 0;
        ret_divide.v.ok = a / b;
    }
    return returning(&ret_divide);
}
P("try-divide") void post_try_divide(void *r) { post(r); }

/* ---- sum-list ----------------------------------------------------------------------------- */

E("sum-list") s64 sum_list(const s32 *xs, u32 n) {
    s64 sum = 0;
    for (u32 i = 0; i < n; i++) sum += xs[i];
    heap_reset(); /* frees the argument copy: a scalar result has nothing for a post-return */
    return sum;
}

/* ---- filter-adults -------------------------------------------------------------------------- */

E("filter-adults") void *filter_adults(const person_t *people, u32 n) {
    u32 count = 0;
    for (u32 i = 0; i < n; i++) count += people[i].age >= 18;
    person_t *out = bump(4, count * (u32)sizeof(person_t));
    for (u32 i = 0, j = 0; i < n; i++) {
        if (people[i].age < 18) continue;
        str_t name = { bump(1, people[i].name.len), people[i].name.len };
        if (name.len) memcpy(name.ptr, people[i].name.ptr, name.len);
        out[j].name = name;
        out[j].age = people[i].age;
        j++;
    }
    ret_people.ptr = out;
    ret_people.len = count;
    return returning(&ret_people);
}
P("filter-adults") void post_filter_adults(void *r) { post(r); }

/* ---- describe ----------------------------------------------------------------------------------- */

typedef struct { u8 *p; } writer_t;

static void put(writer_t *w, const char *s) {
    while (*s) *w->p++ = (u8)*s++;
}

static void put_bytes(writer_t *w, const u8 *s, u32 n) {
    if (n) memcpy(w->p, s, n);
    w->p += n;
}

static void put_u32(writer_t *w, u32 v) {
    u8 digits[10];
    u32 n = 0;
    do { digits[n++] = (u8)('0' + v % 10u); v /= 10u; } while (v);
    while (n) *w->p++ = digits[--n];
}

/* Flat parameters: option<option<u8>> = (outer tag, inner tag, u8), result = (tag),
   kind = (tag, payload word 1, payload word 2): count(u32) uses word 1, label(string) uses
   both as (ptr, len). */
E("describe")
void *describe(u32 o_tag, u32 o_inner_tag, u32 o_value, u32 r_tag, u32 k_tag, u32 k_a, u32 k_b) {
    if (o_tag > 1 || (o_tag == 1 && o_inner_tag > 1) || r_tag > 1 || k_tag > 2) TRAP();
    u32 label_len = k_tag == 2 ? k_b : 0;
    /* "some(some(255))" + " " + "err" + " " + "count(4294967295)" = 40 bytes at most, or a label */
    u8 *buf = bump(1, 40u + label_len);
    writer_t w = { buf };
    if (o_tag == 0) put(&w, "none");
    else if (o_inner_tag == 0) put(&w, "some(none)");
    else { put(&w, "some(some("); put_u32(&w, o_value & 0xFFu); put(&w, "))"); }
    put(&w, r_tag == 0 ? " ok " : " err ");
    if (k_tag == 0) put(&w, "none-yet");
    else if (k_tag == 1) { put(&w, "count("); put_u32(&w, k_a); put(&w, ")"); }
    else { put(&w, "label("); put_bytes(&w, (const u8 *)k_a, label_len); put(&w, ")"); }
    ret_string.ptr = buf;
    ret_string.len = (u32)(w.p - buf);
    return returning(&ret_string);
}
P("describe") void post_describe(void *r) { post(r); }
