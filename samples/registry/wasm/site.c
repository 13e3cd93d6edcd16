/*
 * site.wasm (component, world wippy:sample-site/site; WIT in site.wit): the sample's web pages, a
 * standard `wasi:http/incoming-handler@0.2.0` component. Plain C with no libc, no wit-bindgen and no
 * WASI adapter: the Canonical ABI (how WIT values travel as core wasm numbers and memory) is written
 * out by hand below, so this file shows everything a wasi:http component does.
 *
 * What it answers (the method, and the path of path-with-query without its "?query" part):
 *   GET  /site/<anything>  200, content-type "text/plain; charset=utf-8", body
 *                          "Hello from a wasi:http component! You asked for GET <path-with-query>\n"
 *                          (<path-with-query> as the request gives it, query included).
 *   POST /site/echo        200; the request's content-type values (if any) copied to the response; the
 *                          response is handed to the host first, then the request body is streamed
 *                          back, then the response body is finished.
 *   anything else          404, content-type "text/plain; charset=utf-8", body
 *                          "no page at <path-with-query>\n" (empty when the request has none).
 *
 * The life of one request: the host calls `handle(request, response-out)`. We read what we need from
 * the request, build an outgoing-response (headers first: a `fields`), hand it to the host with
 * response-outparam.set, then write the body through the body's output stream and finish the body.
 *
 * Streaming (/site/echo): blocking-read asks for up to 65536 bytes at a time; what it returns is written
 * back with blocking-write-and-flush in pieces of at most 4096 bytes (wasi:io 0.2.0 allows no more per
 * call). A read that reports `closed` is the normal end of the request body. If a read or write fails
 * (the client went away), the response body is dropped without finish, so the host knows that the
 * response is incomplete.
 *
 * Canonical ABI in brief (32-bit memory, utf8 strings):
 *   - a resource (request, fields, stream, ...) is an i32 handle; `own` handles passed to a function
 *     are moved, and every handle we still own must be dropped ([resource-drop]...), children
 *     (a stream, the request's headers) before their parents;
 *   - a string or list<u8> is passed as (pointer, length);
 *   - a result that does not fit in one core value (a string, an option, a result<...>) is written by
 *     the host into a "return area" whose address is the last argument: `ra` below. Its layouts:
 *       method                           { tag @0: 0 get, 1 head, 2 post, ... }
 *       option<string>                   { tag @0 (0 none, 1 some); ptr @4; len @8 }
 *       result<own<T>>                   { tag @0 (0 ok, 1 err); handle @4 }
 *       list<list<u8>>                   { ptr @0; len @4 }, each element { ptr @0; len @4 }
 *       result<list<u8>, stream-error>   { tag @0; ok: ptr @4, len @8;
 *                                          err: case @4 (0 last-operation-failed, 1 closed), own<error> @8 }
 *       result<_, stream-error>          { tag @0; case @4; own<error> @8 }
 *       result<_, error-code>            up to 40 bytes, 8-aligned (outgoing-body.finish; ignored here)
 *   - strings and lists the host returns are placed in our memory with our cabi_realloc; here that is
 *     a bump heap, emptied at the start of every request (nothing outlives one call).
 *
 * Build: ./build-components.sh (see site.README.md).
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define IO_ERROR(name) IMPORT("wasi:io/error@0.2.0", name)
#define STREAMS(name) IMPORT("wasi:io/streams@0.2.0", name)
#define TYPES(name) IMPORT("wasi:http/types@0.2.0", name)

/* ---- the imports: every host function this component calls ---- */

IO_ERROR("[resource-drop]error") extern void drop_io_error(u32 self);

STREAMS("[method]input-stream.blocking-read") extern void input_blocking_read(u32 self, u64 len, void *ret);
STREAMS("[method]output-stream.blocking-write-and-flush")
extern void output_blocking_write_and_flush(u32 self, const u8 *ptr, u32 len, void *ret);
STREAMS("[resource-drop]input-stream") extern void drop_input_stream(u32 self);
STREAMS("[resource-drop]output-stream") extern void drop_output_stream(u32 self);

TYPES("[method]incoming-request.method") extern void incoming_request_method(u32 self, void *ret);
TYPES("[method]incoming-request.path-with-query") extern void incoming_request_path_with_query(u32 self, void *ret);
TYPES("[method]incoming-request.headers") extern u32 incoming_request_headers(u32 self);
TYPES("[method]incoming-request.consume") extern void incoming_request_consume(u32 self, void *ret);
TYPES("[resource-drop]incoming-request") extern void drop_incoming_request(u32 self);

