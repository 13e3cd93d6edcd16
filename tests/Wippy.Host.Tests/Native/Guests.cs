namespace Wippy.Host.Tests.Native;

/// <summary>Small WAT guests shared by the native interop tests.</summary>
internal static class Guests
{
    public const string Arithmetic = """
        (module
          (func (export "add") (param i32 i32) (result i32)
            local.get 0
            local.get 1
            i32.add)
          (func (export "mul64") (param i64 i64) (result i64)
            local.get 0
            local.get 1
            i64.mul)
          (func (export "half32") (param f32) (result f32)
            local.get 0
            f32.const 0.5
            f32.mul)
          (func (export "sqrt64") (param f64) (result f64)
            local.get 0
            f64.sqrt)
          (func (export "swap") (param i32 i64) (result i64 i32)
            local.get 1
            local.get 0)
          (func (export "three") (result i32 i64 f64)
            i32.const 7
            i64.const -8
            f64.const 9.25)
          (func (export "nothing"))
          (global (export "g") i32 (i32.const 1))
          (table (export "t") 1 funcref)
          (memory (export "memory") 1))
        """;

    public const string Memory = """
        (module
          (memory (export "memory") 1 4)
          (func (export "load") (param i32) (result i32)
            local.get 0
            i32.load)
          (func (export "store") (param i32 i32)
            local.get 0
            local.get 1
            i32.store)
          (func (export "grow") (param i32) (result i32)
            local.get 0
            memory.grow)
          (func (export "size") (result i32)
            memory.size))
        """;

    public const string Traps = """
        (module
          (memory 1)
          (func (export "boom")
            unreachable)
          (func (export "oob") (result i32)
            i32.const 70000
            i32.load)
          (func (export "spin")
            (loop $l
              br $l))
          (func (export "div") (param i32 i32) (result i32)
            local.get 0
            local.get 1
            i32.div_s)
          (func (export "add") (param i32 i32) (result i32)
            local.get 0
            local.get 1
            i32.add))
        """;

    public const string WithImports = """
        (module
          (import "env" "log" (func $log (param i32 i64) (result f32)))
          (import "env" "mem" (memory 1))
          (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
          (global (import "env" "g") i64)
          (func (export "run") (result f32)
            i32.const 1
            i64.const 2
            call $log))
        """;
}
