/*
 * server.wasm (component, world wippy:http-server-test/http-server; WIT in server.wit): an HTTP server,
 * i.e. a standard `wasi:http/incoming-handler@0.2.0` component, in freestanding C: no libc, no
 * wit-bindgen, no WASI adapter. Hand-written Canonical ABI (32-bit memory, sync lift and lower, utf8
 * strings), in the style of ../http/http.c (the client).
 *
 * Routes (matched on the method and on path-with-query without its "?query" part; the host's tests
 * rely on exactly this):
 *   GET  /hello/<name>    200, content-type "text/plain; charset=utf-8", x-guest "c", body "Hello, <name>!"
 *                         (<name> = the rest of the path, as given: no percent-decoding; may be empty)
 *   POST /echo            200; the request's content-type values (if any) copied to the response; the
 *                         request body streamed back (see "Streaming" below), then outgoing-body.finish.
 *                         response-outparam.set is called before the first byte is read or written.
 *   POST /count           reads the whole request body (streaming, discarding it), then 200 "text/plain",
 *                         body "<total bytes> <sum>": sum = the sum of all byte values, u32 wrapping;
 *                         both decimal.
 *   GET  /bytes/<n>       200, content-type "application/octet-stream"; response set first, then n bytes
 *                         (byte i = i % 251), then finish. n: decimal digits, parsed as u64.
 *   GET  /headers         200 "text/plain", lines joined by "\n" (no trailing newline):
 *                           method <GET|HEAD|...|PATCH, or the `other` string as given>
 *                           path <path-with-query, or ->
 *                           scheme <HTTP|HTTPS|the `other` string|->
 *                           authority <authority, or ->
 *                           header <name>: <value>        one per entry of the request headers, in order
 *   GET  /status/<code>   set-status-code(code); if that returns err: 200 "text/plain" body "bad status";
 *                         otherwise that status, no headers and an empty body (the body is taken and
 *                         finished). <code> > 65535 (not a u16) also answers "bad status" (set-status-code
 *                         is not called).
 *   GET  /no-response     drops the response-outparam ([resource-drop]response-outparam) and returns
 *                         without calling response-outparam.set.
 *   GET  /spin            loops forever (a volatile counter) without any further host call or response.
 *   GET  /trap-mid-body   200 (no headers), response set, writes and flushes 1000 bytes of 'x', traps
 *                         (`unreachable`).
 *   GET  /inject          fields.append("x-test", "a\r\nx-injected: 1") on the response headers; 200
 *                         "text/plain" body "refused" if append returned err, "accepted" otherwise.
 *   GET  /error           response-outparam.set(param, err(internal-error(some("guest failed")))).
 *   GET  /unfinished      200 (no headers), response set, writes and flushes "partial", drops the output
 *                         stream and drops the outgoing-body WITHOUT outgoing-body.finish, returns.
 *   anything else         404 "text/plain", body "not found: <path-with-query>" ("-" when it is none).
 *                         Also a /bytes/<n> or /status/<code> whose number is empty, not all decimal
 *                         digits or overflows u64, and any of the routes above with another method.
 *
 * Streaming: blocking-read asks for up to 65536 bytes per call; the bytes read are written back with
 * blocking-write-and-flush in pieces of at most 4096 bytes (WRITE_MAX below: wasi:io 0.2.0 says
 * blocking-write-and-flush takes "up to 4096 bytes", and both Wasmtime and this repository's host trap
 * above that). The loop ends when the read reports `closed`. The bytes of one read live in the bump
 * heap only until they are written: the heap is reset to where it was before the read, so memory does
 * not grow with the body. /bytes writes from a 4096 + 251 byte pattern buffer the same way.
 * Failures while streaming (a read or write returning last-operation-failed, or a write returning
 * closed: the peer went away): the io error is dropped, the output stream and the outgoing-body are
 * dropped without finish (the host then treats the response body as incomplete), handle returns.
 * /count, whose response is not set yet when its read fails, drops the response-outparam instead.
 * A `closed` read is the normal end of the request body.
 *
 * Export
 *   wasi:http/incoming-handler@0.2.0#handle(own<incoming-request>, own<response-outparam>)
 *       core (i32, i32) -> (); no results, so no cabi_post_ function.
 *   cabi_realloc, memory.
 *
 * Imports (module `wasi:<pkg>/<iface>@0.2.0`, field as below; "retptr" = the result does not fit in
 * one flat value, so the last core parameter points at a return area the host writes):
 *   wasi:io/error     [resource-drop]error                                     (i32)
 *   wasi:io/streams   [method]input-stream.blocking-read(self, len: u64)       (i32, i64, retptr)
 *                     [method]output-stream.blocking-write-and-flush(self, list<u8>)  (i32, ptr, len, retptr)
 *                     [resource-drop]input-stream, [resource-drop]output-stream (i32)
 *   wasi:http/types   [method]incoming-request.method(self)                    (i32, retptr)
 *                     [method]incoming-request.path-with-query / authority(self)  (i32, retptr)
 *                     [method]incoming-request.scheme(self)                    (i32, retptr)
 *                     [method]incoming-request.headers(self) -> own<fields>    (i32) -> i32
 *                     [method]incoming-request.consume(self)                   (i32, retptr)
 *                     [method]incoming-body.stream(self)                       (i32, retptr)
 *                     [constructor]fields                                      () -> i32
 *                     [method]fields.get(self, name)                           (i32, ptr, len, retptr)
 *                     [method]fields.append(self, name, value)                 (i32, ptr, len, ptr, len, retptr)
 *                     [method]fields.entries(self)                             (i32, retptr)
 *                     [constructor]outgoing-response(own<fields>)              (i32) -> i32
 *                     [method]outgoing-response.set-status-code(self, u16) -> result  (i32, i32) -> i32
 *                     [method]outgoing-response.body(self)                     (i32, retptr)
 *                     [method]outgoing-body.write(self)                        (i32, retptr)
 *                     [static]outgoing-body.finish(own<outgoing-body>, option<own<fields>>)  (i32, tag, i32, retptr)
 *                     [static]response-outparam.set(own<response-outparam>,
 *                                                  result<own<outgoing-response>, error-code>)
 *                         (i32, i32, i32, i32, i64, i32, i32, i32, i32) -> ()   9 flat params (<= 16):
 *                         param handle, then the result flattened: [result tag] + join(ok: [i32 handle],
 *                         err: error-code). error-code flattens to [i32 case] + the position-wise join of
 *                         its cases' payloads; the longest is HTTP-request-header-size(option<field-size-
 *                         payload>) = [i32 tag, option<string> (i32 tag, ptr, len), option<u32> (i32 tag,
 *                         u32)] = 6 × i32, and option<u64> (HTTP-request/response-body-size) = [i32, i64]
 *                         makes the second payload position i64: error-code = [i32, i32, i64, i32, i32,
 *                         i32, i32] (7), the result = [i32, i32, i32, i64, i32, i32, i32, i32] (8).
 *                         ok(r)                    -> (param, 0, r, 0, 0, 0, 0, 0, 0)
 *                         err(internal-error(some(s))) -> (param, 1, 38, 1, (i64)s.ptr, s.len, 0, 0, 0)
 *                           (internal-error is case 38 of 39; its option<string> = [1, ptr, len] fills
 *                           payload positions 0..2, the ptr going into the i64 slot zero-extended.)
 *                     [resource-drop]fields, incoming-request, incoming-body, outgoing-response,
 *                     outgoing-body, response-outparam                         (i32)
 *   (The result types `result` with no payloads flatten to one i32: 0 ok, 1 err.)
 *
 * Memory layouts of the return areas (size/alignment from the Canonical ABI; discriminants are u8):
 *   method                       { tag @0 (0 get .. 8 patch, 9 other); other's string ptr @4, len @8 }
 *   option<string>               { tag @0; ptr @4; len @8 }                                size 12
 *   option<scheme>               { tag @0; scheme tag @4 (0 HTTP, 1 HTTPS, 2 other); ptr @8; len @12 }
 *   result<own<T>> (no error)    { tag @0; handle @4 }                                     size 8
 *   result<_, header-error>      { tag @0; header-error @1 }                               size 2
 *   list<T>                      { ptr @0; len @4 }
 *     list<list<u8>> element     { ptr @0; len @4 }                                        8 bytes
 *     list<tuple<string, list<u8>>> element { name ptr @0, len @4; value ptr @8, len @12 } 16 bytes
 *   result<list<u8>, stream-error>  { tag @0; ok: ptr @4, len @8; err: stream-error tag @4
 *                                   (0 last-operation-failed, 1 closed), own<error> @8 }    size 12
 *   result<_, stream-error>      { tag @0; stream-error tag @4; own<error> @8 }            size 12
 *   result<_, error-code>        { tag @0; error-code @8 }                                 size 40, align 8
 * Return areas are an 8-aligned static buffer of 64 bytes, read right after each call.
 *
 * Resources: children are dropped before their parents (an input-stream before its incoming-body, the
 * request's headers before the request, an output-stream before its outgoing-body is finished or
 * dropped), as wasi:http requires.
 *
 * Memory: a bump heap from __heap_base that grows linear memory (memory.grow) as needed. The host lowers
 * import results (strings, lists) into it with cabi_realloc; the response texts are built in it too.
 * handle resets it to empty on entry (nothing survives a call; handle has no results, hence no
 * post-return); the streaming loops reset it after each chunk.
 *
 * Build: ./build.sh.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define IO_ERROR(name) IMPORT("wasi:io/error@0.2.0", name)
#define STREAMS(name) IMPORT("wasi:io/streams@0.2.0", name)
#define TYPES(name) IMPORT("wasi:http/types@0.2.0", name)

IO_ERROR("[resource-drop]error") extern void drop_io_error(u32 self);

STREAMS("[method]input-stream.blocking-read") extern void input_blocking_read(u32 self, u64 len, void *ret);
STREAMS("[method]output-stream.blocking-write-and-flush")
extern void output_blocking_write_and_flush(u32 self, const u8 *ptr, u32 len, void *ret);
STREAMS("[resource-drop]input-stream") extern void drop_input_stream(u32 self);
STREAMS("[resource-drop]output-stream") extern void drop_output_stream(u32 self);

TYPES("[method]incoming-request.method") extern void incoming_request_method(u32 self, void *ret);
TYPES("[method]incoming-request.path-with-query") extern void incoming_request_path_with_query(u32 self, void *ret);
TYPES("[method]incoming-request.scheme") extern void incoming_request_scheme(u32 self, void *ret);
TYPES("[method]incoming-request.authority") extern void incoming_request_authority(u32 self, void *ret);
TYPES("[method]incoming-request.headers") extern u32 incoming_request_headers(u32 self);
TYPES("[method]incoming-request.consume") extern void incoming_request_consume(u32 self, void *ret);
TYPES("[resource-drop]incoming-request") extern void drop_incoming_request(u32 self);

TYPES("[method]incoming-body.stream") extern void incoming_body_stream(u32 self, void *ret);
TYPES("[resource-drop]incoming-body") extern void drop_incoming_body(u32 self);

TYPES("[constructor]fields") extern u32 fields_new(void);
TYPES("[method]fields.get") extern void fields_get(u32 self, const u8 *name, u32 name_len, void *ret);
TYPES("[method]fields.append")
extern void fields_append(u32 self, const u8 *name, u32 name_len, const u8 *value, u32 value_len, void *ret);
TYPES("[method]fields.entries") extern void fields_entries(u32 self, void *ret);
TYPES("[resource-drop]fields") extern void drop_fields(u32 self);

TYPES("[constructor]outgoing-response") extern u32 outgoing_response_new(u32 headers);
TYPES("[method]outgoing-response.set-status-code") extern u32 outgoing_response_set_status_code(u32 self, u32 status);
TYPES("[method]outgoing-response.body") extern void outgoing_response_body(u32 self, void *ret);
TYPES("[resource-drop]outgoing-response") extern void drop_outgoing_response(u32 self);

TYPES("[method]outgoing-body.write") extern void outgoing_body_write(u32 self, void *ret);
TYPES("[static]outgoing-body.finish") extern void outgoing_body_finish(u32 self, u32 has_trailers, u32 trailers, void *ret);
TYPES("[resource-drop]outgoing-body") extern void drop_outgoing_body(u32 self);

/* result<own<outgoing-response>, error-code> flattened, see the header comment */
TYPES("[static]response-outparam.set")
extern void response_outparam_set(u32 param, u32 is_err, u32 p0, u32 p1, u64 p2, u32 p3, u32 p4, u32 p5, u32 p6);
TYPES("[resource-drop]response-outparam") extern void drop_response_outparam(u32 self);

