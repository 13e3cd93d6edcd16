/*
 * http.wasm (component, world wippy:http-test/http-client; WIT in http.wit): an HTTP client over
 * wasi:http@0.2.0 (types + outgoing-handler) in freestanding C, no libc, no wit-bindgen, no WASI
 * adapter. Hand-written Canonical ABI (32-bit memory, sync lift and lower, utf8 strings).
 *
 * Exports
 *   fetch(method, scheme, authority, path: string, headers: list<tuple<string, string>>,
 *         body: option<string>, first-byte-timeout-ms: u32) -> string
 *       core (m.ptr, m.len, s.ptr, s.len, a.ptr, a.len, p.ptr, p.len, h.ptr, h.len,
 *             body.tag, body.ptr, body.len, ms) -> i32       14 flat params (<= 16), all i32;
 *       the result (a string, 2 flat values > 1) is returned as a pointer to { ptr @0, len @4 }.
 *       cabi_post_fetch(i32).
 *   fields-test() -> string                                   core () -> i32, cabi_post_fields-test(i32)
 *   Each list<tuple<string, string>> element is 16 bytes: name ptr @0, len @4, value ptr @8, len @12.
 *
 * Imports (module `wasi:<pkg>/<iface>@0.2.0`, field as below; "retptr" = the result does not fit in
 * one flat value, so the last core parameter points at a return area the host writes):
 *   wasi:io/error     [resource-drop]error                                     (i32)
 *   wasi:io/poll      [method]pollable.block                                   (i32)
 *                     [resource-drop]pollable                                  (i32)
 *   wasi:io/streams   [method]input-stream.blocking-read(self, len: u64)       (i32, i64, retptr)
 *                     [method]output-stream.blocking-write-and-flush(self, list<u8>)  (i32, ptr, len, retptr)
 *                     [resource-drop]input-stream, [resource-drop]output-stream (i32)
 *   wasi:http/types   [constructor]fields                                      () -> i32
 *                     [static]fields.from-list(list<tuple<string, list<u8>>>)  (ptr, len, retptr)
 *                     [method]fields.get(self, name)                           (i32, ptr, len, retptr)
 *                     [method]fields.has(self, name) -> bool                   (i32, ptr, len) -> i32
 *                     [method]fields.set(self, name, list<list<u8>>)           (i32, ptr, len, ptr, len, retptr)
 *                     [method]fields.delete(self, name)                        (i32, ptr, len, retptr)
 *                     [method]fields.append(self, name, value)                 (i32, ptr, len, ptr, len, retptr)
 *                     [method]fields.entries(self)                             (i32, retptr)
 *                     [method]fields.clone(self) -> own<fields>                (i32) -> i32
 *                     [constructor]outgoing-request(own<fields>)               (i32) -> i32
 *                     [method]outgoing-request.body(self)                      (i32, retptr)
 *                     [method]outgoing-request.method(self)                    (i32, retptr)
 *                     [method]outgoing-request.set-method(self, method) -> result
 *                                                                              (i32, tag, ptr, len) -> i32
 *                     [method]outgoing-request.path-with-query / authority(self)  (i32, retptr)
 *                     [method]outgoing-request.set-path-with-query / set-authority(self, option<string>)
 *                                                                              (i32, tag, ptr, len) -> i32
 *                     [method]outgoing-request.scheme(self)                    (i32, retptr)
 *                     [method]outgoing-request.set-scheme(self, option<scheme>) (i32, opt tag, scheme tag, ptr, len) -> i32
 *                     [method]outgoing-request.headers(self) -> own<fields>    (i32) -> i32
 *                     [constructor]request-options                             () -> i32
 *                     [method]request-options.set-first-byte-timeout(self, option<u64>) (i32, tag, i64) -> i32
 *                     [method]outgoing-body.write(self)                        (i32, retptr)
 *                     [static]outgoing-body.finish(own<outgoing-body>, option<own<fields>>)  (i32, tag, i32, retptr)
 *                     [method]future-incoming-response.subscribe(self) -> own<pollable>  (i32) -> i32
 *                     [method]future-incoming-response.get(self)               (i32, retptr)
 *                     [method]incoming-response.status(self) -> u16            (i32) -> i32
 *                     [method]incoming-response.headers(self) -> own<fields>   (i32) -> i32
 *                     [method]incoming-response.consume(self)                  (i32, retptr)
 *                     [method]incoming-body.stream(self)                       (i32, retptr)
 *                     [resource-drop]fields, outgoing-request, request-options, outgoing-body,
 *                     future-incoming-response, incoming-response, incoming-body  (i32)
 *   wasi:http/outgoing-handler  handle(own<outgoing-request>, option<own<request-options>>)
 *                                                                              (i32, tag, i32, retptr)
 *   (The result types `result` with no payloads flatten to one i32: 0 ok, 1 err.)
 *
 * Memory layouts of the return areas (size/alignment from the Canonical ABI; discriminants are u8):
 *   header-error                 enum-like variant, 1 byte: 0 invalid-syntax, 1 forbidden, 2 immutable
 *   result<_, header-error>      { tag @0; header-error @1 }                       size 2, align 1
 *   result<own<T>, header-error> { tag @0; handle / header-error @4 }              size 8, align 4
 *   result<own<T>> (no error)    { tag @0; handle @4 }                             size 8, align 4
 *   list<T>                      { ptr @0; len @4 }
 *   method                       { tag @0 (0 get .. 8 patch, 9 other); other's string ptr @4, len @8 }
 *   option<string>               { tag @0; ptr @4; len @8 }                        size 12
 *   option<scheme>               { tag @0; scheme tag @4 (0 HTTP, 1 HTTPS, 2 other); ptr @8; len @12 }
 *   error-code                   { tag @0 (39 cases); payload @8 }                 size 32, align 8
 *     (align 8 because of option<u64>; the largest payload is option<field-size-payload>, 24 bytes:
 *     { tag @0; field-size-payload @4 = { option<string> @0 (12); option<u32> @12 (8) } })
 *   result<own<future-incoming-response>, error-code>   { tag @0; handle / error-code @8 }  size 40, align 8
 *     -> error-code tag @8
 *   result<_, error-code>        { tag @0; error-code @8 }                         size 40, align 8
 *   option<result<result<own<incoming-response>, error-code>>>                     size 56, align 8
 *     { option tag @0; outer result tag @8 (0 ok, 1 err = already taken); inner result tag @16;
 *       own<incoming-response> @24 or error-code tag @24 }
 *   result<list<u8>, stream-error>  { tag @0; ok: ptr @4, len @8; err: stream-error @4 =
 *     { tag @4 (0 last-operation-failed, 1 closed); own<error> @8 } }              size 12, align 4
 *   result<_, stream-error>      { tag @0; stream-error tag @4; own<error> @8 }    size 12, align 4
 * Return areas are an 8-aligned static buffer of 64 bytes, read right after each call.
 *
 * Memory: a bump heap from __heap_base that grows linear memory (memory.grow) as needed; nothing is
 * freed during a call. The host lowers the export arguments and the import results (strings,
 * lists) into it with cabi_realloc; the output text is built in it too. cabi_post_fetch and
 * cabi_post_fields-test reset it to empty after the host has read the result.
 *
 * Build: ./build.sh.
 */

