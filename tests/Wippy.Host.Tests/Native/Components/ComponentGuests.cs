namespace Wippy.Host.Tests.Native.Components;

/// <summary>Component guests in WAT text, shared by the component interop tests.</summary>
internal static class ComponentGuests
{
    /// <summary>
    /// One core module lifted many ways. <c>pair</c>/<c>triple</c> store their flat i32 arguments at offset 16
    /// and return that address, so a function whose parameter and result have the same type and lay out as 2 (or
    /// 3) i32s in memory is an identity: string, list, option, result, tuple, record, variant. The bump allocator
    /// is reset by <c>post-return</c> after each call.
    /// </summary>
    public const string Kitchen = """
        (component
          (core module $m
            (memory (export "memory") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
              (local $p i32)
              (local.set $p
                (i32.and
                  (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                  (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
              (global.set $bump (i32.add (local.get $p) (local.get $size)))
              (local.get $p))
            (func (export "reset") (param i32) (global.set $bump (i32.const 1024)))
            (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
            (func (export "id32") (param i32) (result i32) (local.get 0))
            (func (export "id64") (param i64) (result i64) (local.get 0))
            (func (export "idf32") (param f32) (result f32) (local.get 0))
            (func (export "idf64") (param f64) (result f64) (local.get 0))
            (func (export "pair") (param i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0))
              (i32.store (i32.const 20) (local.get 1))
              (i32.const 16))
            (func (export "triple") (param i32 i32 i32) (result i32)
              (i32.store (i32.const 16) (local.get 0))
              (i32.store (i32.const 20) (local.get 1))
              (i32.store (i32.const 24) (local.get 2))
              (i32.const 16))
            (func (export "boom") unreachable))
          (core instance $i (instantiate $m))

          (type $point' (record (field "x" u32) (field "y" u32)))
          (export $point "point" (type $point'))
          (type $entry' (record (field "name" string) (field "n" u32)))
          (export $entry "entry" (type $entry'))
          (type $shape' (variant (case "circle" u32) (case "empty")))
          (export $shape "shape" (type $shape'))
          (type $color' (enum "red" "green" "blue"))
          (export $color "color" (type $color'))
          (type $perms' (flags "read" "write" "exec"))
          (export $perms "perms" (type $perms'))

          (func $add (export "add") (param "a" s32) (param "b" s32) (result s32) (canon lift (core func $i "add")))
          (instance $math (export "add" (func $add)))
          (export "wippy:test/math" (instance $math))

          (func (export "boom") (canon lift (core func $i "boom")))

          (func (export "id-bool") (param "v" bool) (result bool) (canon lift (core func $i "id32")))
          (func (export "id-s8") (param "v" s8) (result s8) (canon lift (core func $i "id32")))
          (func (export "id-u8") (param "v" u8) (result u8) (canon lift (core func $i "id32")))
          (func (export "id-s16") (param "v" s16) (result s16) (canon lift (core func $i "id32")))
          (func (export "id-u16") (param "v" u16) (result u16) (canon lift (core func $i "id32")))
          (func (export "id-s32") (param "v" s32) (result s32) (canon lift (core func $i "id32")))
          (func (export "id-u32") (param "v" u32) (result u32) (canon lift (core func $i "id32")))
          (func (export "id-s64") (param "v" s64) (result s64) (canon lift (core func $i "id64")))
          (func (export "id-u64") (param "v" u64) (result u64) (canon lift (core func $i "id64")))
          (func (export "id-f32") (param "v" f32) (result f32) (canon lift (core func $i "idf32")))
          (func (export "id-f64") (param "v" f64) (result f64) (canon lift (core func $i "idf64")))
          (func (export "id-char") (param "v" char) (result char) (canon lift (core func $i "id32")))
          (func (export "id-color") (param "v" $color) (result $color) (canon lift (core func $i "id32")))
          (func (export "id-perms") (param "v" $perms) (result $perms) (canon lift (core func $i "id32")))

          (func (export "echo") (param "s" string) (result string)
            (canon lift (core func $i "pair") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))
              (post-return (core func $i "reset"))))
          (func (export "id-list-u32") (param "v" (list u32)) (result (list u32))
            (canon lift (core func $i "pair") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))
              (post-return (core func $i "reset"))))
          (func (export "id-list-string") (param "v" (list string)) (result (list string))
            (canon lift (core func $i "pair") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))
              (post-return (core func $i "reset"))))
          (func (export "id-entries") (param "v" (list $entry)) (result (list $entry))
            (canon lift (core func $i "pair") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))
              (post-return (core func $i "reset"))))
          (func (export "id-entry") (param "v" $entry) (result $entry)
            (canon lift (core func $i "triple") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))
              (post-return (core func $i "reset"))))
          (func (export "id-option-string") (param "v" (option string)) (result (option string))
            (canon lift (core func $i "triple") (memory (core memory $i "memory")) (realloc (core func $i "cabi_realloc"))
              (post-return (core func $i "reset"))))
          (func (export "id-option-s32") (param "v" (option s32)) (result (option s32))
            (canon lift (core func $i "pair") (memory (core memory $i "memory"))))
          (func (export "id-result") (param "v" (result u32 (error u32))) (result (result u32 (error u32)))
            (canon lift (core func $i "pair") (memory (core memory $i "memory"))))
          (func (export "id-tuple") (param "v" (tuple u32 u32)) (result (tuple u32 u32))
            (canon lift (core func $i "pair") (memory (core memory $i "memory"))))
          (func (export "id-point") (param "v" $point) (result $point)
            (canon lift (core func $i "pair") (memory (core memory $i "memory"))))
          (func (export "id-shape") (param "v" $shape) (result $shape)
            (canon lift (core func $i "pair") (memory (core memory $i "memory")))))
        """;

