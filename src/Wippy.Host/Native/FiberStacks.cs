using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Wippy.Host.Native.Interop;

namespace Wippy.Host.Native;

/// <summary>
/// The stacks Wasmtime runs async guest calls on (its fibers), allocated by us below every thread stack of the process.
/// </summary>
/// <remarks>
/// Why: .NET's stack walker (the GC's root scan, exception dispatch) assumes a thread's newer frames sit at lower
/// addresses than its older ones. A C# host function called on a fiber has its frames on the fiber's stack, and the
/// frame that records the way back (the P/Invoke into <c>wasmtime_call_future_poll</c>) on the thread's own stack.
/// Where Wasmtime maps fibers itself, a fiber can land above the thread's stack; then a collection started inside the
/// callback skips the callback's frames and moves objects under them (we saw heap corruption and crashes within
/// seconds). Stacks carved from one region reserved low in the address space keep the order right for every thread.
/// Each stack is its slot of the region: a guard page at the bottom (PROT_NONE), then the stack. Freed stacks are
/// given back to the kernel (<c>MADV_DONTNEED</c>) and reused.
/// </remarks>
internal static unsafe partial class FiberStacks
{
    private const nuint GuardSize = 64 * 1024;
    private const nuint KeptHot = 256 * 1024;
    // Where to reserve the region, tried in turn: 1 TiB at 16 TiB (below the program, its heap and every mmap'd thread
    // stack on x86-64 and 48-bit arm64), else 16 GiB at 32 GiB (for smaller address spaces).
    private static readonly (nint Hint, nuint Size)[] Regions = [((nint)1 << 44, (nuint)1 << 40), ((nint)1 << 35, (nuint)1 << 34)];

    private static readonly object s_gate = new();
    private static readonly ConcurrentDictionary<nuint, ConcurrentStack<nint>> s_free = new();
    private static nint s_region;
    private static nuint s_regionSize;
    private static nuint s_used;

    /// <summary>Configures <paramref name="config"/> (a <c>wasm_config_t*</c>) to take its fiber stacks from here.</summary>
    public static void Install(nint config)
    {
        var creator = new StackCreator { Env = 0, NewStack = &NewStack, Finalizer = null };
        WasmtimeApi.wasmtime_config_host_stack_creator_set(config, &creator);
    }

    /// <summary>Where the region is (start 0 before the first fiber): every fiber stack lies inside it.</summary>
    internal static (nint Start, nuint Size) Region => (s_region, s_regionSize);

    [UnmanagedCallersOnly]
    private static nint NewStack(nint env, nuint size, byte zeroed, StackMemory* stackRet)
    {
        try
        {
            nuint stackSize = (size + 0xFFFF) & ~(nuint)0xFFFF;
            nint slot = Take(stackSize);
            var stack = new Slot(slot, stackSize);
            stackRet->Env = GCHandle.ToIntPtr(GCHandle.Alloc(stack));
            stackRet->GetStackMemory = &GetStackMemory;
            stackRet->Finalizer = &FreeStack;
            return 0;
        }
        catch (Exception e)
        {
            byte[] message = System.Text.Encoding.UTF8.GetBytes("could not allocate a fiber stack: " + e.Message + "\0");
            fixed (byte* m = message)
            {
                return Components.ComponentApi.wasmtime_error_new(m);
            }
        }
    }

    [UnmanagedCallersOnly]
    private static byte* GetStackMemory(nint env, nuint* length)
    {
        var stack = (Slot)GCHandle.FromIntPtr(env).Target!;
        *length = stack.Size;
        return (byte*)(stack.Start + (nint)GuardSize + (nint)stack.Size);
    }

    [UnmanagedCallersOnly]
    private static void FreeStack(nint env)
    {
        var handle = GCHandle.FromIntPtr(env);
        var stack = (Slot)handle.Target!;
        handle.Free();
        // Give back the pages of a deep stack; the slot keeps its layout (guard + stack) for the next fiber. The top
        // KeptHot bytes, all that most calls touch, stay: giving them back costs a TLB shootdown now and page faults on
        // the next use (most of the time of making short calls, measured).
        if (stack.Size > KeptHot) _ = madvise(stack.Start + (nint)GuardSize, stack.Size - KeptHot, MadvDontNeed);
        s_free.GetOrAdd(stack.Size, _ => new ConcurrentStack<nint>()).Push(stack.Start);
    }

    private static nint Take(nuint stackSize)
    {
        if (s_free.TryGetValue(stackSize, out var free) && free.TryPop(out nint reused)) return reused;
        lock (s_gate)
        {
            if (s_region == 0) s_region = Reserve();
            nuint slotSize = GuardSize + stackSize;
            if (s_used + slotSize > s_regionSize) throw new OutOfMemoryException("the fiber stack region is full");
            nint slot = s_region + (nint)s_used;
            s_used += slotSize;
            if (mprotect(slot + (nint)GuardSize, stackSize, ProtRead | ProtWrite) != 0)
            {
                throw new OutOfMemoryException($"mprotect of a fiber stack failed (errno {Marshal.GetLastPInvokeError()})");
            }

            return slot;
        }
    }

    private static nint Reserve()
    {
        int errno = 0;
        foreach (var (hint, size) in Regions)
        {
            nint region = mmap(hint, size, ProtNone, MapPrivate | MapAnonymous | MapNoReserve | MapFixedNoReplace, -1, 0);
            if (region == hint)
            {
                s_regionSize = size;
                return region;
            }

            errno = Marshal.GetLastPInvokeError();
            if (region != -1) _ = munmap(region, size); // an old kernel that ignores MAP_FIXED_NOREPLACE put it elsewhere
        }

        throw new OutOfMemoryException($"could not reserve the fiber stack region low in the address space (errno {errno})");
    }

    private sealed class Slot(nint start, nuint size)
    {
        public nint Start { get; } = start;
        public nuint Size { get; } = size;
    }

    private const int ProtNone = 0;
    private const int ProtRead = 1;
    private const int ProtWrite = 2;
    private const int MapPrivate = 0x02;
    private const int MapAnonymous = 0x20;
    private const int MapNoReserve = 0x4000;
    private const int MapFixedNoReplace = 0x100000;
    private const int MadvDontNeed = 4;

    [LibraryImport("libc", SetLastError = true)]
    private static partial nint mmap(nint address, nuint length, int protection, int flags, int fd, long offset);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int mprotect(nint address, nuint length, int protection);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int munmap(nint address, nuint length);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int madvise(nint address, nuint length, int advice);

    /// <summary><c>wasmtime_stack_creator_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StackCreator
    {
        public nint Env;
        public delegate* unmanaged<nint, nuint, byte, StackMemory*, nint> NewStack;
        public delegate* unmanaged<nint, void> Finalizer;
    }

    /// <summary><c>wasmtime_stack_memory_t</c>.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct StackMemory
    {
        public nint Env;
        public delegate* unmanaged<nint, nuint*, byte*> GetStackMemory;
        public delegate* unmanaged<nint, void> Finalizer;
    }
}