typedef unsigned char u8;
typedef unsigned int u32;
typedef unsigned long long u64;

#define EXPORT(name) __attribute__((export_name(name)))
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define IO_ERROR(name) IMPORT("wasi:io/error@0.2.0", name)
#define POLL(name) IMPORT("wasi:io/poll@0.2.0", name)
#define STREAMS(name) IMPORT("wasi:io/streams@0.2.0", name)
#define TYPES(name) IMPORT("wasi:http/types@0.2.0", name)
#define HANDLER(name) IMPORT("wasi:http/outgoing-handler@0.2.0", name)

IO_ERROR("[resource-drop]error") extern void drop_io_error(u32 self);

POLL("[method]pollable.block") extern void pollable_block(u32 self);
POLL("[resource-drop]pollable") extern void drop_pollable(u32 self);

STREAMS("[method]input-stream.blocking-read") extern void input_blocking_read(u32 self, u64 len, void *ret);
STREAMS("[method]output-stream.blocking-write-and-flush")
extern void output_blocking_write_and_flush(u32 self, const u8 *ptr, u32 len, void *ret);
STREAMS("[resource-drop]input-stream") extern void drop_input_stream(u32 self);
STREAMS("[resource-drop]output-stream") extern void drop_output_stream(u32 self);

TYPES("[constructor]fields") extern u32 fields_new(void);
TYPES("[static]fields.from-list") extern void fields_from_list(const u32 *entries, u32 len, void *ret);
TYPES("[method]fields.get") extern void fields_get(u32 self, const u8 *name, u32 name_len, void *ret);
TYPES("[method]fields.has") extern u32 fields_has(u32 self, const u8 *name, u32 name_len);
TYPES("[method]fields.set")
extern void fields_set(u32 self, const u8 *name, u32 name_len, const u32 *values, u32 values_len, void *ret);
TYPES("[method]fields.delete") extern void fields_delete(u32 self, const u8 *name, u32 name_len, void *ret);
TYPES("[method]fields.append")
extern void fields_append(u32 self, const u8 *name, u32 name_len, const u8 *value, u32 value_len, void *ret);
TYPES("[method]fields.entries") extern void fields_entries(u32 self, void *ret);
TYPES("[method]fields.clone") extern u32 fields_clone(u32 self);
TYPES("[resource-drop]fields") extern void drop_fields(u32 self);

