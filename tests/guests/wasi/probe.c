/*
 * probe.wasm (component, world wippy:wasi-test/probe; WIT in probe.wit): C with wasi-libc
 * (wasm32-wasi, reactor), so the core module imports wasi_snapshot_preview1 and the component gets
 * its WASI 0.2 imports from the preview1 reactor adapter. Each export exercises one WASI facility
 * through ordinary libc calls:
 *
 *   get-env(name) -> option<string>                  getenv
 *   list-env() -> list<string>                       every "NAME=value" of the environment
 *   get-args() -> list<string>                       __wasi_args_sizes_get + __wasi_args_get
 *   get-cwd() -> string                              getcwd
 *   read-file(path) -> result<string, string>        fopen/fread (err "errno N: strerror")
 *   write-file(path, content) -> result<_, string>   fopen "wb" + fwrite + fclose
 *   list-dir(path) -> result<list<string>, string>   opendir/readdir, without . and .., sorted
 *   random-bytes(n) -> list<u8>                      getentropy, 256 bytes at a time
 *   wall-clock-seconds() -> u64                      time(NULL)
 *   print(out, err)                                  fwrite to stdout / stderr, fflush both
 *   fs-op(op, a, b) -> result<string, string>        stat / unlink / mkdir / rmdir / exit
 *
 * Canonical ABI by hand (string-encoding=utf8, 32-bit memory), as in ../abi/abi.c, but on
 * wasi-libc's malloc: cabi_realloc is realloc (zero-size blocks are a static sentinel); argument
 * strings the host lowered with it are freed by the export after use; results that flatten to more
 * than one value are returned through a static return area, and their cabi_post_<name> frees what
 * the result points to. Core export names: what wit-component expects (see
 * ../components/README.md).
 *
 * Constructors: wasi-libc (this version, git 2022-05-10 9886d3d) collects the preopened
 * directories in a constructor (__wasilibc_populate_preopens, priority 51); without it every
 * path fails (fopen/opendir: errno 76 ENOTCAPABLE; see README.md). The reactor's `_initialize` runs
 * the constructors (__wasm_call_ctors). So that the exports work whether or not the host calls
 * `_initialize`, every export calls ensure_ctors() first: it runs __wasm_call_ctors itself unless
 * the constructors already ran (ctors_ran is set by a constructor of our own, the last to run).
 * The environment is read with __wasilibc_get_environ() (lazy), never through `environ`: using
 * `environ` links an eager constructor and a zero-initialized `environ` that getenv would then
 * treat as "initialized, empty" when the constructors have not run.
 *
 * Build: ./build.sh.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include <wasi/libc-environ.h>

#define EXPORT(name) __attribute__((export_name(name)))

typedef uint8_t u8;
typedef uint32_t u32;
typedef uint64_t u64;

/* ---- constructors ------------------------------------------------------------ */

extern void __wasm_call_ctors(void); /* synthesized by wasm-ld */

/* volatile: otherwise clang -O2 (GlobalOpt) evaluates mark_ctors_ran at compile time, drops it
   from the constructor list, initializes ctors_ran to 1 statically and deletes ensure_ctors's
   test, so __wasm_call_ctors would never run without `_initialize` (seen with clang 14). */
static volatile int ctors_ran;

/* Default priority (65535): runs after wasi-libc's constructors (50, 51). */
__attribute__((constructor)) static void mark_ctors_ran(void) { ctors_ran = 1; }

static void ensure_ctors(void) {
    if (!ctors_ran) __wasm_call_ctors();
}

/* ---- allocator ------------------------------------------------------------------ */

/* Zero-size blocks: a non-null, well-aligned address that is never passed to free/realloc. */
static _Alignas(16) u8 zero_block[16];

EXPORT("cabi_realloc")
void *cabi_realloc(void *old_ptr, u32 old_size, u32 align, u32 new_size) {
    (void)old_size;
    if (align == 0 || align > 16 || (align & (align - 1)) != 0) __builtin_trap();
    if (old_ptr == zero_block) old_ptr = NULL;
    if (new_size == 0) {
        free(old_ptr);
        return zero_block;
    }
    void *p = realloc(old_ptr, new_size); /* malloc's blocks are 16-byte aligned */
    if (!p) __builtin_trap();
    return p;
}

/* Frees a block the host allocated with cabi_realloc (an argument), or a result block. */
static void release(void *p) {
    if (p && p != zero_block) free(p);
}