/* ---- the return area: 8-aligned, read right after each call ---- */

static u8 ra[64] __attribute__((aligned(8)));
#define RA_U8(off) (ra[(off)])
#define RA_U32(off) (*(const u32 *)(ra + (off)))

/* ---- bump heap (grows memory; reset on entry to handle and after each streamed chunk) ---- */

extern u8 __heap_base;
static u32 heap_top; /* 0 = empty: starts at __heap_base */

static void *alloc(u32 align, u32 size) {
    if (heap_top == 0) heap_top = (u32)&__heap_base;
    if (align == 0) align = 1;
    u32 start = (heap_top + align - 1) & ~(align - 1);
    u32 end = start + size;
    if (start < heap_top || end < start) __builtin_trap();
    u64 have = (u64)__builtin_wasm_memory_size(0) << 16;
    if (end > have) {
        u64 pages = ((u64)end - have + 65535) >> 16;
        if (__builtin_wasm_memory_grow(0, (unsigned long)pages) == (unsigned long)-1) __builtin_trap();
    }
    heap_top = end;
    return (void *)start;
}

static void copy(u8 *to, const u8 *from, u32 len) {
    for (u32 i = 0; i < len; i++) to[i] = from[i];
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
    copy(p, old, old_size);
    return p;
}

/* ---- text built in the heap (response bodies) ---- */