TYPES("[method]incoming-body.stream") extern void incoming_body_stream(u32 self, void *ret);
TYPES("[resource-drop]incoming-body") extern void drop_incoming_body(u32 self);

TYPES("[constructor]fields") extern u32 fields_new(void);
TYPES("[method]fields.get") extern void fields_get(u32 self, const u8 *name, u32 name_len, void *ret);
TYPES("[method]fields.append")
extern void fields_append(u32 self, const u8 *name, u32 name_len, const u8 *value, u32 value_len, void *ret);
TYPES("[resource-drop]fields") extern void drop_fields(u32 self);

TYPES("[constructor]outgoing-response") extern u32 outgoing_response_new(u32 headers);
/* -> result (no payloads): one i32, 0 ok, 1 err */
TYPES("[method]outgoing-response.set-status-code") extern u32 outgoing_response_set_status_code(u32 self, u32 status);
TYPES("[method]outgoing-response.body") extern void outgoing_response_body(u32 self, void *ret);

TYPES("[method]outgoing-body.write") extern void outgoing_body_write(u32 self, void *ret);
/* finish(own<outgoing-body>, trailers: option<own<fields>>): the option is (tag, handle) */
TYPES("[static]outgoing-body.finish") extern void outgoing_body_finish(u32 self, u32 has_trailers, u32 trailers, void *ret);
TYPES("[resource-drop]outgoing-body") extern void drop_outgoing_body(u32 self);

/* set(own<response-outparam>, result<own<outgoing-response>, error-code>). The result is passed
 * flattened: its tag (0 = ok), then seven slots wide enough for any case of error-code (one of them an
 * i64). For ok(response) the first slot holds the response handle and the others are 0. */
TYPES("[static]response-outparam.set")
extern void response_outparam_set(u32 param, u32 is_err, u32 p0, u32 p1, u64 p2, u32 p3, u32 p4, u32 p5, u32 p6);

/* ---- the return area: 8-aligned, read right after each call ---- */

static u8 ra[64] __attribute__((aligned(8)));
#define RA_U8(off) (ra[(off)])
#define RA_U32(off) (*(const u32 *)(ra + (off)))

/* ---- memory: a bump heap from __heap_base, growing linear memory as needed ---- */

extern u8 __heap_base; /* defined by wasm-ld: the end of our static data */
static u32 heap_top;   /* the next free byte; 0 = empty (starts at __heap_base) */

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

/* The host calls this to place the strings and lists it hands us in our memory. It asks for new
 * blocks (old = 0); resizing a block is part of the contract too, so it is handled. */
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

/* ---- bytes and strings ---- */

typedef struct { const u8 *p; u32 len; } bytes;

static u32 cstr_len(const char *s) {
    u32 n = 0;
    while (s[n]) n++;
    return n;
}

static bytes str(const char *s) { bytes b = { (const u8 *)s, cstr_len(s) }; return b; }

static int starts_with(bytes a, const char *prefix) {
    u32 n = cstr_len(prefix);
    if (a.len < n) return 0;
    for (u32 i = 0; i < n; i++) if (a.p[i] != (u8)prefix[i]) return 0;
    return 1;
}

static int equal(bytes a, const char *b) {
    return a.len == cstr_len(b) && starts_with(a, b);
}

/* a + b + c, in the heap */
static bytes concat3(bytes a, bytes b, bytes c) {
    u8 *p = alloc(1, a.len + b.len + c.len);
    copy(p, a.p, a.len);
    copy(p + a.len, b.p, b.len);
    copy(p + a.len + b.len, c.p, c.len);
    bytes r = { p, a.len + b.len + c.len };
    return r;
}

/* ---- the response ---- */

/* Adds one header (fields.append; a header the host refuses is left out). */
static void add_header(u32 fields, const char *name, bytes value) {
    fields_append(fields, (const u8 *)name, cstr_len(name), value.p, value.len, ra);
}

/* The response's body and that body's output stream. */
typedef struct { u32 body, stream; } out_body;

/* Takes the response's body, hands the response to the host (response-outparam.set(param,
 * ok(response)): the response is moved, the body stays ours), and opens the body's output stream.
 * On a fresh response neither `body` nor `write` can fail; if they did, this traps. */
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

/* The most bytes one blocking-write-and-flush may take (wasi:io 0.2.0). */
#define WRITE_MAX 4096u

/* Writes all of `data`, WRITE_MAX bytes at most per call. 1 when all was written; 0 when a write
 * failed (its io error, if any, is dropped). */
