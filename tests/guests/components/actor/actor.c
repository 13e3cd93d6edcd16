/*
 * actor.wasm (component, world wippy:actor-test/actor-test; WIT in actor.wit): the guest of the host's
 * actor (mailbox) tests, over Wippy's `wippy:actor/process@0.1.0`. Freestanding C: no libc, no
 * wit-bindgen, no WASI adapter; the Canonical ABI by hand (32-bit memory, sync lift and lower, utf8).
 *
 * Exports (world-level functions: core export = the function's name; the host's tests rely on exactly this):
 *   counter() -> result<_, string>
 *       Loops on receive. "increment": adds the number in the first payload to a u64 count (wrapping);
 *       no payload adds 1. The number is the payload's data (any format: "text", "bytes", "json"...) with
 *       leading and trailing ASCII whitespace (space, \t, \r, \n) removed: one or more decimal digits
 *       that fit a u64; anything else (empty, a sign, a fraction, quotes, overflow) adds nothing.
 *       "total": send(from, "total", [{format: "text", data: <count in decimal>}]), its result ignored
 *       (a sender that has gone away does not stop the counter). "stop": returns ok. Another topic is
 *       ignored. receive err("closed") returns ok; any other err(e) returns err(e).
 *   echo() -> result<_, string>
 *       Loops on receive. "stop": returns ok. Anything else: send(from, topic, payloads) with the
 *       message's own topic and payload list (the list as the host wrote it into our memory), its
 *       result ignored. err("closed") returns ok; another err(e) returns err(e).
 *   ping(target, rounds) -> result<u32, string>
 *       rounds times: send(target, "ping", [{"text", "x"}]) (err(e) -> returns err(e); ok(_), true or
 *       false, goes on), then one receive (err(e) -> returns err(e); the message is not looked at).
 *       Returns ok(rounds). With `echo` on the other side this is ping-pong.
 *   greet(name) -> string        "Hello, <name>!" (no mailbox use).
 *   whoami() -> string           self().
 *   crash-on-message()           one receive (ok or err), then `unreachable`.
 *   spin()                       loops forever (a volatile counter), no host call.
 *   send-raw(target, topic, format, data) -> result<bool, string>
 *       send(target, topic, [{format, data}]) once; its result returned as is.
 *   send-many(target, count, size) -> result<u32, string>
 *       count sends of topic "fill" with one payload {"bytes", <size zero bytes>} (one buffer, reused);
 *       the first err(e) returns err(e) (no more sends); ok(count) when every send gave ok(_).
 *   receive-one() -> result<string, string>      one receive: ok("<topic>:<from>"), or err(e).
 *   try-receive-one() -> result<option<string>, string>
 *       one try-receive: ok(some(<topic>)), ok(none), or err(e).
 *   wait-then-take() -> result<string, string>
 *       p = subscribe(); pollable.block(p); drop p; then one try-receive: ok(<topic>); err("empty") when
 *       it gave none; err(e) on err(e).
 *   collect(n) -> result<list<string>, string>
 *       n receives; ok([...]) with, per message in order, "<topic>=<data of the first payload>" or just
 *       "<topic>" when it has no payloads. The data is taken as UTF-8 text: each byte that does not
 *       belong to a well-formed UTF-8 sequence becomes U+FFFD (so the result is always a valid
 *       string). The first err(e) returns err(e) (the messages received before it are dropped).
 *
 * Imports (module, field: core signature; "ret" = a pointer to a return area the host writes, because
 * the result flattens to more than one core value):
 *   wippy:actor/process@0.1.0
 *     self          () -> pid                                        (ret)
 *     send          (target, topic, payloads) -> result<bool, string>
 *                   (target ptr, len, topic ptr, len, payloads ptr, count, ret): 7 x i32
 *     try-receive   () -> result<option<message>, string>            (ret)
 *     receive       () -> result<message, string>                    (ret)
 *     subscribe     () -> own<pollable>                              () -> i32
 *   wasi:io/poll@0.2.0
 *     [method]pollable.block    (i32) -> ()
 *     [resource-drop]pollable   (i32) -> ()
 *   (`poll` and `[method]pollable.ready` are not called, so they are not imported.)
 *
 * Memory layouts (Canonical ABI: strings and lists are { ptr, len }, align 4; a result or option has
 * a u8 discriminant at 0 and its payload at the payload's alignment, 4 here; C's layout on wasm32 is the
 * same, checked by the _Static_asserts below):
 *   payload                          { format @0 (ptr, len); data @8 (ptr, len) }                size 16
 *   message                          { from @0; topic @8; payloads @16 (ptr, count) }            size 24
 *   result<message, string>          { tag @0; ok: message @4; err: string @4 }                  size 28
 *   result<option<message>, string>  { tag @0; ok: option tag @4, message @8; err: string @4 }   size 32
 *   result<bool, string>             { tag @0; ok: bool (u8) @4; err: string @4 }                size 12
 *   result<_, string>                { tag @0; err: string @4 }                                  size 12
 *   result<u32, string>              { tag @0; ok: u32 @4; err: string @4 }                      size 12
 *   result<string, string>           { tag @0; ok or err: string @4 }                            size 12
 *   result<option<string>, string>   { tag @0; ok: option tag @4, string @8; err: string @4 }    size 16
 *   result<list<string>, string>     { tag @0; ok: list @4 (ptr, count; 8 bytes per string); err @4 } 12
 * Each export with a result returns a pointer to a static area holding it (it flattens to more than one
 * value); the strings it refers to are in the heap or static data.
 *
 * Heap: a bump heap from __heap_base that grows linear memory as needed. The host places the strings and
 * lists it hands us (export arguments, receive's messages, send's error strings) there through
 * cabi_realloc. Every export that returns a result has a post-return (`cabi_post_<name>`) that empties
 * the heap once the host has read the result, so nothing outlives a call (the arguments of the next call
 * are allocated before it starts, hence no reset on entry). The loops that run long (counter, echo, ping,
 * send-many) reset the heap to where it was before each message or send once they are done with it, so
 * memory stays bounded by the largest message; collect keeps only the strings it returns.
 *
 * Build: ./build.sh.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define PROCESS(name) IMPORT("wippy:actor/process@0.1.0", name)
#define POLL(name) IMPORT("wasi:io/poll@0.2.0", name)

/* clang may turn struct copies into memcpy calls; there is no libc to provide it. */
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

