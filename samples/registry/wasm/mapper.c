/*
 * mapper.wasm (component, world test:mapper/mapper@0.1.0; WIT in mapper.wit): freestanding C, no
 * libc, no imports. Hand-written Canonical ABI (string-encoding=utf8, 32-bit memory, sync lift):
 *
 *   transform-users: func(users: list<user-record>) -> list<user-output>
 *   filter-active:   func(users: list<user-record>) -> list<user-output>
 *   aggregate-tags:  func(users: list<user-record>) -> list<string>
 *
 * transform(u) = { id, display: "<name> [<tags joined by ", ">]", tag-count: len(tags) };
 * filter-active transforms only users with active = true; aggregate-tags returns the distinct tags,
 * sorted by their UTF-8 bytes. Format details in mapper.README.md.
 *
 * Core exports (wit-component's names): memory, cabi_realloc, and for each function f above f and
 * cabi_post_f. Each export takes the
 * flat list (ptr, len) and returns a pointer to a static 8-byte return area holding the result
 * list (ptr, len); its cabi_post_* frees everything (the host's argument copy and the result)
 * by resetting a bump heap.
 *
 * Build: ./build-components.sh.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define PAGE 65536u
#define TRAP() __builtin_trap()

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

/* ---- bump heap from __heap_base, grows with memory.grow, reset by post-return ---- */

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
typedef struct { str_t *ptr; u32 len; } strs_t; /* list<string> */

typedef struct {
    u32 id;      /* 0 */
    str_t name;  /* 4 */
    strs_t tags; /* 12 */
    u8 active;   /* 20 */
} user_t;        /* size 24, align 4 */

typedef struct {
    u32 id;        /* 0 */
    str_t display; /* 4 */
    u32 tag_count; /* 12 */
} user_output_t;   /* size 16, align 4 */

typedef struct { user_output_t *ptr; u32 len; } outputs_t; /* list<user-output> */

#define OFF(t, f) __builtin_offsetof(t, f)
_Static_assert(sizeof(str_t) == 8 && _Alignof(str_t) == 4, "string");
_Static_assert(OFF(user_t, name) == 4 && OFF(user_t, tags) == 12 && OFF(user_t, active) == 20 &&
               sizeof(user_t) == 24 && _Alignof(user_t) == 4, "user");
_Static_assert(OFF(user_output_t, display) == 4 && OFF(user_output_t, tag_count) == 12 &&
               sizeof(user_output_t) == 16 && _Alignof(user_output_t) == 4, "user-output");

/* ---- the result: one static return area, post-return bookkeeping ------------------ */

static outputs_t ret_area;
static strs_t ret_tags;
static void *pending; /* the return pointer awaiting its cabi_post_*, or 0 */

static void post(void *retptr) {
    if (pending == 0 || retptr != pending) TRAP();
    pending = 0;
    heap_reset();
}

/* ---- transform ------------------------------------------------------------------------- */

/* display = name + " [" + tags joined by ", " + "]" */
static str_t make_display(str_t name, strs_t tags) {
    u32 len = name.len + 3u;
    for (u32 i = 0; i < tags.len; i++) len += tags.ptr[i].len + (i ? 2u : 0u);
    str_t r = { bump(1, len), len };
    u8 *p = r.ptr;
    if (name.len) memcpy(p, name.ptr, name.len);
    p += name.len;
    *p++ = ' ';
    *p++ = '[';
    for (u32 i = 0; i < tags.len; i++) {
        if (i) { *p++ = ','; *p++ = ' '; }
        if (tags.ptr[i].len) memcpy(p, tags.ptr[i].ptr, tags.ptr[i].len);
        p += tags.ptr[i].len;
    }
    *p = ']';
    return r;
}

static void transform(user_output_t *out, const user_t *in) {
    memset(out, 0, sizeof *out);
    out->id = in->id;
    out->display = make_display(in->name, in->tags);
    out->tag_count = in->tags.len;
}

static void *map(const user_t *users, u32 n, int only_active) {
    u32 count = 0;
    for (u32 i = 0; i < n; i++) count += !only_active || users[i].active != 0;
    ret_area.ptr = bump(4, count * (u32)sizeof(user_output_t));
    ret_area.len = count;
    for (u32 i = 0, j = 0; i < n; i++)
        if (!only_active || users[i].active != 0) transform(&ret_area.ptr[j++], &users[i]);
    pending = &ret_area;
    return &ret_area;
}

EXPORT("transform-users") void *transform_users(const user_t *users, u32 n) { return map(users, n, 0); }
EXPORT("cabi_post_transform-users") void post_transform_users(void *r) { post(r); }

EXPORT("filter-active") void *filter_active(const user_t *users, u32 n) { return map(users, n, 1); }
EXPORT("cabi_post_filter-active") void post_filter_active(void *r) { post(r); }

/* ---- aggregate-tags: distinct tags, sorted by bytes --------------------------------------- */

/* <0, 0, >0 like memcmp, shorter-is-smaller on a common prefix: UTF-8 byte order is code point order. */
static int compare(str_t a, str_t b) {
    u32 n = a.len < b.len ? a.len : b.len;
    for (u32 i = 0; i < n; i++)
        if (a.ptr[i] != b.ptr[i]) return (int)a.ptr[i] - (int)b.ptr[i];
    return a.len < b.len ? -1 : a.len > b.len ? 1 : 0;
}

static void *aggregate(const user_t *users, u32 n) {
    u32 total = 0;
    for (u32 i = 0; i < n; i++) total += users[i].tags.len;
    str_t *out = bump(4, total * (u32)sizeof(str_t));
    u32 count = 0;
    for (u32 i = 0; i < n; i++) {
        for (u32 t = 0; t < users[i].tags.len; t++) {
            str_t tag = users[i].tags.ptr[t];
            /* insertion into the sorted prefix, skipping duplicates; the strings stay in the argument's memory */
            u32 at = count;
            int dup = 0;
            while (at > 0) {
                int c = compare(out[at - 1], tag);
                if (c == 0) { dup = 1; break; }
                if (c < 0) break;
                at--;
            }
            if (dup) continue;
            for (u32 k = count; k > at; k--) out[k] = out[k - 1];
            out[at] = tag;
            count++;
        }
    }
    ret_tags.ptr = out;
    ret_tags.len = count;
    pending = &ret_tags;
    return &ret_tags;
}

EXPORT("aggregate-tags") void *aggregate_tags(const user_t *users, u32 n) { return aggregate(users, n); }
EXPORT("cabi_post_aggregate-tags") void post_aggregate_tags(void *r) { post(r); }