typedef struct { u8 *p; u32 len, cap; } text;

static void reserve(text *t, u32 extra) {
    u32 need = t->len + extra;
    if (need < t->len) __builtin_trap();
    if (need <= t->cap) return;
    if (t->p != 0 && (u32)t->p + t->cap == heap_top) { /* the last block: grow it in place */
        alloc(1, need - t->cap);
        t->cap = need;
        return;
    }
    u32 cap = t->cap ? t->cap : 256;
    while (cap < need) {
        if (cap > 0x7fffffffu) __builtin_trap();
        cap *= 2;
    }
    u8 *p = alloc(1, cap);
    copy(p, t->p, t->len);
    t->p = p;
    t->cap = cap;
}

static void put(text *t, const u8 *bytes, u32 len) {
    reserve(t, len);
    copy(t->p + t->len, bytes, len);
    t->len += len;
}

static u32 cstr_len(const char *s) {
    u32 n = 0;
    while (s[n]) n++;
    return n;
}

static void puts_(text *t, const char *s) { put(t, (const u8 *)s, cstr_len(s)); }

static void putc_(text *t, u8 c) { put(t, &c, 1); }

static void putu64(text *t, u64 v) {
    u8 digits[20];
    u32 d = 0;
    do { digits[d++] = (u8)('0' + v % 10); v /= 10; } while (v);
    while (d) putc_(t, digits[--d]);
}

