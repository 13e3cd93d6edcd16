/*
 * greet: a freestanding core module (no libc) following the Component Model
 * Canonical ABI for
 *
 *     greet: func(name: string) -> string
 *
 * Core exports:
 *   memory
 *   cabi_realloc(old_ptr: i32, old_size: i32, align: i32, new_size: i32) -> i32
 *   greet(name_ptr: i32, name_len: i32) -> i32
 *       returns a pointer to an 8-byte return area (in static memory) holding
 *       (ptr: u32, len: u32) of the UTF-8 string "Hello, <name>!"
 *   cabi_post_greet(retptr: i32)
 *       called by the host after it has read the result: frees everything the
 *       call allocated (the host's copy of the argument and the result) by
 *       resetting the bump allocator.
 *
 * Build: ./build.sh (clang --target=wasm32 -nostdlib, see there).
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define PAGE 65536u

/* ---- bump allocator ---------------------------------------------------- */

extern u8 __heap_base; /* defined by wasm-ld: first byte after data + stack */

static u32 heap_top;   /* next free byte; 0 until first use */
static u32 last_alloc; /* start of the most recent allocation (grow in place) */

static u32 heap_start(void) { return ((u32)&__heap_base + 15u) & ~15u; }

static void heap_reset(void) {
    heap_top = heap_start();
    last_alloc = 0;
}

static u32 bump(u32 align, u32 size) {
    if (heap_top == 0) heap_reset();
    if (align == 0 || (align & (align - 1)) != 0) __builtin_trap();
    u64 start = ((u64)heap_top + align - 1) & ~(u64)(align - 1);
    u64 end = start + size;
    u64 have = (u64)__builtin_wasm_memory_size(0) * PAGE;
    if (end > have) {
        u64 pages = (end - have + PAGE - 1) / PAGE;
        if (end > 0xFFFFFFFFull || __builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1)
            __builtin_trap(); /* out of memory traps, as the Canonical ABI assumes */
    }
    heap_top = (u32)end;
    last_alloc = (u32)start;
    return (u32)start;
}

static void copy(u8 *dst, const u8 *src, u32 n) {
    for (u32 i = 0; i < n; i++) dst[i] = src[i];
}

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old_ptr, u32 old_size, u32 align, u32 new_size) {
    u32 old = (u32)old_ptr;
    if (old != 0) {
        if (new_size <= old_size) return old_ptr; /* shrink in place */
        if (old == last_alloc && (old & (align - 1)) == 0) {
            /* the newest block: grow it in place */
            heap_top = old;
            u32 p = bump(align, new_size);
            if (p != old) __builtin_trap();
            return old_ptr;
        }
        u32 p = bump(align, new_size);
        copy((u8 *)p, (const u8 *)old, old_size);
        return (void *)p;
    }
    return (void *)bump(align, new_size);
}

/* ---- greet --------------------------------------------------------------- */

static struct { u8 *ptr; u32 len; } ret_area;

__attribute__((export_name("greet")))
void *greet(const u8 *name, u32 name_len) {
    static const u8 prefix[] = "Hello, ";
    u32 plen = sizeof(prefix) - 1;
    u32 total = plen + name_len + 1;
    u8 *out = (u8 *)bump(1, total);
    copy(out, prefix, plen);
    copy(out + plen, name, name_len);
    out[plen + name_len] = '!';
    ret_area.ptr = out;
    ret_area.len = total;
    return &ret_area;
}

__attribute__((export_name("cabi_post_greet")))
void cabi_post_greet(void *retptr) {
    (void)retptr;
    heap_reset();
}
