/*
 * A bump heap for freestanding guests (no libc): from __heap_base up, growing linear memory as needed, emptied
 * whole with heap_empty() once nothing in it is needed any more. cabi_realloc (exported) is how the host places
 * the strings and lists it hands a guest there. Include it once, in the guest's only C file.
 */
#ifndef WIPPY_BUMP_HEAP_H
#define WIPPY_BUMP_HEAP_H

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

/* clang may turn copies into memcpy calls; there is no libc to provide it. */
void *memcpy(void *dst, const void *src, unsigned long n) {
    u8 *d = dst;
    const u8 *s = src;
    while (n--) *d++ = *s++;
    return dst;
}

extern u8 __heap_base;
static u32 heap_top;

static void heap_empty(void) { heap_top = (u32)&__heap_base; }

static void *alloc(u32 align, u32 size) {
    if (heap_top == 0) heap_empty();
    u64 start = ((u64)heap_top + align - 1) & ~(u64)(align - 1);
    u64 end = start + size;
    u64 have = (u64)__builtin_wasm_memory_size(0) << 16;
    if (end > have) {
        u64 pages = (end - have + 65535) >> 16;
        if (end > 0xFFFFFFFFull || __builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1)
            __builtin_trap(); /* out of memory */
    }
    heap_top = (u32)end;
    return (void *)(u32)start;
}

__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, u32 old_size, u32 align, u32 new_size) {
    if (old == 0) return alloc(align, new_size);
    if (new_size <= old_size) return old;
    u8 *p = alloc(align, new_size);
    memcpy(p, old, old_size);
    return p;
}

#endif
