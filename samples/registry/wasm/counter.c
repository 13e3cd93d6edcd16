/*
 * counter.wasm (component, world wippy:counter/counter; WIT in counter.wit): the sample's counter process.
 * It runs as a Wippy process and talks to other processes only through its mailbox, the host's
 * `wippy:actor/process@0.1.0` interface. Plain C with no libc and no wit-bindgen: the Canonical ABI (how
 * WIT values travel as core wasm numbers and memory) is written out by hand, so this file shows all a
 * mailbox component does.
 *
 * `run()` receives messages one at a time until it is told to stop:
 *   "increment"  adds a number to the count (a u64, wrapping): the first payload's data as decimal
 *                digits, surrounding spaces/newlines allowed, in any format ("text", "bytes", "json");
 *                a message without payloads adds 1; data that is not such a number adds nothing.
 *   "total"      answers the sender: send(from, "total", [{format: "text", data: "<count>"}]). If that
 *                send fails (say the sender has gone away), the counter carries on.
 *   "stop"       run returns ok.
 *   other topics are ignored.
 * When receive fails: "closed" (the mailbox is closed: the process is being shut down) returns ok; any
 * other error is returned as err(<error>).
 *
 * Canonical ABI in brief (32-bit memory, utf8 strings):
 *   - a string or list is a (pointer, length) pair, in memory 8 bytes { ptr @0, len @4 };
 *   - a record is its fields one after the other, each at its alignment (4 for everything here):
 *       payload   { format: string @0, data: list<u8> @8 }                            16 bytes
 *       message   { from: string @0, topic: string @8, payloads: list<payload> @16 }  24 bytes
 *   - a result<T, E> is a one-byte tag (0 ok, 1 err) at 0, then T or E at offset 4 (their alignment);
 *   - a result that does not fit in one core value is written by the host to a "return area" whose
 *     address we pass as the last argument (imports), or that we return a pointer to (our export):
 *       receive: func() -> result<message, string>
 *           core: receive(ret)                                     ret: { tag @0; message or error @4 }
 *       send: func(target: string, topic: string, payloads: list<payload>) -> result<bool, string>
 *           core: send(target ptr, len, topic ptr, len, payloads ptr, count, ret)
 *                                                                  ret: { tag @0; bool or error @4 }
 *       run: func() -> result<_, string>
 *           core: run() -> pointer to { tag @0; error @4 }
 *   - the strings and lists the host hands us (a message, an error) are placed in our memory through
 *     our exported `cabi_realloc`.
 *
 * Memory: a bump heap from the end of our static data, growing linear memory when needed. It is
 * emptied when run starts (run takes no arguments, so nothing of the host's is in it yet) and after
 * each message, so memory stays bounded by the largest message however long the counter runs.
 *
 * Build: ./build-components.sh (see counter.README.md).
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

/* ---- the WIT types as they sit in memory ---- */

typedef struct { const u8 *ptr; u32 len; } str_t; /* string, list<u8> */

typedef struct { str_t format; str_t data; } payload_t;

typedef struct {
    str_t from;
    str_t topic;
    const payload_t *payloads;
    u32 payload_count;
} message_t;

typedef struct { u8 is_err; union { message_t ok; str_t err; } v; } receive_result_t; /* result<message, string> */
typedef struct { u8 is_err; union { u8 ok; str_t err; } v; } send_result_t;           /* result<bool, string> */
typedef struct { u8 is_err; str_t err; } run_result_t;                                /* result<_, string> */

_Static_assert(sizeof(payload_t) == 16 && sizeof(message_t) == 24, "record sizes");
_Static_assert(__builtin_offsetof(receive_result_t, v) == 4 && sizeof(receive_result_t) == 28, "result layout");

/* ---- the imports: the two host functions this component calls ---- */

#define PROCESS(name) __attribute__((import_module("wippy:actor/process@0.1.0"), import_name(name)))

PROCESS("receive") extern void receive(receive_result_t *ret);
PROCESS("send")
extern void send(const u8 *target, u32 target_len, const u8 *topic, u32 topic_len,
                 const payload_t *payloads, u32 payload_count, send_result_t *ret);