TYPES("[constructor]outgoing-request") extern u32 outgoing_request_new(u32 headers);
TYPES("[method]outgoing-request.body") extern void outgoing_request_body(u32 self, void *ret);
TYPES("[method]outgoing-request.method") extern void outgoing_request_method(u32 self, void *ret);
TYPES("[method]outgoing-request.set-method")
extern u32 outgoing_request_set_method(u32 self, u32 tag, const u8 *other, u32 other_len);
TYPES("[method]outgoing-request.path-with-query") extern void outgoing_request_path_with_query(u32 self, void *ret);
TYPES("[method]outgoing-request.set-path-with-query")
extern u32 outgoing_request_set_path_with_query(u32 self, u32 is_some, const u8 *ptr, u32 len);
TYPES("[method]outgoing-request.scheme") extern void outgoing_request_scheme(u32 self, void *ret);
TYPES("[method]outgoing-request.set-scheme")
extern u32 outgoing_request_set_scheme(u32 self, u32 is_some, u32 tag, const u8 *other, u32 other_len);
TYPES("[method]outgoing-request.authority") extern void outgoing_request_authority(u32 self, void *ret);
TYPES("[method]outgoing-request.set-authority")
extern u32 outgoing_request_set_authority(u32 self, u32 is_some, const u8 *ptr, u32 len);
TYPES("[method]outgoing-request.headers") extern u32 outgoing_request_headers(u32 self);
TYPES("[resource-drop]outgoing-request") extern void drop_outgoing_request(u32 self);

TYPES("[constructor]request-options") extern u32 request_options_new(void);
TYPES("[method]request-options.set-first-byte-timeout")
extern u32 request_options_set_first_byte_timeout(u32 self, u32 is_some, u64 ns);
TYPES("[resource-drop]request-options") extern void drop_request_options(u32 self);

TYPES("[method]outgoing-body.write") extern void outgoing_body_write(u32 self, void *ret);
TYPES("[static]outgoing-body.finish") extern void outgoing_body_finish(u32 self, u32 has_trailers, u32 trailers, void *ret);
TYPES("[resource-drop]outgoing-body") extern void drop_outgoing_body(u32 self);