static void *xmalloc(size_t n) {
    if (n == 0) return zero_block;
    void *p = malloc(n);
    if (!p) __builtin_trap();
    return p;
}

/* ---- Canonical ABI layouts (C layout on wasm32 equals the ABI layout) ---------- */

typedef struct { u8 *ptr; u32 len; } str_t;          /* string / list<u8>: size 8 align 4 */
typedef struct { str_t *ptr; u32 len; } strs_t;      /* list<string> */
typedef struct { u8 tag; str_t val; } tagged_str_t;  /* option<string>, result<string,string>,
                                                        result<_,string>: tag @0, payload @4 */
typedef struct { u8 tag; strs_t ok; } res_strs_t;    /* result<list<string>,string>: the err
                                                        string has the same layout as strs_t */

static union {
    str_t s;
    strs_t l;
    tagged_str_t t;
    res_strs_t r;
} ret_area; /* results of the last call; its cabi_post_* frees what they point to */

static str_t copy_str(const char *s, size_t n) {
    str_t r = { xmalloc(n), (u32)n };
    if (n) memcpy(r.ptr, s, n);
    return r;
}

static str_t dup_cstr(const char *s) { return copy_str(s, strlen(s)); }

/* A NUL-terminated copy of an argument string; the argument itself is freed. */
static char *take_cstr(u8 *p, u32 n) {
    char *s = malloc((size_t)n + 1);
    if (!s) __builtin_trap();
    if (n) memcpy(s, p, n);
    s[n] = 0;
    if (n) release(p);
    return s;
}

static void free_str(str_t s) {
    if (s.len) release(s.ptr);
}

static void free_strs(strs_t l) {
    for (u32 i = 0; i < l.len; i++) free_str(l.ptr[i]);
    if (l.len) release(l.ptr);
}

/* "errno N: strerror(N)" */
static str_t errno_message(int e) {
    char buf[160];
    int n = snprintf(buf, sizeof buf, "errno %d: %s", e, strerror(e));
    if (n < 0) n = 0;
    if ((size_t)n >= sizeof buf) n = sizeof buf - 1;
    return copy_str(buf, (size_t)n);
}

