/*
 * echo.wasm (component, world wippy:test/echo-component): freestanding C, no libc, no imports.
 *
 *   export wippy:test/echo   every function of tests/guests/abi/abi.wit (same types, same
 *                            behaviour: see tests/guests/abi/README.md)
 *   export add: func(a: s32, b: s32) -> s32   (wrapping 32-bit sum)
 *
 * The implementation IS tests/guests/abi/abi.c, compiled in unchanged by #include. abi.c names
 * its core exports after the bare WIT functions ("echo-string", "cabi_post_echo-string"), while
 * wit-component wants an interface export's functions named "<interface>#<function>" and their
 * post-return functions "cabi_post_<interface>#<function>" (memory stays "memory", the
 * allocator "cabi_realloc", a top-level function is just its name). So, while abi.c is included,
 * the export_name attribute is defined away (abi.c's functions become ordinary functions), and
 * the exports below forward to them under the interface names.
 *
 * echo-import.wasm (world wippy:test/echo-import) is this file built with -DWITH_UNUSED_IMPORT:
 * the same exports, plus
 *   import wippy:test/unused: ping: func(x: u32) -> u32   (imported, never called)
 * kept alive as in ../host-import/noop.c, so the component holds a `canon lower` of it.
 *
 * Build: ./build.sh.
 */

#define export_name(name) /* nothing: abi.c's exports are re-exported below */
#include "../../abi/abi.c"
#undef export_name

#define IFACE "wippy:test/echo#"
#define E(fn) __attribute__((export_name(IFACE fn)))
#define P(fn) __attribute__((export_name("cabi_post_" IFACE fn)))
#define ROOT(name) __attribute__((export_name(name)))

#ifdef WITH_UNUSED_IMPORT
/* ---- import wippy:test/unused (echo-import.wasm only) ------------------------ */
/* Core import: module "wippy:test/unused", field "ping", (i32) -> i32. Never called. Every core
   export must belong to the world, so the import is kept alive by a retained (`used`) function
   pointer instead (it lands in the function table); otherwise wasm-ld and then wit-component
   drop it. */
__attribute__((import_module("wippy:test/unused"), import_name("ping")))
u32 unused_ping(u32 x);
__attribute__((used)) u32 (*volatile keep_unused_ping)(u32) = unused_ping;
#endif

/* ---- memory and allocator -------------------------------------------------- */
/* "memory" is exported by wasm-ld. */
ROOT("cabi_realloc") void *x_cabi_realloc(void *p, u32 o, u32 a, u32 n) { return cabi_realloc(p, o, a, n); }

/* ---- top-level export -------------------------------------------------------- */
ROOT("add") s32 x_add(s32 a, s32 b) { RETURN_NO_POST((s32)((u32)a + (u32)b)); }

/* ---- wippy:test/echo: scalars ------------------------------------------------ */
E("echo-bool")  u32 x_echo_bool(u32 v)   { return echo_bool(v); }
E("echo-s8")    s32 x_echo_s8(u32 v)     { return echo_s8(v); }
E("echo-u8")    u32 x_echo_u8(u32 v)     { return echo_u8(v); }
E("echo-s16")   s32 x_echo_s16(u32 v)    { return echo_s16(v); }
E("echo-u16")   u32 x_echo_u16(u32 v)    { return echo_u16(v); }
E("echo-s32")   s32 x_echo_s32(s32 v)    { return echo_s32(v); }
E("echo-u32")   u32 x_echo_u32(u32 v)    { return echo_u32(v); }
E("echo-s64")   s64 x_echo_s64(s64 v)    { return echo_s64(v); }
E("echo-u64")   u64 x_echo_u64(u64 v)    { return echo_u64(v); }
E("echo-f32")   float x_echo_f32(float v)    { return echo_f32(v); }
E("echo-f64")   double x_echo_f64(double v)  { return echo_f64(v); }
E("echo-char")  u32 x_echo_char(u32 v)   { return echo_char(v); }
E("echo-enum")  u32 x_echo_enum(u32 v)   { return echo_enum(v); }
E("echo-flags") u32 x_echo_flags(u32 v)  { return echo_flags(v); }
E("echo-result-empty") u32 x_echo_result_empty(u32 v) { return echo_result_empty(v); }