/* Starts a line: a '\n' separates it from the previous one (no trailing newline). */
static void line(text *t, const char *s) {
    if (t->len) putc_(t, '\n');
    puts_(t, s);
}

/* ---- small string helpers ---- */

typedef struct { const u8 *p; u32 len; } bytes;

static int equal(bytes a, const char *b) {
    u32 b_len = cstr_len(b);
    if (a.len != b_len) return 0;
    for (u32 i = 0; i < b_len; i++) if (a.p[i] != (u8)b[i]) return 0;
    return 1;
}

/* If `a` starts with `prefix`, stores the rest in *rest and returns 1. */
static int starts_with(bytes a, const char *prefix, bytes *rest) {
    u32 n = cstr_len(prefix);
    if (a.len < n) return 0;
    for (u32 i = 0; i < n; i++) if (a.p[i] != (u8)prefix[i]) return 0;
    rest->p = a.p + n;
    rest->len = a.len - n;
    return 1;
}

/* Decimal digits only, at least one, no overflow of u64: 1 and *out; otherwise 0. */
static int parse_u64(bytes s, u64 *out) {
    if (s.len == 0) return 0;
    u64 v = 0;
    for (u32 i = 0; i < s.len; i++) {
        u8 c = s.p[i];
        if (c < '0' || c > '9') return 0;
        u64 d = c - '0';
        if (v > (~0ull - d) / 10) return 0;
        v = v * 10 + d;
    }
    *out = v;
    return 1;
}