    /// <summary>Imports two host functions from <c>wippy:test/host</c> and exports functions calling them.</summary>
    public const string WithHostImports = """
        (component
          (import "wippy:test/host" (instance $host
            (export "double" (func (param "v" s32) (result s32)))
            (export "greet" (func (param "name" string) (result string)))))
          (core module $libc
            (memory (export "memory") 1)
            (global $bump (mut i32) (i32.const 1024))
            (func (export "cabi_realloc") (param $old i32) (param $old_size i32) (param $align i32) (param $size i32) (result i32)
              (local $p i32)
              (local.set $p
                (i32.and
                  (i32.add (global.get $bump) (i32.sub (local.get $align) (i32.const 1)))
                  (i32.xor (i32.sub (local.get $align) (i32.const 1)) (i32.const -1))))
              (global.set $bump (i32.add (local.get $p) (local.get $size)))
              (local.get $p)))
          (core instance $libc (instantiate $libc))
          (alias export $host "double" (func $double))
          (alias export $host "greet" (func $greet))
          (core func $double_core (canon lower (func $double)))
          (core func $greet_core (canon lower (func $greet)
            (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc"))))
          (core instance $hostcore (export "double" (func $double_core)) (export "greet" (func $greet_core)))
          (core module $main
            (import "host" "double" (func $double (param i32) (result i32)))
            (import "host" "greet" (func $greet (param i32 i32 i32)))
            (func (export "quad") (param i32) (result i32) (call $double (call $double (local.get 0))))
            (func (export "hello") (param i32 i32) (result i32)
              (call $greet (local.get 0) (local.get 1) (i32.const 32))
              (i32.const 32)))
          (core instance $main (instantiate $main (with "host" (instance $hostcore))))
          (func (export "quad") (param "v" s32) (result s32) (canon lift (core func $main "quad")))
          (func (export "hello") (param "name" string) (result string)
            (canon lift (core func $main "hello") (memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc")))))
        """;
}