TYPES("[method]future-incoming-response.subscribe") extern u32 future_incoming_response_subscribe(u32 self);
TYPES("[method]future-incoming-response.get") extern void future_incoming_response_get(u32 self, void *ret);
TYPES("[resource-drop]future-incoming-response") extern void drop_future_incoming_response(u32 self);

TYPES("[method]incoming-response.status") extern u32 incoming_response_status(u32 self);
TYPES("[method]incoming-response.headers") extern u32 incoming_response_headers(u32 self);
TYPES("[method]incoming-response.consume") extern void incoming_response_consume(u32 self, void *ret);
TYPES("[resource-drop]incoming-response") extern void drop_incoming_response(u32 self);

TYPES("[method]incoming-body.stream") extern void incoming_body_stream(u32 self, void *ret);
TYPES("[resource-drop]incoming-body") extern void drop_incoming_body(u32 self);

HANDLER("handle") extern void outgoing_handler_handle(u32 request, u32 has_options, u32 options, void *ret);

/* ---- the return area: 8-aligned, read right after each call ---- */

static u8 ra[64] __attribute__((aligned(8)));
#define RA_U8(off) (ra[(off)])
#define RA_U32(off) (*(const u32 *)(ra + (off)))

/* ---- bump heap (grows memory; nothing is freed during a call) ---- */

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

/* ---- the output text ---- */

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

static void putu(text *t, u32 v) {
    u8 digits[10];
    u32 d = 0;
    do { digits[d++] = (u8)('0' + v % 10); v /= 10; } while (v);
    while (d) putc_(t, digits[--d]);
}

/* Starts a line: a '\n' separates it from the previous one (no trailing newline). */
static void line(text *t, const char *s) {
    if (t->len) putc_(t, '\n');
    puts_(t, s);
}

static u32 ret_str[2]; /* the export's string result: { ptr, len } */

static u32 *result(text *t) {
    ret_str[0] = (u32)t->p;
    ret_str[1] = t->len;
    return ret_str;
}

static u32 *error_line(const char *s) {
    text t = { 0, 0, 0 };
    line(&t, s);
    return result(&t);
}

/* ---- names ---- */

static const char *const error_code_names[39] = {
    "DNS-timeout",
    "DNS-error",
    "destination-not-found",
    "destination-unavailable",
    "destination-IP-prohibited",
    "destination-IP-unroutable",
    "connection-refused",
    "connection-terminated",
    "connection-timeout",
    "connection-read-timeout",
    "connection-write-timeout",
    "connection-limit-reached",
    "TLS-protocol-error",
    "TLS-certificate-error",
    "TLS-alert-received",
    "HTTP-request-denied",
    "HTTP-request-length-required",
    "HTTP-request-body-size",
    "HTTP-request-method-invalid",
    "HTTP-request-URI-invalid",
    "HTTP-request-URI-too-long",
    "HTTP-request-header-section-size",
    "HTTP-request-header-size",
    "HTTP-request-trailer-section-size",
    "HTTP-request-trailer-size",
    "HTTP-response-incomplete",
    "HTTP-response-header-section-size",
    "HTTP-response-header-size",
    "HTTP-response-body-size",
    "HTTP-response-trailer-section-size",
    "HTTP-response-trailer-size",
    "HTTP-response-transfer-coding",
    "HTTP-response-content-coding",
    "HTTP-response-timeout",
    "HTTP-upgrade-failed",
    "HTTP-protocol-error",
    "loop-detected",
    "configuration-error",
    "internal-error",
};

static const char *const header_error_names[3] = { "invalid-syntax", "forbidden", "immutable" };

/* method cases 0..8, in WIT order; the request strings are the upper-case ones */
static const char *const method_names[9] = { "get", "head", "post", "put", "delete", "connect", "options", "trace", "patch" };
static const char *const method_tokens[9] = { "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH" };

static const char *const scheme_names[2] = { "HTTP", "HTTPS" };

