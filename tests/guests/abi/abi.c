/*
 * abi.wasm: a freestanding core module (no libc) implementing abi.wit by hand,
 * following the Component Model Canonical ABI (string-encoding=utf8,
 * 32-bit memory, synchronous lift, MAX_FLAT_PARAMS = 16, MAX_FLAT_RESULTS = 1).
 * It is the guest for testing a host's Canonical ABI lifting and lowering.
 *
 * Implementation choices (the spec leaves these to the guest):
 *  - Memory: one exported "memory". Static data first, then the 64 KiB shadow
 *    stack, then a bump heap starting at __heap_base (rounded up to 16). The
 *    heap grows with memory.grow; out of memory traps (unreachable).
 *  - cabi_realloc(old_ptr, old_size, align, new_size): bump allocation; shrinks
 *    in place; grows in place when old_ptr is the newest block; otherwise
 *    allocates anew and copies old_size bytes. Traps if align is not a power
 *    of two.
 *  - Return area: when an export's flat results exceed one value it returns a
 *    pointer to ONE static, 8-aligned 64-byte buffer (ret_area) that holds the
 *    result tuple. It is overwritten by the next call.
 *  - Strings and lists in results are allocated from the bump heap.
 *  - cabi_post_<name> exists for every export whose results point into the
 *    heap. It traps unless its argument is the pointer the export returned and
 *    that call has not been post-returned yet; then it counts itself (see
 *    post-count) and frees the whole heap (the host's argument copies and the
 *    results) by resetting the bump pointer.
 *  - Every export WITHOUT a cabi_post resets the heap itself just before it
 *    returns: its heap arguments (lowered by the host with cabi_realloc) are
 *    dead by then.
 *  - Inputs are lifted like the spec lifts: integers take the low bits of the
 *    i32 (s8/s16 sign-extended), bool is "nonzero = true", flags ignore bits
 *    past the third. An invalid discriminant (enum/option/result/variant, at
 *    any nesting) or an invalid char (surrogate or >= 0x110000) traps with
 *    unreachable, so a host that lowers garbage is caught.
 *
 * Build: ./build.sh.
 */

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef int s32;
typedef unsigned long long u64;
typedef long long s64;

#define EXPORT(name) __attribute__((export_name(name)))
#define PAGE 65536u
#define TRAP() __builtin_trap()

/* ---- memory helpers (the compiler may emit calls to these) --------------- */

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

/* ---- bump allocator ------------------------------------------------------ */

extern u8 __heap_base; /* defined by wasm-ld */

static u32 heap_top;   /* next free byte; 0 until first use */
static u32 last_alloc; /* start of the newest block */

static u32 heap_start(void) { return ((u32)&__heap_base + 15u) & ~15u; }

static void heap_reset(void) {
    heap_top = heap_start();
    last_alloc = 0;
}

static u32 memory_bytes(void) { return (u32)__builtin_wasm_memory_size(0) * PAGE; }

static void *bump(u32 align, u32 size) {
    if (heap_top == 0) heap_reset();
    if (align == 0 || (align & (align - 1)) != 0) TRAP();
    u64 start = ((u64)heap_top + align - 1) & ~(u64)(align - 1);
    u64 end = start + size;
    u64 have = (u64)__builtin_wasm_memory_size(0) * PAGE;
    if (end > have) {
        u64 pages = (end - have + PAGE - 1) / PAGE;
        if (end > 0xFFFFFFFFull || __builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1)
            TRAP();
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
        heap_top = old;
        if (bump(align, new_size) != old_ptr) TRAP();
        return old_ptr;
    }
    void *p = bump(align, new_size);
    memcpy(p, old_ptr, old_size);
    return p;
}

/* ---- Canonical ABI layouts (C layout on wasm32 equals the ABI layout) ---- */