#define CSTR(s) (const u8 *)(s), (sizeof(s) - 1) /* a string literal as (ptr, len) arguments */

/* ---- response building blocks ---- */

/* Appends one header to a fields; returns 1 if the host accepted it (result ok). */
static int add_header(u32 fields, const char *name, const char *value) {
    fields_append(fields, (const u8 *)name, cstr_len(name), (const u8 *)value, cstr_len(value), ra);
    return RA_U8(0) == 0;
}

/* A fields holding `content-type: <content_type>`, or no entries when content_type is 0. */
static u32 headers_with_type(const char *content_type) {
    u32 h = fields_new();
    if (content_type) add_header(h, "content-type", content_type);
    return h;
}

/* An outgoing-response's body and the body's output stream. */
typedef struct { u32 body, stream; } out_body;

/* Takes the response's body and its output stream, then hands the response to the host
 * (response-outparam.set(param, ok(response)); the response is moved, the body stays ours). On a fresh
 * response neither `body` nor `write` can fail; if they did, this traps. */
static out_body send_response(u32 param, u32 response) {
    out_body b;
    outgoing_response_body(response, ra);
    if (RA_U8(0) != 0) __builtin_trap();
    b.body = RA_U32(4);
    response_outparam_set(param, 0, response, 0, 0, 0, 0, 0, 0);
    outgoing_body_write(b.body, ra);
    if (RA_U8(0) != 0) __builtin_trap();
    b.stream = RA_U32(4);
    return b;
}

/* The largest blocking-write-and-flush (the interface's limit; see "Streaming" at the top). */
#define WRITE_MAX 4096u

/* Writes all of p[0..len) with blocking-write-and-flush, WRITE_MAX bytes at most per call.
 * Returns 1 when all was written; 0 when a write failed (its io error, if any, dropped). */
static int write_all(u32 stream, const u8 *p, u32 len) {
    while (len > 0) {
        u32 n = len < WRITE_MAX ? len : WRITE_MAX;
        output_blocking_write_and_flush(stream, p, n, ra);
        if (RA_U8(0) != 0) {
            if (RA_U8(4) == 0) drop_io_error(RA_U32(8)); /* last-operation-failed(error) */
            return 0;
        }
        p += n;
        len -= n;
    }
    return 1;
}

/* Ends a response body: drops the output stream, then finishes the body (ok = 1) or, after a failed
 * write or read (ok = 0), drops it without finish so the host sees the body as incomplete. */
static void end_body(out_body b, int ok) {
    drop_output_stream(b.stream);
    if (ok) outgoing_body_finish(b.body, 0, 0, ra); /* consumes the body; an error-code result is ignored */
    else drop_outgoing_body(b.body);
}

