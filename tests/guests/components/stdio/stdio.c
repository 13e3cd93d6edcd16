/*
 * stdio.wasm (component, world wippy:stdio-test/stdio; WIT in stdio.wit): freestanding C, no libc,
 * no WASI adapter, so it imports wasi:cli (environment, exit, stdout, stderr), wasi:io (error,
 * streams) and wasi:random and nothing of wasi:filesystem. Hand-written Canonical ABI (32-bit
 * memory, sync lift and lower). Core imports used:
 *
 *   wasi:cli/stdout@0.2.0  get-stdout() -> own<output-stream>                   () -> i32
 *   wasi:cli/stderr@0.2.0  get-stderr() -> own<output-stream>                   () -> i32
 *   wasi:cli/environment@0.2.0
 *     get-environment() -> list<tuple<string, string>>                          (retptr)
 *     get-arguments() -> list<string>                                           (retptr)
 *   wasi:cli/exit@0.2.0    exit(status: result)                                 (i32: 0 ok, 1 err)
 *   wasi:io/streams@0.2.0
 *     [method]output-stream.blocking-write-and-flush(self, list<u8>) -> result<_, stream-error>
 *                                                                               (i32, ptr, len, retptr)
 *     [method]output-stream.check-write(self) -> result<u64, stream-error>     (i32, retptr)
 *     [method]output-stream.write(self, list<u8>) -> result<_, stream-error>   (i32, ptr, len, retptr)
 *     [resource-drop]output-stream                                              (i32)
 *   wasi:random/random@0.2.0  get-random-bytes(len: u64) -> list<u8>            (i64, retptr)
 *
 * Return areas: result<_, stream-error> is { u8 is_err @0; stream-error @4 = { u8 case @4; own<error> @8 } };
 * result<u64, stream-error> is { u8 is_err @0; u64 / stream-error @8 }; a list is { ptr @0, len @4 }.
 * What the host returns (lists, strings) it allocates in this module's memory with cabi_realloc: a
 * bump heap reset at the start of every export.
 *
 * Build: ./build.sh.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))

IMPORT("wasi:cli/stdout@0.2.0", "get-stdout") extern u32 get_stdout(void);
IMPORT("wasi:cli/stderr@0.2.0", "get-stderr") extern u32 get_stderr(void);
IMPORT("wasi:cli/environment@0.2.0", "get-environment") extern void get_environment(u32 *ret);
IMPORT("wasi:cli/environment@0.2.0", "get-arguments") extern void get_arguments(u32 *ret);
IMPORT("wasi:cli/exit@0.2.0", "exit") extern void wasi_exit(u32 status);
IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.blocking-write-and-flush")
extern void blocking_write_and_flush(u32 self, const u8 *ptr, u32 len, u32 *ret);
IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.check-write") extern void check_write(u32 self, u64 *ret);
IMPORT("wasi:io/streams@0.2.0", "[method]output-stream.write") extern void stream_write(u32 self, const u8 *ptr, u32 len, u32 *ret);
IMPORT("wasi:io/streams@0.2.0", "[resource-drop]output-stream") extern void drop_output_stream(u32 self);
IMPORT("wasi:random/random@0.2.0", "get-random-bytes") extern void get_random_bytes(u64 len, u32 *ret);

/* ---- bump heap for what the host returns and for the export arguments it lowers ---- */

static u8 heap[1 << 20];
static u32 heap_top;

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, u32 old_size, u32 align, u32 new_size) {
    if (old != 0 || old_size != 0) __builtin_trap(); /* nothing here grows */
    u32 start = (heap_top + align - 1) & ~(align - 1);
    if (start + new_size > sizeof heap) __builtin_trap();
    heap_top = start + new_size;
    return &heap[start];
}

static u32 ret_area[4]; /* the result of an export that returns through memory */

/* ---- writing ---- */

