/*
 * imports.wasm / imports-wasi.wasm (components, worlds wippy:imports/imports and
 * wippy:imports/imports-wasi; WIT in imports.wit): freestanding C, no libc. Hand-written
 * Canonical ABI (string-encoding=utf8, 32-bit memory, sync lift and lower):
 *
 *   import wippy:imports/host
 *     log:    func(lvl: level, msg: string)
 *     lookup: func(key: string) -> option<string>
 *     scale:  func(items: list<pair>, factor: u32) -> list<pair>
 *   import wasi:cli/environment@0.2.0 (imports-wasi.wasm only, built with -DWITH_WASI)
 *     get-environment: func() -> list<tuple<string, string>>   (never called)
 *   export greet: func(name: string) -> string
 *   export total: func(items: list<pair>, factor: u32) -> u32
 *   export quiet: func() -> u32
 *
 * Core imports (wit-component's names): module "wippy:imports/host", fields "log", "lookup",
 * "scale"; module "wasi:cli/environment@0.2.0", field "get-environment". A lowered import whose
 * results flatten to more than one value (option<string>, list<pair>, list<tuple<..>>) takes a
 * pointer to a return area as its last parameter; the host writes the result there, allocating
 * the strings/lists it returns in this module's memory with cabi_realloc.
 * Core exports: "greet" + "cabi_post_greet", "total", "quiet", "memory", "cabi_realloc".
 *
 * Memory: a bump heap holding the host's copies of the arguments and whatever the host returns
 * from an import; cabi_post_greet resets it, total (scalar result) resets it before returning.
 *
 * Build: ./build.sh.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define PAGE 65536u
#define TRAP() __builtin_trap()
#define EXPORT(name) __attribute__((export_name(name)))
#define HOST(name) __attribute__((import_module("wippy:imports/host"), import_name(name)))

void *memcpy(void *dst, const void *src, unsigned long n) {
    u8 *d = dst;
    const u8 *s = src;
    while (n--) *d++ = *s++;
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
    u8 tag;      /* 0: 0 = none, 1 = some */
    str_t value; /* 4 */
} option_str_t;  /* option<string>: size 12, align 4 */

typedef struct {
    str_t key; /* 0 */
    u32 value; /* 8 */
} pair_t;      /* record pair: size 12, align 4 */

typedef struct { pair_t *ptr; u32 len; } pairs_t; /* list<pair> */

#define OFF(t, f) __builtin_offsetof(t, f)
_Static_assert(sizeof(str_t) == 8 && _Alignof(str_t) == 4, "string");
_Static_assert(OFF(option_str_t, value) == 4 && sizeof(option_str_t) == 12, "option<string>");
_Static_assert(OFF(pair_t, value) == 8 && sizeof(pair_t) == 12 && _Alignof(pair_t) == 4, "pair");

enum { LEVEL_DEBUG = 0, LEVEL_INFO = 1, LEVEL_WARN = 2 };

/* ---- imports (lowered by wit-component) ----------------------------------------------- */

HOST("log") void host_log(u32 lvl, const u8 *msg, u32 msg_len);
HOST("lookup") void host_lookup(const u8 *key, u32 key_len, option_str_t *ret);
HOST("scale") void host_scale(const pair_t *items, u32 n, u32 factor, pairs_t *ret);

#ifdef WITH_WASI
typedef struct { str_t name, value; } env_var_t;          /* tuple<string, string>: size 16 */
typedef struct { env_var_t *ptr; u32 len; } env_vars_t;   /* list<tuple<string, string>> */
_Static_assert(sizeof(env_var_t) == 16 && _Alignof(env_var_t) == 4, "tuple<string, string>");

__attribute__((import_module("wasi:cli/environment@0.2.0"), import_name("get-environment")))
void wasi_get_environment(env_vars_t *ret);

/* Never called. Every core export must belong to the world, so the import is kept alive by a
   retained (`used`) function pointer, as in ../host-import/noop.c: without it wasm-ld, and then
   wit-component, would drop the import. */
__attribute__((used)) void (*volatile keep_get_environment)(env_vars_t *) = wasi_get_environment;
#endif

/* ---- return areas and post-return bookkeeping ------------------------------------------- */

static option_str_t lookup_ret; /* import return areas */
static pairs_t scale_ret;
static str_t greet_ret;         /* export return area */
static void *pending;           /* the return pointer awaiting its cabi_post_*, or 0 */

/* ---- greet ---------------------------------------------------------------------------------- */

static u8 *put(u8 *p, const void *s, u32 n) {
    if (n) memcpy(p, s, n);
    return p + n;
}

static const char GREETING_KEY[] = "greeting";
static const char HELLO[] = "Hello";
static const char GREETED[] = "greeted ";

EXPORT("greet") void *greet(const u8 *name, u32 name_len) {
    host_lookup((const u8 *)GREETING_KEY, sizeof GREETING_KEY - 1, &lookup_ret);
    if (lookup_ret.tag > 1) TRAP();
    str_t greeting = lookup_ret.tag ? lookup_ret.value : (str_t){ (u8 *)HELLO, sizeof HELLO - 1 };

    /* "<greeting>, <name>!" */
    u32 len = greeting.len + 2u + name_len + 1u;
    u8 *out = bump(1, len), *p = out;
    p = put(p, greeting.ptr, greeting.len);
    p = put(p, ", ", 2);
    p = put(p, name, name_len);
    *p = '!';

    /* log(info, "greeted <name>") */
    u32 msg_len = (u32)sizeof GREETED - 1u + name_len;
    u8 *msg = bump(1, msg_len);
    put(put(msg, GREETED, sizeof GREETED - 1), name, name_len);
    host_log(LEVEL_INFO, msg, msg_len);

    greet_ret.ptr = out;
    greet_ret.len = len;
    pending = &greet_ret;
    return &greet_ret;
}

EXPORT("cabi_post_greet") void post_greet(void *r) {
    if (pending == 0 || r != pending) TRAP();
    pending = 0;
    heap_reset(); /* the argument copy, the host's greeting, the log message and the result */
}

/* ---- total ------------------------------------------------------------------------------------ */

EXPORT("total") u32 total(const pair_t *items, u32 n, u32 factor) {
    host_scale(items, n, factor, &scale_ret); /* the argument list goes back out as it came in */
    u32 sum = 0;
    for (u32 i = 0; i < scale_ret.len; i++) sum += scale_ret.ptr[i].value; /* wrapping */
    heap_reset(); /* the argument copy and the host's list: a scalar result has no post-return */
    return sum;
}

/* ---- quiet ------------------------------------------------------------------------------------- */

EXPORT("quiet") u32 quiet(void) { return 7; }