/* ---- memory: a bump heap ---- */

extern u8 __heap_base; /* defined by the linker: where our static data (and stack) end */
static u32 heap_top;   /* the next free byte */

static void *alloc(u32 align, u32 size) {
    u64 start = ((u64)heap_top + align - 1) & ~(u64)(align - 1); /* align is a power of two */
    u64 end = start + size;
    u64 have = (u64)__builtin_wasm_memory_size(0) << 16; /* pages of 64 KiB */
    if (end > have) {
        u64 pages = (end - have + 65535) >> 16;
        if (end > 0xFFFFFFFFull || __builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1)
            __builtin_trap(); /* out of memory */
    }
    heap_top = (u32)end;
    return (void *)(u32)start;
}

/* The host calls this to place what it hands us in our memory (old = 0: a new block). */
__attribute__((export_name("cabi_realloc")))
void *cabi_realloc(void *old, u32 old_size, u32 align, u32 new_size) {
    if (old != 0 && new_size <= old_size) return old;
    u8 *p = alloc(align ? align : 1, new_size);
    for (u32 i = 0; old != 0 && i < old_size; i++) p[i] = ((const u8 *)old)[i];
    return p;
}

/* ---- small helpers ---- */

#define LIT(s) ((str_t){ (const u8 *)(s), sizeof(s) - 1 }) /* a string literal as a str_t */

static int equal(str_t a, str_t b) {
    if (a.len != b.len) return 0;
    for (u32 i = 0; i < a.len; i++) if (a.ptr[i] != b.ptr[i]) return 0;
    return 1;
}

static int is_space(u8 c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* How much an "increment" message adds: its first payload's number, 1 without payloads, else 0. */
static u64 increment_of(const message_t *m) {
    if (m->payload_count == 0) return 1;
    str_t s = m->payloads[0].data;
    u32 i = 0, end = s.len;
    while (i < end && is_space(s.ptr[i])) i++;
    while (end > i && is_space(s.ptr[end - 1])) end--;
    if (i == end) return 0;
    u64 n = 0;
    for (; i < end; i++) {
        u8 c = s.ptr[i];
        if (c < '0' || c > '9') return 0;         /* not a decimal number */
        if (n > (~0ull - (c - '0')) / 10) return 0; /* does not fit a u64 */
        n = n * 10 + (c - '0');
    }
    return n;
}

/* v in decimal, in the heap */
static str_t decimal(u64 v) {
    u8 digits[20];
    u32 n = 0;
    do { digits[n++] = (u8)('0' + v % 10); v /= 10; } while (v);
    u8 *p = alloc(1, n);
    for (u32 i = 0; i < n; i++) p[i] = digits[n - 1 - i];
    return (str_t){ p, n };
}

/* ---- the export ---- */

static run_result_t result; /* run returns a pointer to it; the host reads it after run returns */

__attribute__((export_name("run")))
run_result_t *run(void) {
    u64 count = 0;
    heap_top = (u32)&__heap_base; /* empty */
    u32 mark = heap_top;

    for (;;) {
        receive_result_t r;
        receive(&r); /* waits for the next message */
        if (r.is_err) {
            if (equal(r.v.err, LIT("closed"))) { /* shut down: a normal end */
                result.is_err = 0;
                return &result;
            }
            result.is_err = 1;
            result.err = r.v.err; /* the error string stays in the heap until the host has read it */
            return &result;
        }

        const message_t *m = &r.v.ok;
        if (equal(m->topic, LIT("increment"))) {
            count += increment_of(m);
        } else if (equal(m->topic, LIT("total"))) {
            payload_t answer = { LIT("text"), decimal(count) };
            send_result_t sent;
            send(m->from.ptr, m->from.len, (const u8 *)"total", 5, &answer, 1, &sent); /* result not needed */
        } else if (equal(m->topic, LIT("stop"))) {
            result.is_err = 0;
            return &result;
        }

        heap_top = mark; /* done with this message: its memory is reused for the next one */
    }
}