/* ---- the Canonical ABI's memory layouts (see the table at the top) ---- */

typedef struct { const u8 *ptr; u32 len; } str_t; /* string and list<u8> */

typedef struct {
    str_t format;
    str_t data;
} payload_t;

typedef struct {
    str_t from;
    str_t topic;
    const payload_t *payloads;
    u32 payload_count;
} message_t;

typedef struct {
    u8 is_err;
    union { message_t ok; str_t err; } v;
} receive_result_t; /* result<message, string> */

typedef struct {
    u8 is_some;
    message_t message;
} option_message_t;

typedef struct {
    u8 is_err;
    union { option_message_t ok; str_t err; } v;
} try_receive_result_t; /* result<option<message>, string> */

typedef struct {
    u8 is_err;
    union { u8 ok; str_t err; } v;
} send_result_t; /* result<bool, string> */

typedef struct {
    u8 is_err;
    str_t err;
} unit_result_t; /* result<_, string> */

typedef struct {
    u8 is_err;
    union { u32 ok; str_t err; } v;
} u32_result_t; /* result<u32, string> */

typedef struct {
    u8 is_err;
    str_t v; /* ok or err */
} string_result_t; /* result<string, string> */

typedef struct {
    u8 is_err;
    union { struct { u8 is_some; str_t topic; } ok; str_t err; } v;
} option_string_result_t; /* result<option<string>, string> */

