using System.Runtime.InteropServices;
using Wippy.Host.Lua.Native;

namespace Wippy.Host.Lua;

/// <summary>
/// The memory of one Lua state: every block the state allocates goes through <see cref="Allocate"/> (the state's
/// <c>lua_Alloc</c>, given to <c>lua_newstate</c>), which counts the bytes in a native <see cref="Budget"/> and refuses
/// (returns NULL) a request that would take the state past its limit (<c>limits.max_memory_bytes</c>). Lua then
/// collects garbage, tries once more, and raises "not enough memory", which unwinds to the call's <c>lua_pcall</c>.
/// </summary>
/// <remarks>
/// <para>
/// Refusing is only safe while the Lua VM runs under a <c>lua_pcall</c> with no managed frame between the two: a
/// memory error raised in a Lua API call made by C# (pushing arguments, copying results, a <c>funcs</c> callback)
/// would longjmp over managed frames, or, outside any <c>lua_pcall</c>, abort the process. So the limit is enforced
/// only inside <see cref="Enforce"/> (around the runtime's own <c>lua_pcall</c>s), and the <c>funcs</c> callbacks
/// <see cref="Suspend()"/> it while they run. What C# pushes is bounded by what it copies (a JSON document, another
/// state's capped values), so the limit is exceeded by at most one such copy.
/// </para>
/// <para>
/// Lifetime: the budget is native memory, not a managed object, so the allocator needs no GC handle; it must outlive
/// <c>lua_close</c> (which frees every block through the allocator): <see cref="Dispose"/> comes after it. A state
/// is used by one thread at a time, so the counters need no atomics; other threads only read them.
/// </para>
/// </remarks>
internal sealed unsafe class LuaMemory : IDisposable
{
    /// <summary>
    /// The limit of a state whose entry sets no <c>limits.max_memory_bytes</c>: 256 MiB, four times a WebAssembly
    /// linear memory's default (64 MiB), since Lua values take several times the bytes of their packed form (a
    /// table slot holds 16-byte values, each string carries a header); a runaway loop stops there.
    /// </summary>
    public const long DefaultLimitBytes = 256L << 20;

    /// <summary>
    /// The most a state may hold after a successful call and still be kept warm, when the entry sets no
    /// <c>limits.max_retained_memory_bytes</c>: 64 MiB, as for a WebAssembly instance's memory.
    /// </summary>
    public const long DefaultRetainedBytes = 64L << 20;

    private Budget* _budget;

    /// <summary>A budget of <paramref name="limit"/> bytes, not enforced until <see cref="Enforce"/>.</summary>
    public LuaMemory(long limit)
    {
        _budget = (Budget*)NativeMemory.AllocZeroed((nuint)sizeof(Budget));
        _budget->Limit = limit;
    }

    /// <summary>The allocator to hand to <c>lua_newstate</c>, with <see cref="UserData"/>.</summary>
    public static delegate* unmanaged<nint, nint, nuint, nuint, nint> Allocator => &Allocate;

    /// <summary>The allocator's <c>ud</c> argument: this state's budget.</summary>
    public nint UserData => (nint)_budget;

    /// <summary>The limit in bytes.</summary>
    public long Limit => _budget->Limit;

    /// <summary>The bytes the state holds now (live objects and garbage not yet collected).</summary>
    public long Used => Volatile.Read(ref _budget->Used);

    /// <summary>The most the state has held at once.</summary>
    public long Peak => Volatile.Read(ref _budget->Peak);

    /// <summary>Whether the allocator refused a request since <see cref="Enforce"/> began the current scope.</summary>
    public bool Refused => _budget->Refused != 0;

    /// <summary>Enforces the limit until the scope is disposed (around a <c>lua_pcall</c>), and clears <see cref="Refused"/>.</summary>
    public Scope Enforce()
    {
        _budget->Refused = 0;
        return Switch(1);
    }

    /// <summary>Lifts the limit until the scope is disposed (a C# callback called from Lua code, which pushes values).</summary>
    public Scope Suspend() => Switch(0);

    /// <summary>
    /// As <see cref="Suspend()"/>, for the state <paramref name="L"/> of a callback that has no worker at hand (a resource's
    /// metamethods): its budget is the allocator's <c>ud</c>. A state made without a budget is left as it is.
    /// </summary>
    public static Scope Suspend(nint L)
    {
        nint ud;
        var allocator = LuaApi.lua_getallocf(L, &ud);
        if (allocator != (nint)Allocator || ud == 0) return default;
        var budget = (Budget*)ud;
        var previous = budget->Enforce;
        budget->Enforce = 0;
        return new Scope(ud, previous);
    }

    private Scope Switch(int enforce)
    {
        var previous = _budget->Enforce;
        _budget->Enforce = enforce;
        return new Scope((nint)_budget, previous);
    }

    /// <summary>Frees the budget; only after <c>lua_close</c> of its state.</summary>
    public void Dispose()
    {
        var budget = _budget;
        _budget = null;
        if (budget != null) NativeMemory.Free(budget);
    }

    /// <summary>
    /// <c>lua_Alloc</c>: <c>void *(void *ud, void *ptr, size_t osize, size_t nsize)</c>. With <c>ptr</c> NULL,
    /// <c>osize</c> is the kind of object being created, not a size. <c>nsize</c> 0 frees. NULL means refused (only
    /// for growth: shrinking and freeing never fail). No exception may leave this function.
    /// </summary>
    [UnmanagedCallersOnly]
    private static nint Allocate(nint ud, nint ptr, nuint osize, nuint nsize)
    {
        var budget = (Budget*)ud;
        var old = ptr == 0 ? 0L : (long)osize;
        if (nsize == 0)
        {
            NativeMemory.Free((void*)ptr);
            budget->Used -= old;
            return 0;
        }
        var used = budget->Used - old + (long)nsize;
        if ((long)nsize > old && budget->Enforce != 0 && used > budget->Limit)
        {
            budget->Refused = 1;
            return 0;
        }
        var block = (nint)NativeMemory.Realloc((void*)ptr, nsize);
        if (block == 0) return 0; // the process is out of memory: Lua raises its memory error as for a refusal
        budget->Used = used;
        if (used > budget->Peak) budget->Peak = used;
        return block;
    }

    /// <summary>The counters, in native memory the allocator reaches through <c>ud</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Budget
    {
        public long Used;
        public long Peak;
        public long Limit;
        public int Enforce;
        public int Refused;
    }

    /// <summary>Restores the previous enforcement when disposed.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly nint _budget;
        private readonly int _previous;

        internal Scope(nint budget, int previous)
        {
            _budget = budget;
            _previous = previous;
        }

        /// <summary>Restores the previous enforcement.</summary>
        public void Dispose()
        {
            if (_budget != 0) ((Budget*)_budget)->Enforce = _previous;
        }
    }
}