/* ---- strings, lists, records, tuples ------------------------------------------ */
E("echo-string")  void *x_echo_string(u8 *p, u32 n)      { return echo_string(p, n); }
P("echo-string")  void x_post_echo_string(void *r)       { post_echo_string(r); }
E("echo-bytes")   void *x_echo_bytes(u8 *p, u32 n)       { return echo_bytes(p, n); }
P("echo-bytes")   void x_post_echo_bytes(void *r)        { post_echo_bytes(r); }
E("echo-list")    void *x_echo_list(s32 *p, u32 n)       { return echo_list(p, n); }
P("echo-list")    void x_post_echo_list(void *r)         { post_echo_list(r); }
E("echo-strings") void *x_echo_strings(str_t *p, u32 n)  { return echo_strings(p, n); }
P("echo-strings") void x_post_echo_strings(void *r)      { post_echo_strings(r); }
E("echo-point")   void *x_echo_point(s32 x, s32 y)       { return echo_point(x, y); }
E("echo-person")
void *x_echo_person(u8 *name, u32 name_len, u32 age, str_t *tags, u32 tags_len,
                    u32 email_tag, u8 *email, u32 email_len, s32 x, s32 y) {
    return echo_person(name, name_len, age, tags, tags_len, email_tag, email, email_len, x, y);
}
P("echo-person")  void x_post_echo_person(void *r)       { post_echo_person(r); }
E("echo-people")  void *x_echo_people(person_t *p, u32 n) { return echo_people(p, n); }
P("echo-people")  void x_post_echo_people(void *r)       { post_echo_people(r); }
E("echo-tuple")   void *x_echo_tuple(u32 a, u8 *p, u32 n, double c) { return echo_tuple(a, p, n, c); }
P("echo-tuple")   void x_post_echo_tuple(void *r)        { post_echo_tuple(r); }

/* ---- options, results, variants ------------------------------------------------- */
E("echo-option")          void *x_echo_option(u32 t, s32 v)  { return echo_option(t, v); }
E("echo-option-string")   void *x_echo_option_string(u32 t, u8 *p, u32 n) { return echo_option_string(t, p, n); }
P("echo-option-string")   void x_post_echo_option_string(void *r) { post_echo_option_string(r); }
E("echo-nested-option")   void *x_echo_nested_option(u32 t, u32 i, u8 *p, u32 n) { return echo_nested_option(t, i, p, n); }
P("echo-nested-option")   void x_post_echo_nested_option(void *r) { post_echo_nested_option(r); }
E("echo-result")          void *x_echo_result(u32 t, u32 a, u32 b) { return echo_result(t, a, b); }
P("echo-result")          void x_post_echo_result(void *r) { post_echo_result(r); }
E("echo-result-err-only") void *x_echo_result_err_only(u32 t, u8 *p, u32 n) { return echo_result_err_only(t, p, n); }
P("echo-result-err-only") void x_post_echo_result_err_only(void *r) { post_echo_result_err_only(r); }
E("echo-shape")           void *x_echo_shape(u32 t, u32 a, u32 b) { return echo_shape(t, a, b); }
P("echo-shape")           void x_post_echo_shape(void *r) { post_echo_shape(r); }
E("echo-shapes")          void *x_echo_shapes(shape_t *p, u32 n) { return echo_shapes(p, n); }
P("echo-shapes")          void x_post_echo_shapes(void *r) { post_echo_shapes(r); }

/* ---- the rest of abi.wit ----------------------------------------------------------- */
E("sum17")       u64 x_sum17(const u32 *args) { return sum17(args); }
E("mixed")       void *x_mixed(u32 a, s64 b, float c, double d, u32 e, u32 f) { return mixed(a, b, c, d, e, f); }
P("mixed")       void x_post_mixed(void *r) { post_mixed(r); }
E("count-chars") u32 x_count_chars(const u8 *p, u32 n) { return count_chars(p, n); }
E("make-person") void *x_make_person(u8 *name, u32 n, u32 age) { return make_person(name, n, age); }
P("make-person") void x_post_make_person(void *r) { post_make_person(r); }
E("post-count")  u32 x_post_count(void) { return post_count(); }

/* ---- deliberately bad results, and the trap ------------------------------------------ */
E("bad-string-pointer")     void *x_bad_string_pointer(void)     { return bad_string_pointer(); }
E("bad-string-utf8")        void *x_bad_string_utf8(void)        { return bad_string_utf8(); }
E("bad-string-huge-length") void *x_bad_string_huge_length(void) { return bad_string_huge_length(); }
E("bad-list-alignment")     void *x_bad_list_alignment(void)     { return bad_list_alignment(); }
E("bad-list-overflow")      void *x_bad_list_overflow(void)      { return bad_list_overflow(); }
E("bad-return-pointer")     u32 x_bad_return_pointer(void)       { return bad_return_pointer(); }
E("bad-return-alignment")   u32 x_bad_return_alignment(void)     { return bad_return_alignment(); }
E("bad-enum")               u32 x_bad_enum(void)                 { return bad_enum(); }
E("bad-option")             void *x_bad_option(void)             { return bad_option(); }
E("bad-result")             void *x_bad_result(void)             { return bad_result(); }
E("bad-variant")            void *x_bad_variant(void)            { return bad_variant(); }
E("bad-char")               u32 x_bad_char(void)                 { return bad_char(); }
E("bad-char-range")         u32 x_bad_char_range(void)           { return bad_char_range(); }
E("bad-flags")              u32 x_bad_flags(void)                { return bad_flags(); }
E("bad-bool")               u32 x_bad_bool(void)                 { return bad_bool(); }
E("trap")                   u32 x_trap(void)                     { return trap(); }