typedef struct { u8 *ptr; u32 len; } str_t;                 /* string, size 8 align 4 */
typedef struct { str_t *ptr; u32 len; } strs_t;             /* list<string> */
typedef struct { s32 x, y; } point_t;                        /* size 8 align 4 */
typedef struct { u8 tag; str_t some; } opt_str_t;            /* option<string>: size 12 */
typedef struct {
    str_t name;      /* 0 */
    u8 age;          /* 8 */
    strs_t tags;     /* 12 */
    opt_str_t email; /* 20 */
    point_t home;    /* 32 */
} person_t;          /* size 40 align 4 */
typedef struct { person_t *ptr; u32 len; } people_t;
typedef struct {
    u8 tag; /* 0 circle(f32), 1 rect(point), 2 label(string), 3 empty */
    union { u32 circle_bits; point_t rect; str_t label; } u; /* at 4 */
} shape_t;  /* size 12 align 4 */
typedef struct { shape_t *ptr; u32 len; } shapes_t;
typedef struct { u8 a; str_t b; double c; } tuple_t;       /* tuple<u8,string,f64>: b@4 c@16 size 24 */
typedef struct { u8 tag; s32 some; } opt_s32_t;             /* option<s32>: size 8 */
typedef struct { u8 tag; opt_str_t some; } opt_opt_str_t;   /* option<option<string>>: size 16 */
typedef struct { u8 tag; union { u32 ok; str_t err; } u; } result_t; /* result<u32,string>: 12 */
typedef struct { u8 tag; str_t err; } result_err_t;         /* result<_,string>: 12 */
typedef struct { u32 *ptr; u32 len; } list_u32_t;
typedef struct { u32 ptr; u32 len; } raw_pair_t;            /* for deliberately bad values */

#define OFF(t, f) __builtin_offsetof(t, f)
_Static_assert(sizeof(str_t) == 8 && _Alignof(str_t) == 4, "string");
_Static_assert(sizeof(opt_str_t) == 12 && OFF(opt_str_t, some) == 4, "option<string>");
_Static_assert(OFF(person_t, age) == 8 && OFF(person_t, tags) == 12 && OFF(person_t, email) == 20 &&
               OFF(person_t, home) == 32 && sizeof(person_t) == 40 && _Alignof(person_t) == 4, "person");
_Static_assert(sizeof(shape_t) == 12 && OFF(shape_t, u) == 4, "shape");
_Static_assert(OFF(tuple_t, b) == 4 && OFF(tuple_t, c) == 16 && sizeof(tuple_t) == 24 && _Alignof(tuple_t) == 8, "tuple");
_Static_assert(sizeof(opt_s32_t) == 8 && OFF(opt_s32_t, some) == 4, "option<s32>");
_Static_assert(sizeof(opt_opt_str_t) == 16 && OFF(opt_opt_str_t, some) == 4, "option<option<string>>");
_Static_assert(sizeof(result_t) == 12 && OFF(result_t, u) == 4, "result<u32,string>");
_Static_assert(sizeof(result_err_t) == 12 && OFF(result_err_t, err) == 4, "result<_,string>");

/* The one static return area: 64 bytes, 8-aligned. */
static union {
    u64 align8[8];
    str_t str; strs_t strs; point_t point; person_t person; people_t people;
    shape_t shape; shapes_t shapes; tuple_t tuple; opt_s32_t opt_s32; opt_str_t opt_str;
    opt_opt_str_t opt_opt_str; result_t result; result_err_t result_err;
    list_u32_t list_u32; raw_pair_t raw;
} ret_area;

static void *ret_begin(void) {
    memset(&ret_area, 0, sizeof ret_area);
    return &ret_area;
}

/* ---- post-return bookkeeping ----------------------------------------------- */

static u32 post_calls;  /* how many cabi_post_* ran */
static void *pending;   /* return pointer awaiting its cabi_post_*, or 0 */

static void *returns_allocated(void *retptr) {
    pending = retptr;
    return retptr;
}

static void post(void *retptr) {
    if (pending == 0 || retptr != pending) TRAP();
    pending = 0;
    post_calls++;
    heap_reset();
}

