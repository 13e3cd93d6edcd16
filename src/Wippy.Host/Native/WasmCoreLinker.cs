using System.Runtime.InteropServices;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// A core-module linker (<c>wasmtime_linker_t</c>): what a module's imports resolve to. Used once per entry to
/// make the template its instances come from (<see cref="WasmInstancePre"/>).
/// </summary>
internal sealed unsafe class WasmCoreLinker : IDisposable
{
    private nint _linker;

    /// <summary>A linker with nothing defined.</summary>
    public WasmCoreLinker(WasmEngine engine)
    {
        ArgumentNullException.ThrowIfNull(engine);
        Engine = engine;
        _linker = WasmtimeApi.wasmtime_linker_new(engine.Handle);
        if (_linker == 0) throw new WasmtimeException("wasmtime_linker_new returned null.");
    }

    /// <summary>The engine the linker belongs to.</summary>
    public WasmEngine Engine { get; }

    internal nint Handle
    {
        get
        {
            ObjectDisposedException.ThrowIf(_linker == 0, this);
            return _linker;
        }
    }

    /// <summary>
    /// Defines WASI preview1 (every function of <c>wasi_snapshot_preview1</c>). Each store running such an
    /// instance needs its WASI state set first (<see cref="WasmStore.SetWasi"/>): Wasmtime aborts the process otherwise.
    /// </summary>
    public void DefineWasi() => NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_linker_define_wasi(Handle));

    /// <summary>Whether a later definition replaces an earlier one of the same name (instead of failing).</summary>
    public void AllowShadowing(bool allow) => WasmtimeApi.wasmtime_linker_allow_shadowing(Handle, allow);

    /// <summary>
    /// Defines, for every function <paramref name="module"/> imports that <paramref name="failure"/> returns an
    /// exception for, a host function of the import's type that fails the guest's call with that exception
    /// (reported by the call as itself: see <see cref="HostCallFailure"/>).
    /// </summary>
    public void DefineFailing(WasmModule module, Func<string, string, Exception?> failure)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(failure);
        var vec = default(WasmPtrVec);
        WasmtimeApi.wasmtime_module_imports(module.Handle, &vec);
        try
        {
            for (var i = 0; i < (int)vec.Size; i++)
            {
                nint importType = vec.Data[i];
                nint externType = WasmtimeApi.wasm_importtype_type(importType);
                if ((WasmExternKind)WasmtimeApi.wasm_externtype_kind(externType) != WasmExternKind.Func) continue;
                var moduleName = WasmtimeApi.wasm_importtype_module(importType);
                var name = WasmtimeApi.wasm_importtype_name(importType);
                if (failure(moduleName->ToUtf8String(), name->ToUtf8String()) is not { } exception) continue;
                nint data = GCHandle.ToIntPtr(GCHandle.Alloc(exception));
                // On failure Wasmtime drops the closure, which runs the finalizer: the GC handle is freed either way.
                NativeErrors.ThrowIfError(WasmtimeApi.wasmtime_linker_define_func(
                    Handle, moduleName->Data, moduleName->Size, name->Data, name->Size,
                    WasmtimeApi.wasm_externtype_as_functype_const(externType), &Fail, data, &Free));
            }
        }
        finally
        {
            WasmtimeApi.wasm_importtype_vec_delete(&vec);
        }
    }

    public void Dispose()
    {
        var linker = Interlocked.Exchange(ref _linker, 0);
        if (linker != 0) WasmtimeApi.wasmtime_linker_delete(linker);
    }

    [UnmanagedCallersOnly]
    private static nint Fail(nint data, nint caller, nint args, nuint argCount, nint results, nuint resultCount)
    {
        return HostCallFailure.Trap((Exception)GCHandle.FromIntPtr(data).Target!);
    }

    [UnmanagedCallersOnly]
    private static void Free(nint data) => GCHandle.FromIntPtr(data).Free();
}