/* "<prefix> <error-code case>" (the canonical ABI traps on a tag out of range before this runs) */
static u32 *error_code_line(const char *prefix, u8 tag) {
    text t = { 0, 0, 0 };
    line(&t, prefix);
    putc_(&t, ' ');
    puts_(&t, tag < 39 ? error_code_names[tag] : "?");
    return result(&t);
}

static const char *header_error_name(u8 tag) { return tag < 3 ? header_error_names[tag] : "?"; }

static int equal(const u8 *a, u32 a_len, const char *b) {
    u32 b_len = cstr_len(b);
    if (a_len != b_len) return 0;
    for (u32 i = 0; i < a_len; i++) if (a[i] != (u8)b[i]) return 0;
    return 1;
}

/* ---- fetch ---- */

/* one "header <name>: <value>" line per entry of a fields, in the order the host returns */
static void header_lines(text *t, u32 fields) {
    fields_entries(fields, ra);
    const u32 *e = (const u32 *)RA_U32(0);
    u32 n = RA_U32(4);
    for (u32 i = 0; i < n; i++, e += 4) { /* { name ptr, name len, value ptr, value len } */
        line(t, "header ");
        put(t, (const u8 *)e[0], e[1]);
        puts_(t, ": ");
        put(t, (const u8 *)e[2], e[3]);
    }
}