typedef struct {
    u8 is_err;
    union { struct { str_t *ptr; u32 count; } ok; str_t err; } v;
} list_result_t; /* result<list<string>, string> */

#define OFF(t, f) __builtin_offsetof(t, f)
_Static_assert(sizeof(str_t) == 8 && _Alignof(str_t) == 4, "string");
_Static_assert(OFF(payload_t, data) == 8 && sizeof(payload_t) == 16 && _Alignof(payload_t) == 4, "payload");
_Static_assert(OFF(message_t, topic) == 8 && OFF(message_t, payloads) == 16 && OFF(message_t, payload_count) == 20 &&
               sizeof(message_t) == 24 && _Alignof(message_t) == 4, "message");
_Static_assert(OFF(receive_result_t, v) == 4 && sizeof(receive_result_t) == 28, "result<message, string>");
_Static_assert(OFF(option_message_t, message) == 4 && sizeof(option_message_t) == 28, "option<message>");
_Static_assert(OFF(try_receive_result_t, v) == 4 && OFF(try_receive_result_t, v.ok.message) == 8 &&
               sizeof(try_receive_result_t) == 32, "result<option<message>, string>");
_Static_assert(OFF(send_result_t, v) == 4 && sizeof(send_result_t) == 12, "result<bool, string>");
_Static_assert(OFF(unit_result_t, err) == 4 && sizeof(unit_result_t) == 12, "result<_, string>");
_Static_assert(OFF(u32_result_t, v) == 4 && sizeof(u32_result_t) == 12, "result<u32, string>");
_Static_assert(OFF(string_result_t, v) == 4 && sizeof(string_result_t) == 12, "result<string, string>");
_Static_assert(OFF(option_string_result_t, v.ok.topic) == 8 && OFF(option_string_result_t, v.err) == 4 &&
               sizeof(option_string_result_t) == 16, "result<option<string>, string>");
_Static_assert(OFF(list_result_t, v) == 4 && sizeof(list_result_t) == 12, "result<list<string>, string>");

/* ---- imports ---- */

PROCESS("self") extern void process_self(str_t *ret);
PROCESS("send")
extern void process_send(const u8 *target, u32 target_len, const u8 *topic, u32 topic_len,
                         const payload_t *payloads, u32 payload_count, send_result_t *ret);
PROCESS("try-receive") extern void process_try_receive(try_receive_result_t *ret);
PROCESS("receive") extern void process_receive(receive_result_t *ret);
PROCESS("subscribe") extern u32 process_subscribe(void);

POLL("[method]pollable.block") extern void pollable_block(u32 self);
POLL("[resource-drop]pollable") extern void pollable_drop(u32 self);

static void send(str_t target, str_t topic, const payload_t *payloads, u32 count, send_result_t *ret) {
    process_send(target.ptr, target.len, topic.ptr, topic.len, payloads, count, ret);
}

/* ---- bump heap ---- */

extern u8 __heap_base; /* defined by wasm-ld: the end of the static data and the stack */
static u32 heap_top;   /* the next free byte; 0 = empty (starts at __heap_base) */