/* Writes all of bytes, 4096 at a time; traps when the stream reports an error. */
static void write_all(u32 stream, const u8 *bytes, u32 len) {
    u32 ret[3];
    while (len > 0) {
        u32 n = len < 4096 ? len : 4096;
        blocking_write_and_flush(stream, bytes, n, ret);
        if ((u8)ret[0] != 0) __builtin_trap();
        bytes += n;
        len -= n;
    }
}

EXPORT("print")
void print(const u8 *out, u32 out_len, const u8 *err, u32 err_len) {
    u32 o = get_stdout(), e = get_stderr();
    write_all(o, out, out_len);
    write_all(e, err, err_len);
    drop_output_stream(o);
    drop_output_stream(e);
    heap_top = 0; /* the arguments were lowered into the heap */
}

EXPORT("print-lines")
void print_lines(u32 n) {
    u32 o = get_stdout();
    u8 line[16] = { 'l', 'i', 'n', 'e', ' ' };
    for (u32 i = 0; i < n; i++) {
        u32 len = 5, v = i;
        u8 digits[10];
        u32 d = 0;
        do { digits[d++] = (u8)('0' + v % 10); v /= 10; } while (v);
        while (d) line[len++] = digits[--d];
        line[len++] = '\n';
        write_all(o, line, len);
    }
    drop_output_stream(o);
}

/* ---- environment ---- */

static int equal(const u8 *a, u32 a_len, const u8 *b, u32 b_len) {
    if (a_len != b_len) return 0;
    for (u32 i = 0; i < a_len; i++) if (a[i] != b[i]) return 0;
    return 1;
}

EXPORT("get-env")
u32 *get_env(const u8 *name, u32 name_len) {
    u32 list[2];
    get_environment(list); /* heap_top is not reset: the name argument lives in the heap */
    const u32 *pairs = (const u32 *)list[0]; /* each { key ptr, key len, value ptr, value len } */
    ret_area[0] = 0;
    for (u32 i = 0; i < list[1]; i++) {
        const u32 *pair = pairs + 4 * i;
        if (equal((const u8 *)pair[0], pair[1], name, name_len)) {
            ret_area[0] = 1;
            ret_area[1] = pair[2];
            ret_area[2] = pair[3];
            break;
        }
    }
    return ret_area;
}

EXPORT("cabi_post_get-env")
void post_get_env(u32 *ret) { (void)ret; heap_top = 0; }

EXPORT("get-args")
u32 *get_args(void) {
    heap_top = 0;
    get_arguments(ret_area); /* list<string> has the same layout as the export's result */
    return ret_area;
}

EXPORT("random-bytes")
u32 *random_bytes(u32 n) {
    heap_top = 0;
    get_random_bytes(n, ret_area);
    return ret_area;
}

/* ---- misuse ---- */

EXPORT("write-too-much")
void write_too_much(void) {
    static u8 big[5000];
    u32 ret[3];
    blocking_write_and_flush(get_stdout(), big, sizeof big, ret);
}

EXPORT("write-past-budget")
void write_past_budget(void) {
    static u8 big[1 << 20 | 1]; /* zeroes: nothing to print */
    u64 budget[2];
    u32 o = get_stdout();
    check_write(o, budget);
    if ((u8)budget[0] != 0) __builtin_trap();
    u32 len = (u32)budget[1] + 1;
    if (len > sizeof big) len = sizeof big;
    u32 ret[3];
    stream_write(o, big, len, ret);
}

EXPORT("quit")
void quit(u32 code) {
    wasi_exit(code == 0 ? 0 : 1);
}

/* ---- handles used wrongly ---- */

EXPORT("misuse-handle")
void misuse_handle(u32 how) {
    u32 o = get_stdout();
    u64 budget[2];
    if (how == 0) {          /* a second drop */
        drop_output_stream(o);
        drop_output_stream(o);
    } else if (how == 1) {   /* a dropped handle */
        drop_output_stream(o);
        check_write(o, budget);
    } else {                 /* a handle never given */
        check_write(4242, budget);
    }
}

EXPORT("leak-handles")
u32 leak_handles(u32 n) {
    for (u32 i = 0; i < n; i++) get_stdout();
    return n;
}