/* Strict UTF-8 (no overlongs, no surrogates, <= U+10FFFF): a `string` result must be valid. */
static int valid_utf8(const u8 *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        u8 c = s[i];
        if (c < 0x80) { i++; continue; }
        size_t k;
        u32 cp, min;
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

/* ---- get-env: func(name: string) -> option<string> ----------------------------- */

EXPORT("get-env")
tagged_str_t *get_env(u8 *name_ptr, u32 name_len) {
    ensure_ctors();
    char *name = take_cstr(name_ptr, name_len);
    const char *v = getenv(name);
    free(name);
    ret_area.t.tag = v != NULL;
    ret_area.t.val = v ? dup_cstr(v) : (str_t){ 0, 0 };
    return &ret_area.t;
}

EXPORT("cabi_post_get-env")
void post_get_env(tagged_str_t *r) {
    if (r->tag) free_str(r->val);
}

/* ---- list-env: func() -> list<string> -------------------------------------------- */

static strs_t strs_from_cstrs(char **v, size_t n) {
    strs_t l = { xmalloc(n * sizeof(str_t)), (u32)n };
    for (size_t i = 0; i < n; i++) l.ptr[i] = dup_cstr(v[i]);
    return l;
}

EXPORT("list-env")
strs_t *list_env(void) {
    ensure_ctors();
    char **env = __wasilibc_get_environ(); /* lazy; see the comment at the top */
    size_t n = 0;
    while (env && env[n]) n++;
    ret_area.l = strs_from_cstrs(env, n);
    return &ret_area.l;
}

EXPORT("cabi_post_list-env")
void post_list_env(strs_t *r) { free_strs(*r); }

/* ---- get-args: func() -> list<string> ---------------------------------------------- */

EXPORT("get-args")
strs_t *get_args(void) {
    ensure_ctors();
    __wasi_size_t argc = 0, buf_size = 0;
    if (__wasi_args_sizes_get(&argc, &buf_size) != __WASI_ERRNO_SUCCESS) __builtin_trap();
    char **argv = calloc((size_t)argc + 1, sizeof(char *));
    char *buf = malloc(buf_size ? buf_size : 1);
    if (!argv || !buf) __builtin_trap();
    if (__wasi_args_get((uint8_t **)argv, (uint8_t *)buf) != __WASI_ERRNO_SUCCESS) __builtin_trap();
    ret_area.l = strs_from_cstrs(argv, argc);
    free(buf);
    free(argv);
    return &ret_area.l;
}

EXPORT("cabi_post_get-args")
void post_get_args(strs_t *r) { free_strs(*r); }

/* ---- get-cwd: func() -> string ------------------------------------------------------ */

EXPORT("get-cwd")
str_t *get_cwd(void) {
    ensure_ctors();
    char *cwd = getcwd(NULL, 0);
    if (!cwd) __builtin_trap();
    ret_area.s = dup_cstr(cwd);
    free(cwd);
    return &ret_area.s;
}

EXPORT("cabi_post_get-cwd")
void post_get_cwd(str_t *r) { free_str(*r); }

/* ---- read-file: func(path: string) -> result<string, string> ------------------------ */

EXPORT("read-file")
tagged_str_t *read_file(u8 *path_ptr, u32 path_len) {
    ensure_ctors();
    char *path = take_cstr(path_ptr, path_len);
    errno = 0;
    FILE *f = fopen(path, "rb");
    free(path);
    if (!f) {
        ret_area.t.tag = 1;
        ret_area.t.val = errno_message(errno);
        return &ret_area.t;
    }
    size_t cap = 4096, len = 0;
    u8 *buf = xmalloc(cap);
    for (;;) {
        if (len == cap) {
            cap *= 2;
            buf = realloc(buf, cap);
            if (!buf) __builtin_trap();
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0) break;
    }
    int failed = ferror(f), e = errno;
    fclose(f);
    if (failed) {
        free(buf);
        ret_area.t.tag = 1;
        ret_area.t.val = errno_message(e);
    } else if (!valid_utf8(buf, len)) {
        free(buf);
        ret_area.t.tag = 1;
        ret_area.t.val = dup_cstr("not valid UTF-8");
    } else {
        ret_area.t.tag = 0;
        if (len == 0) { free(buf); buf = zero_block; }
        ret_area.t.val = (str_t){ buf, (u32)len };
    }
    return &ret_area.t;
}

EXPORT("cabi_post_read-file")
void post_read_file(tagged_str_t *r) { free_str(r->val); }

/* ---- write-file: func(path: string, content: string) -> result<_, string> ----------- */

EXPORT("write-file")
tagged_str_t *write_file(u8 *path_ptr, u32 path_len, u8 *data, u32 data_len) {
    ensure_ctors();
    char *path = take_cstr(path_ptr, path_len);
    errno = 0;
    FILE *f = fopen(path, "wb");
    free(path);
    int e = 0;
    if (!f) {
        e = errno;
    } else {
        if (data_len && fwrite(data, 1, data_len, f) != data_len) e = errno ? errno : EIO;
        errno = 0;
        if (fclose(f) != 0 && !e) e = errno ? errno : EIO;
    }
    if (data_len) release(data);
    ret_area.t.tag = e != 0;
    ret_area.t.val = e ? errno_message(e) : (str_t){ 0, 0 };
    return &ret_area.t;
}

EXPORT("cabi_post_write-file")
void post_write_file(tagged_str_t *r) {
    if (r->tag) free_str(r->val);
}

/* ---- fs-op: func(op: string, a: string, b: string) -> result<string, string> ----------- */

/* One file system operation by name, for the differential tests: "stat" a (ok "size=N dir=D"), "unlink" a,
 * "mkdir" a, "rmdir" a (ok ""), "exit" with status atoi(a) (does not return). err("errno N: ..."). b is unused.
 * No rename: it would make the component import rename-at, which takes two borrowed handles, and Wasmtime 50.0.1
 * cannot lift that into a host function defined through its C API, so the guest would leave the host's own WASI. */
EXPORT("fs-op")
tagged_str_t *fs_op(u8 *op_ptr, u32 op_len, u8 *a_ptr, u32 a_len, u8 *b_ptr, u32 b_len) {
    ensure_ctors();
    char *op = take_cstr(op_ptr, op_len);
    char *a = take_cstr(a_ptr, a_len);
    char *b = take_cstr(b_ptr, b_len);
    errno = 0;
    int rc = -1;
    char out[64] = "";
    struct stat st;
    if (strcmp(op, "stat") == 0) {
        rc = stat(a, &st);
        if (rc == 0) snprintf(out, sizeof out, "size=%llu dir=%d", (unsigned long long)st.st_size, S_ISDIR(st.st_mode) ? 1 : 0);
    } else if (strcmp(op, "unlink") == 0) {
        rc = unlink(a);
    } else if (strcmp(op, "mkdir") == 0) {
        rc = mkdir(a, 0755);
    } else if (strcmp(op, "rmdir") == 0) {
        rc = rmdir(a);
    } else if (strcmp(op, "exit") == 0) {
        exit(atoi(a));
    } else {
        errno = EINVAL;
    }
    int e = errno;
    free(op);
    free(a);
    free(b);
    ret_area.t.tag = rc != 0;
    ret_area.t.val = rc != 0 ? errno_message(e) : dup_cstr(out);
    return &ret_area.t;
}

EXPORT("cabi_post_fs-op")
void post_fs_op(tagged_str_t *r) { free_str(r->val); }

/* ---- list-dir: func(path: string) -> result<list<string>, string> -------------------- */

static int cmp_cstr(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

EXPORT("list-dir")
res_strs_t *list_dir(u8 *path_ptr, u32 path_len) {
    ensure_ctors();
    char *path = take_cstr(path_ptr, path_len);
    errno = 0;
    DIR *d = opendir(path);
    free(path);
    if (!d) {
        str_t m = errno_message(errno);
        ret_area.r.tag = 1;
        ret_area.r.ok = (strs_t){ (str_t *)m.ptr, m.len }; /* err string, same layout */
        return &ret_area.r;
    }
    size_t n = 0, cap = 16;
    char **names = xmalloc(cap * sizeof(char *));
    struct dirent *ent;
    int e = 0;
    for (;;) {
        errno = 0;
        ent = readdir(d);
        if (!ent) { e = errno; break; }
        if (!strcmp(ent->d_name, ".") || !strcmp(ent->d_name, "..")) continue;
        if (n == cap) {
            cap *= 2;
            names = realloc(names, cap * sizeof(char *));
            if (!names) __builtin_trap();
        }
        names[n] = strdup(ent->d_name);
        if (!names[n]) __builtin_trap();
        n++;
    }
    closedir(d);
    if (e) {
        for (size_t i = 0; i < n; i++) free(names[i]);
        free(names);
        str_t m = errno_message(e);
        ret_area.r.tag = 1;
        ret_area.r.ok = (strs_t){ (str_t *)m.ptr, m.len };
        return &ret_area.r;
    }
    qsort(names, n, sizeof(char *), cmp_cstr);
    ret_area.r.tag = 0;
    ret_area.r.ok = strs_from_cstrs(names, n);
    for (size_t i = 0; i < n; i++) free(names[i]);
    free(names);
    return &ret_area.r;
}

EXPORT("cabi_post_list-dir")
void post_list_dir(res_strs_t *r) {
    if (r->tag == 0) free_strs(r->ok);
    else free_str((str_t){ (u8 *)r->ok.ptr, r->ok.len });
}

/* ---- random-bytes: func(n: u32) -> list<u8> ---------------------------------------- */

EXPORT("random-bytes")
str_t *random_bytes(u32 n) {
    ensure_ctors();
    u8 *buf = xmalloc(n);
    for (u32 done = 0; done < n;) {
        u32 chunk = n - done < 256 ? n - done : 256; /* getentropy's limit */
        if (getentropy(buf + done, chunk) != 0) __builtin_trap();
        done += chunk;
    }
    ret_area.s = (str_t){ buf, n };
    return &ret_area.s;
}

EXPORT("cabi_post_random-bytes")
void post_random_bytes(str_t *r) { free_str(*r); }

/* ---- wall-clock-seconds: func() -> u64 ---------------------------------------------- */

EXPORT("wall-clock-seconds")
u64 wall_clock_seconds(void) {
    ensure_ctors();
    time_t t = time(NULL);
    if (t == (time_t)-1) __builtin_trap();
    return (u64)t;
}

/* ---- print: func(out: string, err: string) ------------------------------------------ */

EXPORT("print")
void print(u8 *out, u32 out_len, u8 *err, u32 err_len) {
    ensure_ctors();
    if (out_len) fwrite(out, 1, out_len, stdout);
    if (err_len) fwrite(err, 1, err_len, stderr);
    fflush(stdout);
    fflush(stderr);
    if (out_len) release(out);
    if (err_len) release(err);
}