static void *alloc(u32 align, u32 size) {
    if (heap_top == 0) heap_top = (u32)&__heap_base;
    if (align == 0 || (align & (align - 1)) != 0) __builtin_trap();
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

EXPORT("cabi_realloc")
void *cabi_realloc(void *old, u32 old_size, u32 align, u32 new_size) {
    if (old == 0) return alloc(align, new_size);
    if (new_size <= old_size) return old;
    if ((u32)old + old_size == heap_top) { /* the last block: grow it in place */
        alloc(1, new_size - old_size);
        return old;
    }
    u8 *p = alloc(align, new_size);
    memcpy(p, old, old_size);
    return p;
}

/* ---- strings ---- */

#define LIT(s) ((str_t){ (const u8 *)(s), sizeof(s) - 1 }) /* a string literal as a str_t */

static int equal(str_t a, str_t b) {
    if (a.len != b.len) return 0;
    for (u32 i = 0; i < a.len; i++) if (a.ptr[i] != b.ptr[i]) return 0;
    return 1;
}

/* a + b + c, in the heap */
static str_t concat3(str_t a, str_t b, str_t c) {
    u8 *p = alloc(1, a.len + b.len + c.len);
    memcpy(p, a.ptr, a.len);
    memcpy(p + a.len, b.ptr, b.len);
    memcpy(p + a.len + b.len, c.ptr, c.len);
    return (str_t){ p, a.len + b.len + c.len };
}

static int is_space(u8 c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* The decimal u64 in s, surrounding ASCII whitespace allowed: 1 and *out, or 0 (see counter). */
static int parse_u64(str_t s, u64 *out) {
    u32 i = 0, end = s.len;
    while (i < end && is_space(s.ptr[i])) i++;
    while (end > i && is_space(s.ptr[end - 1])) end--;
    if (i == end) return 0;
    u64 v = 0;
    for (; i < end; i++) {
        u8 c = s.ptr[i];
        if (c < '0' || c > '9') return 0;
        u64 d = c - '0';
        if (v > (~0ull - d) / 10) return 0; /* does not fit a u64 */
        v = v * 10 + d;
    }
    *out = v;
    return 1;
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

/* The length of the well-formed UTF-8 sequence at p[0..n) (1..4), or 0 if p[0] starts none. */
static u32 utf8_sequence(const u8 *p, u32 n) {
    u8 c = p[0];
    if (c < 0x80) return 1;
    u32 len;
    u8 lo = 0x80, hi = 0xBF; /* the range of the second byte */
    if (c >= 0xC2 && c <= 0xDF) len = 2;
    else if (c >= 0xE0 && c <= 0xEF) { len = 3; if (c == 0xE0) lo = 0xA0; if (c == 0xED) hi = 0x9F; }
    else if (c >= 0xF0 && c <= 0xF4) { len = 4; if (c == 0xF0) lo = 0x90; if (c == 0xF4) hi = 0x8F; }
    else return 0;
    if (n < len || p[1] < lo || p[1] > hi) return 0;
    for (u32 i = 2; i < len; i++) if (p[i] < 0x80 || p[i] > 0xBF) return 0;
    return len;
}

/* Writes data to out as UTF-8, each byte outside a well-formed sequence as U+FFFD (EF BF BD); out has
 * room for 3 * data.len bytes. Returns the length written. */
static u32 put_text(u8 *out, str_t data) {
    u32 w = 0;
    for (u32 i = 0; i < data.len; ) {
        u32 len = utf8_sequence(data.ptr + i, data.len - i);
        if (len == 0) { out[w++] = 0xEF; out[w++] = 0xBF; out[w++] = 0xBD; i++; continue; }
        while (len--) out[w++] = data.ptr[i++];
    }
    return w;
}

/* ---- export results (static: the host reads them after the call returns) ---- */

static unit_result_t unit_out;
static u32_result_t u32_out;
static str_t string_out;
static send_result_t send_out;
static string_result_t string_result_out;
static option_string_result_t option_out;
static list_result_t list_out;

static unit_result_t *unit_ok(void) {
    unit_out.is_err = 0;
    unit_out.err = (str_t){ 0, 0 };
    return &unit_out;
}

/* The end of a receive loop on err(e): a closed mailbox is the normal end (ok), another error is err(e). */
static unit_result_t *unit_from_error(str_t e) {
    if (equal(e, LIT("closed"))) return unit_ok();
    unit_out.is_err = 1;
    unit_out.err = e;
    return &unit_out;
}

static u32_result_t *u32_result(int is_err, u32 ok, str_t err) {
    u32_out.is_err = (u8)is_err;
    if (is_err) u32_out.v.err = err;
    else u32_out.v.ok = ok;
    return &u32_out;
}

static string_result_t *string_result(int is_err, str_t s) {
    string_result_out.is_err = (u8)is_err;
    string_result_out.v = s;
    return &string_result_out;
}

/* ---- the exports ---- */

/* What an "increment" message adds (see counter at the top). */
static u64 increment_of(const message_t *m) {
    if (m->payload_count == 0) return 1;
    u64 n;
    return parse_u64(m->payloads[0].data, &n) ? n : 0;
}

EXPORT("counter")
unit_result_t *counter(void) {
    u64 count = 0;
    u32 mark = heap_top;
    for (;;) {
        receive_result_t r;
        process_receive(&r);
        if (r.is_err) return unit_from_error(r.v.err);
        const message_t *m = &r.v.ok;
        if (equal(m->topic, LIT("increment"))) {
            count += increment_of(m);
        } else if (equal(m->topic, LIT("total"))) {
            payload_t reply = { LIT("text"), decimal(count) };
            send_result_t s;
            send(m->from, LIT("total"), &reply, 1, &s); /* result ignored */
        } else if (equal(m->topic, LIT("stop"))) {
            return unit_ok();
        }
        heap_top = mark; /* the message (and any send error string) is done with */
    }
}

EXPORT("echo")
unit_result_t *echo(void) {
    u32 mark = heap_top;
    for (;;) {
        receive_result_t r;
        process_receive(&r);
        if (r.is_err) return unit_from_error(r.v.err);
        const message_t *m = &r.v.ok;
        if (equal(m->topic, LIT("stop"))) return unit_ok();
        send_result_t s;
        send(m->from, m->topic, m->payloads, m->payload_count, &s); /* result ignored */
        heap_top = mark;
    }
}

static const payload_t ping_payload = { { (const u8 *)"text", 4 }, { (const u8 *)"x", 1 } };

EXPORT("ping")
u32_result_t *ping(const u8 *target_ptr, u32 target_len, u32 rounds) {
    str_t target = { target_ptr, target_len };
    u32 mark = heap_top; /* above the argument */
    for (u32 i = 0; i < rounds; i++) {
        send_result_t s;
        send(target, LIT("ping"), &ping_payload, 1, &s);
        if (s.is_err) return u32_result(1, 0, s.v.err);
        receive_result_t r;
        process_receive(&r);
        if (r.is_err) return u32_result(1, 0, r.v.err);
        heap_top = mark;
    }
    return u32_result(0, rounds, (str_t){ 0, 0 });
}

EXPORT("greet")
str_t *greet(const u8 *name_ptr, u32 name_len) {
    string_out = concat3(LIT("Hello, "), (str_t){ name_ptr, name_len }, LIT("!"));
    return &string_out;
}

EXPORT("whoami")
str_t *whoami(void) {
    process_self(&string_out);
    return &string_out;
}

EXPORT("crash-on-message")
void crash_on_message(void) {
    receive_result_t r;
    process_receive(&r);
    __builtin_trap();
}

static volatile u32 spins;

EXPORT("spin")
void spin(void) {
    for (;;) spins++;
}

EXPORT("send-raw")
send_result_t *send_raw(const u8 *target_ptr, u32 target_len, const u8 *topic_ptr, u32 topic_len,
                        const u8 *format_ptr, u32 format_len, const u8 *data_ptr, u32 data_len) {
    payload_t p = { { format_ptr, format_len }, { data_ptr, data_len } };
    send((str_t){ target_ptr, target_len }, (str_t){ topic_ptr, topic_len }, &p, 1, &send_out);
    return &send_out;
}

EXPORT("send-many")
u32_result_t *send_many(const u8 *target_ptr, u32 target_len, u32 count, u32 size) {
    str_t target = { target_ptr, target_len };
    u8 *zeros = alloc(1, size);
    memset(zeros, 0, size); /* the heap may hold older data */
    payload_t p = { LIT("bytes"), { zeros, size } };
    u32 mark = heap_top;
    for (u32 i = 0; i < count; i++) {
        send_result_t s;
        send(target, LIT("fill"), &p, 1, &s);
        if (s.is_err) return u32_result(1, 0, s.v.err);
        heap_top = mark;
    }
    return u32_result(0, count, (str_t){ 0, 0 });
}

EXPORT("receive-one")
string_result_t *receive_one(void) {
    receive_result_t r;
    process_receive(&r);
    if (r.is_err) return string_result(1, r.v.err);
    return string_result(0, concat3(r.v.ok.topic, LIT(":"), r.v.ok.from));
}

EXPORT("try-receive-one")
option_string_result_t *try_receive_one(void) {
    try_receive_result_t r;
    process_try_receive(&r);
    option_out.is_err = r.is_err;
    if (r.is_err) {
        option_out.v.err = r.v.err;
    } else {
        option_out.v.ok.is_some = r.v.ok.is_some ? 1 : 0;
        option_out.v.ok.topic = r.v.ok.is_some ? r.v.ok.message.topic : (str_t){ 0, 0 };
    }
    return &option_out;
}

EXPORT("wait-then-take")
string_result_t *wait_then_take(void) {
    u32 pollable = process_subscribe();
    pollable_block(pollable);
    pollable_drop(pollable);
    try_receive_result_t r;
    process_try_receive(&r);
    if (r.is_err) return string_result(1, r.v.err);
    if (!r.v.ok.is_some) return string_result(1, LIT("empty"));
    return string_result(0, r.v.ok.message.topic);
}

EXPORT("collect")
list_result_t *collect(u32 n) {
    if ((u64)n * sizeof(str_t) > 0xFFFFFFFFull) __builtin_trap();
    str_t *items = alloc(4, n * sizeof(str_t));
    for (u32 i = 0; i < n; i++) {
        u32 mark = heap_top; /* where this item's string will end up */
        receive_result_t r;
        process_receive(&r);
        if (r.is_err) {
            list_out.is_err = 1;
            list_out.v.err = r.v.err;
            return &list_out;
        }
        const message_t *m = &r.v.ok;
        /* "<topic>" or "<topic>=<text>", built above the message, then moved down to mark so that the
         * message's memory is given back (mark <= the built string: a forward copy is safe) */
        str_t topic = m->topic;
        u64 room = (u64)topic.len + (m->payload_count ? 1 + 3 * (u64)m->payloads[0].data.len : 0);
        if (room > 0xFFFFFFFFull) __builtin_trap();
        u8 *built = alloc(1, (u32)room);
        memcpy(built, topic.ptr, topic.len);
        u32 len = topic.len;
        if (m->payload_count) {
            built[len++] = '=';
            len += put_text(built + len, m->payloads[0].data);
        }
        u8 *kept = (u8 *)mark; /* not 0: items was allocated */
        for (u32 j = 0; j < len; j++) kept[j] = built[j];
        heap_top = mark + len;
        items[i] = (str_t){ kept, len };
    }
    list_out.is_err = 0;
    list_out.v.ok.ptr = items;
    list_out.v.ok.count = n;
    return &list_out;
}

/* ---- post-returns: the host has read the result; nothing in the heap is needed any more ---- */

#define POST_RETURN(name, fn) \
    EXPORT("cabi_post_" name) void fn(void *result) { (void)result; heap_top = 0; }

POST_RETURN("counter", post_counter)
POST_RETURN("echo", post_echo)
POST_RETURN("ping", post_ping)
POST_RETURN("greet", post_greet)
POST_RETURN("whoami", post_whoami)
POST_RETURN("send-raw", post_send_raw)
POST_RETURN("send-many", post_send_many)
POST_RETURN("receive-one", post_receive_one)
POST_RETURN("try-receive-one", post_try_receive_one)
POST_RETURN("wait-then-take", post_wait_then_take)
POST_RETURN("collect", post_collect)