static int write_all(u32 stream, bytes data) {
    while (data.len > 0) {
        u32 n = data.len < WRITE_MAX ? data.len : WRITE_MAX;
        output_blocking_write_and_flush(stream, data.p, n, ra);
        if (RA_U8(0) != 0) {
            if (RA_U8(4) == 0) drop_io_error(RA_U32(8)); /* last-operation-failed(error) */
            return 0;
        }
        data.p += n;
        data.len -= n;
    }
    return 1;
}

/* Ends the response body: the output stream is dropped first (it is the body's child), then the body
 * is finished (no trailers) or, after a failure (ok = 0), dropped without finish. */
static void end_body(out_body b, int ok) {
    drop_output_stream(b.stream);
    if (ok) outgoing_body_finish(b.body, 0, 0, ra); /* consumes the body; its result is not needed */
    else drop_outgoing_body(b.body);
}

/* A whole text response: status, content-type "text/plain; charset=utf-8", body. */
static void respond_text(u32 param, u32 status, bytes body) {
    u32 headers = fields_new();
    add_header(headers, "content-type", str("text/plain; charset=utf-8"));
    u32 response = outgoing_response_new(headers); /* the headers are moved into the response */
    if (status != 200 && outgoing_response_set_status_code(response, status) != 0) __builtin_trap();
    out_body b = send_response(param, response);
    end_body(b, write_all(b.stream, body));
}

/* ---- POST /site/echo ---- */

/* The most bytes one blocking-read asks for. */
#define READ_MAX 65536u

static void echo(u32 param, u32 request) {
    /* The response headers: the request's content-type values, if any. fields.get returns
     * list<list<u8>> in the heap. The request's headers are a child of the request: dropped here. */
    u32 headers = fields_new();
    u32 request_headers = incoming_request_headers(request);
    fields_get(request_headers, (const u8 *)"content-type", 12, ra);
    const u32 *values = (const u32 *)RA_U32(0); /* { ptr, len } per value */
    u32 count = RA_U32(4);
    for (u32 i = 0; i < count; i++) {
        bytes value = { (const u8 *)values[2 * i], values[2 * i + 1] };
        add_header(headers, "content-type", value);
    }
    drop_fields(request_headers);

    /* The response goes to the host first; its body is then written while the request body is read. */
    out_body out = send_response(param, outgoing_response_new(headers));

    /* The request body (consume) and its input stream; neither fails on a fresh request. */
    incoming_request_consume(request, ra);
    if (RA_U8(0) != 0) __builtin_trap();
    u32 in_body = RA_U32(4);
    incoming_body_stream(in_body, ra);
    if (RA_U8(0) != 0) __builtin_trap();
    u32 in_stream = RA_U32(4);

    int ok = 1;
    u32 mark = heap_top;
    for (;;) {
        input_blocking_read(in_stream, READ_MAX, ra); /* the bytes land in our heap (cabi_realloc) */
        if (RA_U8(0) != 0) { /* err: closed = the end of the body; last-operation-failed = broken */
            if (RA_U8(4) == 0) { drop_io_error(RA_U32(8)); ok = 0; }
            break;
        }
        bytes chunk = { (const u8 *)RA_U32(4), RA_U32(8) };
        ok = write_all(out.stream, chunk);
        heap_top = mark; /* the chunk is written: its memory is reused by the next read */
        if (!ok) break;
    }
    drop_input_stream(in_stream); /* the child first */
    drop_incoming_body(in_body);
    end_body(out, ok);
}

/* ---- the export ---- */

EXPORT("wasi:http/incoming-handler@0.2.0#handle")
void handle(u32 request, u32 param) {
    heap_top = 0; /* nothing survives from a previous request */

    incoming_request_method(request, ra);
    u8 method = RA_U8(0); /* 0 get, 2 post (an `other` method's name is not needed) */

    incoming_request_path_with_query(request, ra);
    bytes full = { 0, 0 }; /* path-with-query; none (never sent by an HTTP server) -> empty */
    if (RA_U8(0) != 0) { full.p = (const u8 *)RA_U32(4); full.len = RA_U32(8); }
    bytes path = full; /* without "?query" */
    for (u32 i = 0; i < full.len; i++) if (full.p[i] == '?') { path.len = i; break; }

    const u8 GET = 0, POST = 2;
    if (method == GET && starts_with(path, "/site/"))
        respond_text(param, 200, concat3(str("Hello from a wasi:http component! You asked for GET "), full, str("\n")));
    else if (method == POST && equal(path, "/site/echo"))
        echo(param, request);
    else
        respond_text(param, 404, concat3(str("no page at "), full, str("\n")));

    drop_incoming_request(request);
}
