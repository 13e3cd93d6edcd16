/*
 * config.wasm (component, world myns:config/config; WIT in config.wit): C with wasi-libc
 * (wasm32-wasi reactor), componentized with the wasi_snapshot_preview1 reactor adapter, so it
 * imports WASI 0.2 (environment, filesystem, ...):
 *
 *   read-config: func() -> string
 *     = getenv("GREETING") (empty when unset) + " " + the content of /data/message.txt with its
 *       trailing whitespace (spaces, tabs, CR, LF, ...) removed; when the file cannot be read (or
 *       is not valid UTF-8) the part after the space is
 *       "(cannot read /data/message.txt: <strerror(errno)>)".
 *
 * Canonical ABI by hand: cabi_realloc = realloc; the result string (ptr, len) is returned through
 * a static 8-byte return area; cabi_post_read-config frees it.
 *
 * wasi-libc (Debian 12's, git 2022-05-10) registers the preopened directories in a constructor;
 * without it fopen("/data/...") fails. The component runs `_initialize` (the constructors) at
 * instantiation, and read-config runs them itself if that did not happen (as
 * tests/guests/wasi/probe.c does; see its README.md).
 *
 * Build: ./build-components.sh.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EXPORT(name) __attribute__((export_name(name)))
#define PATH "/data/message.txt"

extern void __wasm_call_ctors(void); /* synthesized by wasm-ld */

/* volatile: keeps clang from evaluating the constructor at compile time (see probe.c). */
static volatile int ctors_ran;
__attribute__((constructor)) static void mark_ctors_ran(void) { ctors_ran = 1; }

static _Alignas(16) uint8_t zero_block[16]; /* zero-size blocks */

EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, uint32_t old_size, uint32_t align, uint32_t new_size) {
    (void)old_size;
    if (align == 0 || align > 16 || (align & (align - 1)) != 0) __builtin_trap();
    if (old_ptr == zero_block) old_ptr = NULL;
    if (new_size == 0) {
        free(old_ptr);
        return zero_block;
    }
    void *p = realloc(old_ptr, new_size);
    if (!p) __builtin_trap();
    return p;
}

static int valid_utf8(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t k;
        uint32_t cp, min;
        if ((c & 0xE0) == 0xC0) { k = 1; cp = c & 0x1F; min = 0x80; }
        else if ((c & 0xF0) == 0xE0) { k = 2; cp = c & 0x0F; min = 0x800; }
        else if ((c & 0xF8) == 0xF0) { k = 3; cp = c & 0x07; min = 0x10000; }
        else return 0;
        if (n - i <= k) return 0;
        for (size_t j = 1; j <= k; j++) {
            if ((s[i + j] & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (s[i + j] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        i += k + 1;
    }
    return 1;
}

/* Reads PATH whole into a malloc'd buffer; returns NULL and sets errno on failure. */
static char *read_all(size_t *len) {
    errno = 0;
    FILE *f = fopen(PATH, "rb");
    if (!f) return NULL;
    size_t cap = 256, n = 0;
    char *buf = malloc(cap);
    if (!buf) __builtin_trap();
    for (;;) {
        if (n == cap) {
            buf = realloc(buf, cap *= 2);
            if (!buf) __builtin_trap();
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) break;
    }
    int failed = ferror(f), e = errno;
    fclose(f);
    if (failed) {
        free(buf);
        errno = e ? e : EIO;
        return NULL;
    }
    if (!valid_utf8((unsigned char *)buf, n)) {
        free(buf);
        errno = EILSEQ;
        return NULL;
    }
    *len = n;
    return buf;
}

static struct { char *ptr; uint32_t len; } ret_area;

EXPORT("read-config")
void *read_config(void) {
    if (!ctors_ran) __wasm_call_ctors();
    const char *greeting = getenv("GREETING");
    if (!greeting) greeting = "";
    size_t glen = strlen(greeting), mlen = 0;
    char *msg = read_all(&mlen);
    char *out;
    int n;
    if (msg) {
        while (mlen > 0 && isspace((unsigned char)msg[mlen - 1])) mlen--;
        n = (int)(glen + 1 + mlen);
        out = malloc((size_t)n + 1);
        if (!out) __builtin_trap();
        memcpy(out, greeting, glen);
        out[glen] = ' ';
        memcpy(out + glen + 1, msg, mlen);
        free(msg);
    } else {
        const char *why = strerror(errno);
        size_t size = glen + strlen(why) + sizeof " (cannot read " PATH ": )";
        out = malloc(size);
        if (!out) __builtin_trap();
        n = snprintf(out, size, "%s (cannot read " PATH ": %s)", greeting, why);
        if (n < 0 || (size_t)n >= size) __builtin_trap();
    }
    ret_area.ptr = out;
    ret_area.len = (uint32_t)n;
    return &ret_area;
}

EXPORT("cabi_post_read-config")
void post_read_config(void *r) {
    (void)r;
    free(ret_area.ptr);
    ret_area.ptr = NULL;
    ret_area.len = 0;
}