EXPORT("fetch")
u32 *fetch(const u8 *method, u32 method_len, const u8 *scheme, u32 scheme_len,
           const u8 *authority, u32 authority_len, const u8 *path, u32 path_len,
           const u32 *headers, u32 headers_len, u32 has_body, const u8 *body, u32 body_len,
           u32 first_byte_timeout_ms) {
    /* headers */
    u32 fields = fields_new();
    for (u32 i = 0; i < headers_len; i++) {
        const u32 *h = headers + 4 * i; /* { name ptr, name len, value ptr, value len } */
        fields_append(fields, (const u8 *)h[0], h[1], (const u8 *)h[2], h[3], ra);
        if (RA_U8(0) != 0) {
            u8 err = RA_U8(1);
            drop_fields(fields);
            text t = { 0, 0, 0 };
            line(&t, "error header ");
            put(&t, (const u8 *)h[0], h[1]);
            putc_(&t, ' ');
            puts_(&t, header_error_name(err));
            return result(&t);
        }
    }

    /* the request (the fields are moved into it) */
    u32 request = outgoing_request_new(fields);
    u32 tag = 9;
    for (u32 i = 0; i < 9; i++) {
        if (equal(method, method_len, method_tokens[i])) { tag = i; break; }
    }
    if (tag == 9 ? outgoing_request_set_method(request, 9, method, method_len)
                 : outgoing_request_set_method(request, tag, 0, 0)) {
        drop_outgoing_request(request);
        return error_line("error set-method");
    }
    u32 failed;
    if (scheme_len == 0) failed = outgoing_request_set_scheme(request, 0, 0, 0, 0);
    else if (equal(scheme, scheme_len, "http")) failed = outgoing_request_set_scheme(request, 1, 0, 0, 0);
    else if (equal(scheme, scheme_len, "https")) failed = outgoing_request_set_scheme(request, 1, 1, 0, 0);
    else failed = outgoing_request_set_scheme(request, 1, 2, scheme, scheme_len);
    if (failed) {
        drop_outgoing_request(request);
        return error_line("error set-scheme");
    }
    if (authority_len == 0 ? outgoing_request_set_authority(request, 0, 0, 0)
                           : outgoing_request_set_authority(request, 1, authority, authority_len)) {
        drop_outgoing_request(request);
        return error_line("error set-authority");
    }
    if (path_len == 0 ? outgoing_request_set_path_with_query(request, 0, 0, 0)
                      : outgoing_request_set_path_with_query(request, 1, path, path_len)) {
        drop_outgoing_request(request);
        return error_line("error set-path-with-query");
    }

    /* the body resource, taken before handle */
    u32 out_body = 0;
    if (has_body) {
        outgoing_request_body(request, ra);
        if (RA_U8(0) != 0) {
            drop_outgoing_request(request);
            return error_line("error body");
        }
        out_body = RA_U32(4);
    }

    /* options */
    u32 options = 0;
    if (first_byte_timeout_ms > 0) {
        options = request_options_new();
        if (request_options_set_first_byte_timeout(options, 1, (u64)first_byte_timeout_ms * 1000000ull)) {
            drop_request_options(options);
            if (has_body) drop_outgoing_body(out_body);
            drop_outgoing_request(request);
            return error_line("error set-first-byte-timeout");
        }
    }

    /* send (request and options are moved) */
    outgoing_handler_handle(request, options != 0, options, ra);
    if (RA_U8(0) != 0) {
        u8 code = RA_U8(8);
        if (has_body) drop_outgoing_body(out_body);
        return error_code_line("error handle", code);
    }
    u32 future = RA_U32(8);

    /* the body, written after handle: the host has to stream it */
    if (has_body) {
        outgoing_body_write(out_body, ra);
        if (RA_U8(0) != 0) {
            drop_outgoing_body(out_body);
            drop_future_incoming_response(future);
            return error_line("error write");
        }
        u32 stream = RA_U32(4);
        while (body_len > 0) {
            u32 n = body_len < 4096 ? body_len : 4096;
            output_blocking_write_and_flush(stream, body, n, ra);
            if (RA_U8(0) != 0) {
                if (RA_U8(4) == 0) drop_io_error(RA_U32(8)); /* last-operation-failed(error) */
                drop_output_stream(stream);
                drop_outgoing_body(out_body);
                drop_future_incoming_response(future);
                return error_line("error write");
            }
            body += n;
            body_len -= n;
        }
        drop_output_stream(stream);
        outgoing_body_finish(out_body, 0, 0, ra); /* consumes the body */
        if (RA_U8(0) != 0) {
            u8 code = RA_U8(8);
            drop_future_incoming_response(future);
            return error_code_line("error finish", code);
        }
    }

    /* wait for the response */
    u32 pollable = future_incoming_response_subscribe(future);
    pollable_block(pollable);
    drop_pollable(pollable);
    future_incoming_response_get(future, ra);
    if (RA_U8(0) == 0) {
        drop_future_incoming_response(future);
        return error_line("error get none");
    }
    if (RA_U8(8) != 0) {
        drop_future_incoming_response(future);
        return error_line("error get consumed");
    }
    if (RA_U8(16) != 0) {
        u8 code = RA_U8(24);
        drop_future_incoming_response(future);
        return error_code_line("error response", code);
    }
    u32 response = RA_U32(24);

    /* status and headers */
    text t = { 0, 0, 0 };
    line(&t, "status ");
    putu(&t, incoming_response_status(response) & 0xffff);
    u32 response_headers = incoming_response_headers(response);
    header_lines(&t, response_headers);

    /* the body */
    incoming_response_consume(response, ra);
    if (RA_U8(0) != 0) {
        drop_fields(response_headers);
        drop_incoming_response(response);
        drop_future_incoming_response(future);
        return error_line("error consume");
    }
    u32 in_body = RA_U32(4);
    incoming_body_stream(in_body, ra);
    if (RA_U8(0) != 0) {
        drop_fields(response_headers);
        drop_incoming_body(in_body);
        drop_incoming_response(response);
        drop_future_incoming_response(future);
        return error_line("error stream");
    }
    u32 stream = RA_U32(4);
    line(&t, "body ");
    for (;;) {
        input_blocking_read(stream, 65536, ra);
        if (RA_U8(0) != 0) {
            if (RA_U8(4) == 0) { /* last-operation-failed(error) */
                drop_io_error(RA_U32(8));
                line(&t, "error read");
            }
            break; /* closed: the end of the body */
        }
        put(&t, (const u8 *)RA_U32(4), RA_U32(8));
    }

    drop_fields(response_headers);
    drop_input_stream(stream);
    drop_incoming_body(in_body);
    drop_incoming_response(response);
    drop_future_incoming_response(future);
    return result(&t);
}