/* A whole response: status, content-type (none when 0), body text. */
static void respond(u32 param, u32 status, const char *content_type, const u8 *body, u32 len) {
    u32 response = outgoing_response_new(headers_with_type(content_type));
    if (status != 200 && outgoing_response_set_status_code(response, status) != 0) __builtin_trap();
    out_body b = send_response(param, response);
    end_body(b, write_all(b.stream, body, len));
}

static void respond_text(u32 param, u32 status, const text *t) {
    respond(param, status, "text/plain", t->p, t->len);
}

/* ---- the request body ---- */

/* The request's body and its input stream (consume + stream; neither fails on a fresh request,
 * else this traps). */
typedef struct { u32 body, stream; } in_body;

static in_body open_request_body(u32 request) {
    in_body b;
    incoming_request_consume(request, ra);
    if (RA_U8(0) != 0) __builtin_trap();
    b.body = RA_U32(4);
    incoming_body_stream(b.body, ra);
    if (RA_U8(0) != 0) __builtin_trap();
    b.stream = RA_U32(4);
    return b;
}

static void close_request_body(in_body b) {
    drop_input_stream(b.stream); /* the child first */
    drop_incoming_body(b.body);
}

/* The most bytes one blocking-read asks for. */
#define READ_MAX 65536u

/* Reads the next chunk of the request body into the heap: 1 and *chunk on data (possibly empty), 0 at
 * the end (closed) or on a failed read (its io error dropped; *failed set). */
static int read_chunk(u32 stream, bytes *chunk, int *failed) {
    input_blocking_read(stream, READ_MAX, ra);
    if (RA_U8(0) != 0) {
        if (RA_U8(4) == 0) { /* last-operation-failed(error) */
            drop_io_error(RA_U32(8));
            *failed = 1;
        }
        return 0;
    }
    chunk->p = (const u8 *)RA_U32(4);
    chunk->len = RA_U32(8);
    return 1;
}

/* ---- routes ---- */

/* GET /hello/<name> */
static void route_hello(u32 param, bytes name) {
    u32 h = headers_with_type("text/plain; charset=utf-8");
    add_header(h, "x-guest", "c");
    text t = { 0, 0, 0 };
    puts_(&t, "Hello, ");
    put(&t, name.p, name.len);
    putc_(&t, '!');
    u32 response = outgoing_response_new(h);
    out_body b = send_response(param, response);
    end_body(b, write_all(b.stream, t.p, t.len));
}

/* POST /echo: the response is set first, then the request body is copied chunk by chunk. */
static void route_echo(u32 param, u32 request) {
    /* content-type values of the request, copied (the request's headers are a child: dropped here) */
    u32 h = fields_new();
    u32 req_headers = incoming_request_headers(request);
    fields_get(req_headers, CSTR("content-type"), ra);
    const u32 *values = (const u32 *)RA_U32(0); /* list<list<u8>>: { ptr, len } per value */
    u32 count = RA_U32(4);
    for (u32 i = 0; i < count; i++) {
        fields_append(h, CSTR("content-type"), (const u8 *)values[2 * i], values[2 * i + 1], ra);
    }
    drop_fields(req_headers);

    out_body out = send_response(param, outgoing_response_new(h));
    in_body in = open_request_body(request);
    int ok = 1, failed = 0;
    bytes chunk;
    u32 mark = heap_top;
    while (read_chunk(in.stream, &chunk, &failed)) {
        ok = write_all(out.stream, chunk.p, chunk.len);
        heap_top = mark; /* the chunk is written: its memory can be reused */
        if (!ok) break;
    }
    close_request_body(in);
    end_body(out, ok && !failed);
}