/* An export with no cabi_post frees its heap arguments itself. */
#define RETURN_NO_POST(v) do { heap_reset(); return (v); } while (0)

/* ---- copies ---------------------------------------------------------------- */

static str_t copy_str(str_t s) {
    str_t r;
    r.ptr = bump(1, s.len);
    if (s.len) memcpy(r.ptr, s.ptr, s.len);
    r.len = s.len;
    return r;
}

static str_t mk_str(u8 *ptr, u32 len) { str_t s = { ptr, len }; return s; }

static strs_t copy_strs(strs_t v) {
    strs_t r;
    r.ptr = bump(4, v.len * 8u);
    r.len = v.len;
    for (u32 i = 0; i < v.len; i++) r.ptr[i] = copy_str(v.ptr[i]);
    return r;
}

static opt_str_t copy_opt_str(u32 tag, str_t s) {
    opt_str_t r;
    memset(&r, 0, sizeof r);
    if (tag > 1) TRAP();
    r.tag = (u8)tag;
    if (tag == 1) r.some = copy_str(s);
    return r;
}

static void copy_person(person_t *dst, const person_t *src) {
    memset(dst, 0, sizeof *dst);
    dst->name = copy_str(src->name);
    dst->age = src->age;
    dst->tags = copy_strs(src->tags);
    dst->email = copy_opt_str(src->email.tag, src->email.some);
    dst->home = src->home;
}

static u32 check_char(u32 c) {
    if (c >= 0x110000u || (c >= 0xD800u && c <= 0xDFFFu)) TRAP();
    return c;
}

static void copy_shape(shape_t *dst, const shape_t *src) {
    memset(dst, 0, sizeof *dst);
    dst->tag = src->tag;
    switch (src->tag) {
    case 0: dst->u.circle_bits = src->u.circle_bits; break;
    case 1: dst->u.rect = src->u.rect; break;
    case 2: dst->u.label = copy_str(src->u.label); break;
    case 3: break;
    default: TRAP();
    }
}

/* ---- scalars: (v) -> v, no memory ------------------------------------------ */

EXPORT("echo-bool") u32 echo_bool(u32 v) { RETURN_NO_POST(v != 0); }
EXPORT("echo-s8")   s32 echo_s8(u32 v)   { RETURN_NO_POST((s32)(signed char)(u8)v); }
EXPORT("echo-u8")   u32 echo_u8(u32 v)   { RETURN_NO_POST(v & 0xFFu); }
EXPORT("echo-s16")  s32 echo_s16(u32 v)  { RETURN_NO_POST((s32)(short)(u16)v); }
EXPORT("echo-u16")  u32 echo_u16(u32 v)  { RETURN_NO_POST(v & 0xFFFFu); }
EXPORT("echo-s32")  s32 echo_s32(s32 v)  { RETURN_NO_POST(v); }
EXPORT("echo-u32")  u32 echo_u32(u32 v)  { RETURN_NO_POST(v); }
EXPORT("echo-s64")  s64 echo_s64(s64 v)  { RETURN_NO_POST(v); }
EXPORT("echo-u64")  u64 echo_u64(u64 v)  { RETURN_NO_POST(v); }
EXPORT("echo-f32")  float echo_f32(float v)   { RETURN_NO_POST(v); }
EXPORT("echo-f64")  double echo_f64(double v) { RETURN_NO_POST(v); }
EXPORT("echo-char") u32 echo_char(u32 v) { RETURN_NO_POST(check_char(v)); }
EXPORT("echo-enum") u32 echo_enum(u32 c) { if (c > 2) TRAP(); RETURN_NO_POST(c); }
EXPORT("echo-flags") u32 echo_flags(u32 f) { RETURN_NO_POST(f & 7u); }
EXPORT("echo-result-empty") u32 echo_result_empty(u32 tag) { if (tag > 1) TRAP(); RETURN_NO_POST(tag); }

/* ---- strings and lists ------------------------------------------------------- */