EXPORT("cabi_post_fetch")
void post_fetch(u32 *ret) {
    (void)ret;
    heap_top = 0; /* the arguments, the host's results and the output text */
}

/* ---- fields-test ---- */

static void put_cstr_line(text *t, const char *a, const char *b, const char *c) {
    line(t, a);
    puts_(t, b);
    puts_(t, c);
}

/* append(name, value) -> "<prefix> <name> ok|<header-error>" */
static void append_step(text *t, const char *prefix, u32 fields, const char *name, const char *value) {
    fields_append(fields, (const u8 *)name, cstr_len(name), (const u8 *)value, cstr_len(value), ra);
    put_cstr_line(t, prefix, " ", name);
    putc_(t, ' ');
    puts_(t, RA_U8(0) == 0 ? "ok" : header_error_name(RA_U8(1)));
}

/* "<prefix> name=value name=value ..." (one space after the prefix only when there are entries) */
static void entries_step(text *t, const char *prefix, u32 fields) {
    fields_entries(fields, ra);
    const u32 *e = (const u32 *)RA_U32(0);
    u32 n = RA_U32(4);
    line(t, prefix);
    for (u32 i = 0; i < n; i++, e += 4) {
        putc_(t, ' ');
        put(t, (const u8 *)e[0], e[1]);
        putc_(t, '=');
        put(t, (const u8 *)e[2], e[3]);
    }
}

/* "get <name> v1,v2,..." */
static void get_step(text *t, u32 fields, const char *name) {
    fields_get(fields, (const u8 *)name, cstr_len(name), ra);
    const u32 *v = (const u32 *)RA_U32(0);
    u32 n = RA_U32(4);
    put_cstr_line(t, "get ", name, " ");
    for (u32 i = 0; i < n; i++, v += 2) {
        if (i) putc_(t, ',');
        put(t, (const u8 *)v[0], v[1]);
    }
}

static void has_step(text *t, u32 fields, const char *name) {
    u32 has = fields_has(fields, (const u8 *)name, cstr_len(name));
    put_cstr_line(t, "has ", name, has ? " true" : " false");
}

/* "<prefix> <s>" for an option<string> return area, or "<prefix> none" */
static void option_string_line(text *t, const char *prefix) {
    line(t, prefix);
    if (RA_U8(0) == 0) { puts_(t, " none"); return; }
    putc_(t, ' ');
    put(t, (const u8 *)RA_U32(4), RA_U32(8));
}

/* from-list(entries) -> "from-list ok" + "from-list-entries ..." or "from-list <header-error>" */
static void from_list_step(text *t, const u32 *entries, u32 n) {
    fields_from_list(entries, n, ra);
    if (RA_U8(0) != 0) {
        put_cstr_line(t, "from-list ", header_error_name(RA_U8(4)), "");
        return;
    }
    u32 f = RA_U32(4);
    line(t, "from-list ok");
    entries_step(t, "from-list-entries", f);
    drop_fields(f);
}

#define S(s) (u32)(s), (sizeof(s) - 1) /* a string literal as { ptr, len } */