/* POST /count: "<total bytes> <sum of the byte values, u32 wrapping>" */
static void route_count(u32 param, u32 request) {
    in_body in = open_request_body(request);
    u64 total = 0;
    u32 sum = 0;
    int failed = 0;
    bytes chunk;
    u32 mark = heap_top;
    while (read_chunk(in.stream, &chunk, &failed)) {
        total += chunk.len;
        for (u32 i = 0; i < chunk.len; i++) sum += chunk.p[i];
        heap_top = mark;
    }
    close_request_body(in);
    if (failed) { /* the request body broke off: no response (the host answers for us) */
        drop_response_outparam(param);
        return;
    }
    text t = { 0, 0, 0 };
    putu64(&t, total);
    putc_(&t, ' ');
    putu64(&t, sum);
    respond_text(param, 200, &t);
}

/* GET /bytes/<n>: byte i = i % 251. pattern[j] = j % 251, so the WRITE_MAX bytes starting at offset
 * `off` are pattern + off % 251. (In .bss: filled on first use, not stored in the module.) */
static u8 pattern[WRITE_MAX + 251];
static int pattern_ready;

static void route_bytes(u32 param, u64 n) {
    if (!pattern_ready) {
        for (u32 j = 0; j < sizeof pattern; j++) pattern[j] = (u8)(j % 251);
        pattern_ready = 1;
    }
    out_body b = send_response(param, outgoing_response_new(headers_with_type("application/octet-stream")));
    int ok = 1;
    for (u64 off = 0; off < n && ok; ) {
        u32 len = n - off < WRITE_MAX ? (u32)(n - off) : WRITE_MAX;
        ok = write_all(b.stream, pattern + off % 251, len);
        off += len;
    }
    end_body(b, ok);
}