EXPORT("echo-string") void *echo_string(u8 *p, u32 n) {
    str_t *r = ret_begin();
    *r = copy_str(mk_str(p, n));
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-string") void post_echo_string(void *r) { post(r); }

EXPORT("echo-bytes") void *echo_bytes(u8 *p, u32 n) {
    str_t *r = ret_begin(); /* list<u8> has the same layout: ptr, count */
    *r = copy_str(mk_str(p, n));
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-bytes") void post_echo_bytes(void *r) { post(r); }

EXPORT("echo-list") void *echo_list(s32 *p, u32 n) {
    list_u32_t *r = ret_begin();
    r->ptr = bump(4, n * 4u);
    r->len = n;
    for (u32 i = 0; i < n; i++) r->ptr[i] = (u32)p[i];
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-list") void post_echo_list(void *r) { post(r); }

EXPORT("echo-strings") void *echo_strings(str_t *p, u32 n) {
    strs_t *r = ret_begin();
    strs_t in = { p, n };
    *r = copy_strs(in);
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-strings") void post_echo_strings(void *r) { post(r); }

/* ---- records ------------------------------------------------------------------ */

EXPORT("echo-point") void *echo_point(s32 x, s32 y) {
    point_t *r = ret_begin();
    r->x = x;
    r->y = y;
    RETURN_NO_POST((void *)r);
}

/* person flattens to 10 values: name(ptr,len) age tags(ptr,len) email(tag,ptr,len) home(x,y) */
EXPORT("echo-person")
void *echo_person(u8 *name, u32 name_len, u32 age, str_t *tags, u32 tags_len,
                  u32 email_tag, u8 *email, u32 email_len, s32 x, s32 y) {
    person_t in;
    memset(&in, 0, sizeof in);
    in.name = mk_str(name, name_len);
    in.age = (u8)age;
    in.tags.ptr = tags;
    in.tags.len = tags_len;
    if (email_tag > 1) TRAP();
    in.email.tag = (u8)email_tag;
    in.email.some = mk_str(email, email_len);
    in.home.x = x;
    in.home.y = y;
    person_t *r = ret_begin();
    copy_person(r, &in);
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-person") void post_echo_person(void *r) { post(r); }

EXPORT("echo-people") void *echo_people(person_t *p, u32 n) {
    people_t *r = ret_begin();
    r->ptr = bump(4, n * (u32)sizeof(person_t));
    r->len = n;
    for (u32 i = 0; i < n; i++) copy_person(&r->ptr[i], &p[i]);
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-people") void post_echo_people(void *r) { post(r); }

/* tuple<u8, string, f64> flattens to (i32, i32, i32, f64) */
EXPORT("echo-tuple") void *echo_tuple(u32 a, u8 *p, u32 n, double c) {
    tuple_t *r = ret_begin();
    r->a = (u8)a;
    r->b = copy_str(mk_str(p, n));
    r->c = c;
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-tuple") void post_echo_tuple(void *r) { post(r); }

/* ---- variants ----------------------------------------------------------------- */

/* option<s32> flattens to (tag, i32) */
EXPORT("echo-option") void *echo_option(u32 tag, s32 v) {
    opt_s32_t *r = ret_begin();
    if (tag > 1) TRAP();
    r->tag = (u8)tag;
    r->some = tag ? v : 0;
    RETURN_NO_POST((void *)r);
}

/* option<string> flattens to (tag, ptr, len) */
EXPORT("echo-option-string") void *echo_option_string(u32 tag, u8 *p, u32 n) {
    opt_str_t *r = ret_begin();
    *r = copy_opt_str(tag, mk_str(p, n));
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-option-string") void post_echo_option_string(void *r) { post(r); }

/* option<option<string>> flattens to (tag, inner tag, ptr, len) */
EXPORT("echo-nested-option") void *echo_nested_option(u32 tag, u32 inner, u8 *p, u32 n) {
    opt_opt_str_t *r = ret_begin();
    if (tag > 1) TRAP();
    r->tag = (u8)tag;
    if (tag == 1) r->some = copy_opt_str(inner, mk_str(p, n));
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-nested-option") void post_echo_nested_option(void *r) { post(r); }

/* result<u32, string> flattens to (tag, i32 = ok or err ptr, i32 = err len) */
EXPORT("echo-result") void *echo_result(u32 tag, u32 a, u32 b) {
    result_t *r = ret_begin();
    r->tag = (u8)tag;
    if (tag == 0) r->u.ok = a;
    else if (tag == 1) r->u.err = copy_str(mk_str((u8 *)a, b));
    else TRAP();
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-result") void post_echo_result(void *r) { post(r); }

/* result<_, string> flattens to (tag, ptr, len) */
EXPORT("echo-result-err-only") void *echo_result_err_only(u32 tag, u8 *p, u32 n) {
    result_err_t *r = ret_begin();
    if (tag > 1) TRAP();
    r->tag = (u8)tag;
    if (tag == 1) r->err = copy_str(mk_str(p, n));
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-result-err-only") void post_echo_result_err_only(void *r) { post(r); }

/* shape flattens to (tag, i32, i32): circle's f32 arrives as its i32 bits */
EXPORT("echo-shape") void *echo_shape(u32 tag, u32 a, u32 b) {
    shape_t in;
    memset(&in, 0, sizeof in);
    in.tag = (u8)tag;
    if (tag > 3) TRAP();
    if (tag == 0) in.u.circle_bits = a;
    if (tag == 1) { in.u.rect.x = (s32)a; in.u.rect.y = (s32)b; }
    if (tag == 2) in.u.label = mk_str((u8 *)a, b);
    shape_t *r = ret_begin();
    copy_shape(r, &in);
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-shape") void post_echo_shape(void *r) { post(r); }

EXPORT("echo-shapes") void *echo_shapes(shape_t *p, u32 n) {
    shapes_t *r = ret_begin();
    r->ptr = bump(4, n * (u32)sizeof(shape_t));
    r->len = n;
    for (u32 i = 0; i < n; i++) copy_shape(&r->ptr[i], &p[i]);
    return returns_allocated(r);
}
EXPORT("cabi_post_echo-shapes") void post_echo_shapes(void *r) { post(r); }

/* ---- spilled params ------------------------------------------------------------ */

/* 17 flat params > MAX_FLAT_PARAMS: one pointer to a tuple of 17 u32 (68 bytes, align 4). */
EXPORT("sum17") u64 sum17(const u32 *args) {
    u64 s = 0;
    for (u32 i = 0; i < 17; i++) s += args[i];
    RETURN_NO_POST(s);
}

/* ---- mixed ---------------------------------------------------------------------- */

typedef struct { u8 *p; u32 n; } buf_t;

static void put(buf_t *b, const char *s) { while (*s) b->p[b->n++] = (u8)*s++; }

static void put_u64(buf_t *b, u64 v) {
    u8 tmp[20];
    u32 k = 0;
    do { tmp[k++] = (u8)('0' + v % 10); v /= 10; } while (v);
    while (k) b->p[b->n++] = tmp[--k];
}

static void put_hex(buf_t *b, u64 v, u32 digits) {
    put(b, "0x");
    for (u32 i = digits; i-- > 0;) b->p[b->n++] = (u8)"0123456789abcdef"[(v >> (i * 4)) & 15];
}

static void put_utf8(buf_t *b, u32 c) {
    if (c < 0x80) {
        b->p[b->n++] = (u8)c;
    } else if (c < 0x800) {
        b->p[b->n++] = (u8)(0xC0 | (c >> 6));
        b->p[b->n++] = (u8)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        b->p[b->n++] = (u8)(0xE0 | (c >> 12));
        b->p[b->n++] = (u8)(0x80 | ((c >> 6) & 0x3F));
        b->p[b->n++] = (u8)(0x80 | (c & 0x3F));
    } else {
        b->p[b->n++] = (u8)(0xF0 | (c >> 18));
        b->p[b->n++] = (u8)(0x80 | ((c >> 12) & 0x3F));
        b->p[b->n++] = (u8)(0x80 | ((c >> 6) & 0x3F));
        b->p[b->n++] = (u8)(0x80 | (c & 0x3F));
    }
}

/*
 * mixed(a, b, c, d, e, f) returns, in ASCII except for f:
 *   "a=<a decimal> b=<b decimal, '-' if negative> c=0x<f32 bits, 8 lowercase hex digits>
 *    d=0x<f64 bits, 16 lowercase hex digits> e=<true|false> f=<f as UTF-8>"
 * (one line, single spaces), e.g. mixed(7, -9000000000, 1.5, -2.25, true, 'é') =
 *   "a=7 b=-9000000000 c=0x3fc00000 d=0xc002000000000000 e=true f=é".
 */
EXPORT("mixed") void *mixed(u32 a, s64 b, float c, double d, u32 e, u32 f) {
    union { float f; u32 u; } cf = { c };
    union { double d; u64 u; } df = { d };
    check_char(f);
    buf_t out = { bump(1, 96), 0 }; /* longest: 5+1+22+1+12+1+20+1+7+1+6 = 77 bytes */
    put(&out, "a=");
    put_u64(&out, a & 0xFFu);
    put(&out, " b=");
    if (b < 0) { put(&out, "-"); put_u64(&out, 0ull - (u64)b); } else put_u64(&out, (u64)b);
    put(&out, " c=");
    put_hex(&out, cf.u, 8);
    put(&out, " d=");
    put_hex(&out, df.u, 16);
    put(&out, e ? " e=true" : " e=false");
    put(&out, " f=");
    put_utf8(&out, f);
    str_t *r = ret_begin();
    r->ptr = out.p;
    r->len = out.n;
    return returns_allocated(r);
}
EXPORT("cabi_post_mixed") void post_mixed(void *r) { post(r); }

/* Unicode scalar values in a UTF-8 string: bytes that are not 10xxxxxx. */
EXPORT("count-chars") u32 count_chars(const u8 *p, u32 n) {
    u32 c = 0;
    for (u32 i = 0; i < n; i++) c += (p[i] & 0xC0u) != 0x80u;
    RETURN_NO_POST(c);
}

/*
 * make-person(name, age) = { name, age, tags: ["new", "age:<age decimal>"],
 *                            email: some("<name>@example.com"), home: { x: age, y: -age } }
 */
EXPORT("make-person") void *make_person(u8 *name, u32 name_len, u32 age) {
    age &= 0xFFu;
    person_t *r = ret_begin();
    r->name = copy_str(mk_str(name, name_len));
    r->age = (u8)age;
    r->tags.ptr = bump(4, 2 * 8u);
    r->tags.len = 2;
    r->tags.ptr[0] = copy_str(mk_str((u8 *)"new", 3));
    buf_t t = { bump(1, 7), 0 };
    put(&t, "age:");
    put_u64(&t, age);
    r->tags.ptr[1] = mk_str(t.p, t.n);
    static const char domain[] = "@example.com";
    u32 dl = sizeof(domain) - 1;
    r->email.tag = 1;
    r->email.some.ptr = bump(1, name_len + dl);
    r->email.some.len = name_len + dl;
    if (name_len) memcpy(r->email.some.ptr, name, name_len);
    memcpy(r->email.some.ptr + name_len, domain, dl);
    r->home.x = (s32)age;
    r->home.y = -(s32)age;
    return returns_allocated(r);
}
EXPORT("cabi_post_make-person") void post_make_person(void *r) { post(r); }

EXPORT("post-count") u32 post_count(void) { RETURN_NO_POST(post_calls); }

/* ---- deliberately bad results (no cabi_post: a conforming host traps first) ---- */

static const u8 some_text[] = "some text";
static u32 u32_cells[4] = { 1, 2, 3, 4 };
static u64 u64_cells[2] = { 5, 6 };
static const u8 bad_utf8[5] = { 'a', 'b', 0xC3, 0x28, 0xFF }; /* C3 needs a continuation; FF is never valid */

static void *bad_pair(u32 ptr, u32 len) {
    raw_pair_t *r = ret_begin();
    r->ptr = ptr;
    r->len = len;
    RETURN_NO_POST((void *)r);
}

/* string (ptr = memory size - 4, len = 16): starts in bounds, ends 12 bytes past the end */
EXPORT("bad-string-pointer") void *bad_string_pointer(void) { return bad_pair(memory_bytes() - 4u, 16u); }

/* string of 5 bytes 61 62 C3 28 FF: not UTF-8 */
EXPORT("bad-string-utf8") void *bad_string_utf8(void) { return bad_pair((u32)bad_utf8, sizeof bad_utf8); }

/* string at a valid static address with length 0xFFFFFFF0 (> 2^28-1; ptr+len wraps 32 bits) */
EXPORT("bad-string-huge-length") void *bad_string_huge_length(void) { return bad_pair((u32)some_text, 0xFFFFFFF0u); }

/* list<u32> of 2 elements at (a 4-aligned static array) + 1: in bounds, misaligned */
EXPORT("bad-list-alignment") void *bad_list_alignment(void) { return bad_pair((u32)u32_cells + 1u, 2u); }

/* list<u64> at an 8-aligned static address p with len = (2^32 - p) / 8 + 1:
   len * 8 fits in 32 bits but p + len * 8 = 2^32 + 8, which wraps to 8 */
EXPORT("bad-list-overflow") void *bad_list_overflow(void) {
    u32 p = (u32)u64_cells;
    return bad_pair(p, (u32)((0x100000000ull - p) / 8u + 1u));
}

/* string result whose return-area pointer is the memory size: 8-aligned, entirely out of bounds */
EXPORT("bad-return-pointer") u32 bad_return_pointer(void) { RETURN_NO_POST(memory_bytes()); }

/* extra: string result whose return-area pointer is in bounds but not 4-aligned */
EXPORT("bad-return-alignment") u32 bad_return_alignment(void) {
    raw_pair_t *r = ret_begin();
    r->ptr = (u32)some_text;
    r->len = 4;
    RETURN_NO_POST((u32)r + 2u);
}

/* color (flat i32) = 7; color has 3 cases */
EXPORT("bad-enum") u32 bad_enum(void) { RETURN_NO_POST(7u); }

/* option<s32> in the return area with discriminant byte 2 (payload 42) */
EXPORT("bad-option") void *bad_option(void) {
    opt_s32_t *r = ret_begin();
    r->tag = 2;
    r->some = 42;
    RETURN_NO_POST((void *)r);
}

/* result<u32, string> in the return area with discriminant byte 5 (payload 42) */
EXPORT("bad-result") void *bad_result(void) {
    result_t *r = ret_begin();
    r->tag = 5;
    r->u.ok = 42;
    RETURN_NO_POST((void *)r);
}

/* shape in the return area with discriminant byte 9 */
EXPORT("bad-variant") void *bad_variant(void) {
    shape_t *r = ret_begin();
    r->tag = 9;
    RETURN_NO_POST((void *)r);
}

/* char (flat i32) = 0xD800, a surrogate */
EXPORT("bad-char") u32 bad_char(void) { RETURN_NO_POST(0xD800u); }

/* char (flat i32) = 0x110000, past the last code point */
EXPORT("bad-char-range") u32 bad_char_range(void) { RETURN_NO_POST(0x110000u); }

/* perms (flat i32) = 0x21: bit 0 (read) and bit 5, which names no flag */
EXPORT("bad-flags") u32 bad_flags(void) { RETURN_NO_POST(0x21u); }

/* bool (flat i32) = 2 */
EXPORT("bad-bool") u32 bad_bool(void) { RETURN_NO_POST(2u); }

/* u32 result, but executes unreachable */
EXPORT("trap") u32 trap(void) { TRAP(); }