EXPORT("fields-test")
u32 *fields_test(void) {
    text t = { 0, 0, 0 };

    /* 1. append twice */
    u32 f = fields_new();
    append_step(&t, "append", f, "x-a", "1");
    append_step(&t, "append", f, "x-a", "2");
    /* 2. get */
    get_step(&t, f, "x-a");
    get_step(&t, f, "x-none");
    /* 3. has */
    has_step(&t, f, "x-a");
    has_step(&t, f, "x-b");
    /* 4. set */
    {
        static const u32 values[4] = { S("3"), S("4") };
        fields_set(f, (const u8 *)"x-b", 3, values, 2, ra);
        put_cstr_line(&t, "set x-b ", RA_U8(0) == 0 ? "ok" : header_error_name(RA_U8(1)), "");
    }
    /* 5. entries */
    entries_step(&t, "entries", f);
    /* 6. delete */
    fields_delete(f, (const u8 *)"x-a", 3, ra);
    put_cstr_line(&t, "delete x-a ", RA_U8(0) == 0 ? "ok" : header_error_name(RA_U8(1)), "");
    entries_step(&t, "entries", f);
    /* 7. case */
    append_step(&t, "append", f, "X-Upper", "u");
    get_step(&t, f, "x-upper");
    /* 8. rejected appends */
    append_step(&t, "append", f, "connection", "close");
    append_step(&t, "append", f, "host", "example.com");
    append_step(&t, "append", f, "bad name", "v");
    append_step(&t, "append", f, "x-c", "bad\nvalue");
    /* 9. clone */
    u32 c = fields_clone(f);
    fields_append(c, (const u8 *)"x-z", 3, (const u8 *)"9", 1, ra);
    entries_step(&t, "entries", f);
    entries_step(&t, "clone-entries", c);
    /* 10. from-list */
    {
        static const u32 good[8] = { S("x-d"), S("5"), S("x-d"), S("6") };
        static const u32 bad[4] = { S("connection"), S("x") };
        from_list_step(&t, good, 2);
        from_list_step(&t, bad, 1);
    }
    /* 11. a request's headers are a child and immutable */
    {
        u32 e = fields_new();
        fields_append(e, (const u8 *)"x-e", 3, (const u8 *)"7", 1, ra);
        u32 r = outgoing_request_new(e); /* e is moved into the request */
        u32 h = outgoing_request_headers(r);
        fields_append(h, (const u8 *)"x-f", 3, (const u8 *)"8", 1, ra);
        put_cstr_line(&t, "child append ", RA_U8(0) == 0 ? "ok" : header_error_name(RA_U8(1)), "");
        entries_step(&t, "child-entries", h);
        drop_fields(h);
        drop_outgoing_request(r);
    }
    /* 12. outgoing-request accessors and defaults */
    {
        u32 r2 = outgoing_request_new(fields_new());
        outgoing_request_method(r2, ra);
        line(&t, "method ");
        if (RA_U8(0) < 9) puts_(&t, method_names[RA_U8(0)]);
        else { puts_(&t, "other:"); put(&t, (const u8 *)RA_U32(4), RA_U32(8)); }
        u32 failed = outgoing_request_set_method(r2, 9, (const u8 *)"bad method!", 11);
        put_cstr_line(&t, "set-method bad method! ", failed ? "err" : "ok", "");
        outgoing_request_path_with_query(r2, ra);
        option_string_line(&t, "path");
        outgoing_request_scheme(r2, ra);
        line(&t, "scheme ");
        if (RA_U8(0) == 0) puts_(&t, "none");
        else if (RA_U8(4) < 2) puts_(&t, scheme_names[RA_U8(4)]);
        else { puts_(&t, "other:"); put(&t, (const u8 *)RA_U32(8), RA_U32(12)); }
        outgoing_request_authority(r2, ra);
        option_string_line(&t, "authority");
        outgoing_request_body(r2, ra);
        u32 got_body = RA_U8(0) == 0, b = RA_U32(4);
        line(&t, got_body ? "body ok" : "body err");
        outgoing_request_body(r2, ra);
        u32 got_body2 = RA_U8(0) == 0, b2 = RA_U32(4);
        line(&t, got_body2 ? "body ok" : "body err");
        if (got_body2) drop_outgoing_body(b2);
        if (got_body) drop_outgoing_body(b);
        drop_outgoing_request(r2);
    }

    drop_fields(c);
    drop_fields(f);
    return result(&t);
}

EXPORT("cabi_post_fields-test")
void post_fields_test(u32 *ret) {
    (void)ret;
    heap_top = 0;
}