/* GET /headers */
static const char *const method_tokens[9] = { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH" };

/* "<prefix> <s>" for an option<string> return area, or "<prefix> -" */
static void option_string_line(text *t, const char *prefix) {
    line(t, prefix);
    if (RA_U8(0) == 0) puts_(t, "-");
    else put(t, (const u8 *)RA_U32(4), RA_U32(8));
}

static void route_headers(u32 param, u32 request) {
    text t = { 0, 0, 0 };

    incoming_request_method(request, ra);
    line(&t, "method ");
    if (RA_U8(0) < 9) puts_(&t, method_tokens[RA_U8(0)]);
    else put(&t, (const u8 *)RA_U32(4), RA_U32(8)); /* other(string) */

    incoming_request_path_with_query(request, ra);
    option_string_line(&t, "path ");

    incoming_request_scheme(request, ra);
    line(&t, "scheme ");
    if (RA_U8(0) == 0) puts_(&t, "-");
    else if (RA_U8(4) == 0) puts_(&t, "HTTP");
    else if (RA_U8(4) == 1) puts_(&t, "HTTPS");
    else put(&t, (const u8 *)RA_U32(8), RA_U32(12)); /* other(string) */

    incoming_request_authority(request, ra);
    option_string_line(&t, "authority ");

    u32 req_headers = incoming_request_headers(request);
    fields_entries(req_headers, ra);
    const u32 *e = (const u32 *)RA_U32(0);
    u32 n = RA_U32(4);
    for (u32 i = 0; i < n; i++, e += 4) { /* { name ptr, name len, value ptr, value len } */
        line(&t, "header ");
        put(&t, (const u8 *)e[0], e[1]);
        puts_(&t, ": ");
        put(&t, (const u8 *)e[2], e[3]);
    }
    drop_fields(req_headers);

    respond_text(param, 200, &t);
}

/* GET /status/<code> */
static void route_status(u32 param, u64 code) {
    static const char bad[] = "bad status";
    u32 response = outgoing_response_new(fields_new());
    if (code > 0xffff || outgoing_response_set_status_code(response, (u32)code) != 0) {
        /* rejected (or not a u16): this response, made without headers, is dropped; a new one (200,
         * text/plain) carries the text */
        drop_outgoing_response(response);
        respond(param, 200, "text/plain", CSTR(bad));
        return;
    }
    out_body b = send_response(param, response);
    end_body(b, 1); /* empty body */
}

/* GET /spin: no host call, no response, never returns (the volatile store keeps the loop) */
static volatile u32 spins;

__attribute__((noreturn)) static void route_spin(void) {
    for (;;) spins++;
}

/* GET /trap-mid-body */
static void route_trap_mid_body(u32 param) {
    static u8 xs[1000];
    for (u32 i = 0; i < sizeof xs; i++) xs[i] = 'x';
    out_body b = send_response(param, outgoing_response_new(fields_new()));
    write_all(b.stream, xs, sizeof xs);
    __builtin_trap();
}

/* GET /inject: a header value holding CR LF must be refused by fields.append */
static void route_inject(u32 param) {
    static const char refused[] = "refused", accepted[] = "accepted";
    u32 h = fields_new();
    int ok = add_header(h, "x-test", "a\r\nx-injected: 1");
    add_header(h, "content-type", "text/plain");
    u32 response = outgoing_response_new(h);
    out_body b = send_response(param, response);
    end_body(b, ok ? write_all(b.stream, CSTR(accepted)) : write_all(b.stream, CSTR(refused)));
}

/* GET /error: err(internal-error(some("guest failed"))) */
static void route_error(u32 param) {
    static const char message[] = "guest failed";
    response_outparam_set(param, 1, 38 /* internal-error */, 1 /* some */, (u64)(u32)message, sizeof message - 1, 0, 0, 0);
}

/* GET /unfinished: "partial", then the body is dropped without finish */
static void route_unfinished(u32 param) {
    static const char partial[] = "partial";
    out_body b = send_response(param, outgoing_response_new(fields_new()));
    write_all(b.stream, CSTR(partial));
    end_body(b, 0);
}

/* anything else: 404 "not found: <path-with-query>" */
static void route_not_found(u32 param, int has_path, bytes path_with_query) {
    text t = { 0, 0, 0 };
    puts_(&t, "not found: ");
    if (has_path) put(&t, path_with_query.p, path_with_query.len);
    else puts_(&t, "-");
    respond_text(param, 404, &t);
}

/* ---- the export ---- */

EXPORT("wasi:http/incoming-handler@0.2.0#handle")
void handle(u32 request, u32 param) {
    heap_top = 0; /* nothing survives from a previous call */

    /* method: 0 get, 2 post, ... (an other(string) is never routed) */
    incoming_request_method(request, ra);
    u8 method = RA_U8(0);

    /* path-with-query, and the path without its query */
    incoming_request_path_with_query(request, ra);
    int has_path = RA_U8(0) != 0;
    bytes full = { 0, 0 };
    if (has_path) { full.p = (const u8 *)RA_U32(4); full.len = RA_U32(8); }
    bytes path = full;
    for (u32 i = 0; i < full.len; i++) if (full.p[i] == '?') { path.len = i; break; }

    const u8 GET = 0, POST = 2;
    bytes rest;
    u64 n;
    if (method == GET && starts_with(path, "/hello/", &rest)) route_hello(param, rest);
    else if (method == POST && equal(path, "/echo")) route_echo(param, request);
    else if (method == POST && equal(path, "/count")) route_count(param, request);
    else if (method == GET && starts_with(path, "/bytes/", &rest) && parse_u64(rest, &n)) route_bytes(param, n);
    else if (method == GET && equal(path, "/headers")) route_headers(param, request);
    else if (method == GET && starts_with(path, "/status/", &rest) && parse_u64(rest, &n)) route_status(param, n);
    else if (method == GET && equal(path, "/no-response")) drop_response_outparam(param);
    else if (method == GET && equal(path, "/spin")) route_spin();
    else if (method == GET && equal(path, "/trap-mid-body")) route_trap_mid_body(param);
    else if (method == GET && equal(path, "/inject")) route_inject(param);
    else if (method == GET && equal(path, "/error")) route_error(param);
    else if (method == GET && equal(path, "/unfinished")) route_unfinished(param);
    else route_not_found(param, has_path, full);

    drop_incoming_request(request);
}
