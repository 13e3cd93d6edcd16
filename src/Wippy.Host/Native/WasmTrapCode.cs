namespace Wippy.Host.Native;

/// <summary>
/// Why a guest trapped: the values of <c>wasmtime_trap_code_enum</c> (wasmtime/trap.h). A newer Wasmtime may
/// report a value not named here; it is kept as its number.
/// </summary>
internal enum WasmTrapCode : byte
{
    /// <summary>The call stack was exhausted.</summary>
    StackOverflow = 0,

    /// <summary>A load or store was out of the bounds of linear memory.</summary>
    MemoryOutOfBounds = 1,

    /// <summary>A wasm atomic operation was given a misaligned address.</summary>
    HeapMisaligned = 2,

    /// <summary>An access was out of the bounds of a table.</summary>
    TableOutOfBounds = 3,

    /// <summary>An indirect call hit a null table entry.</summary>
    IndirectCallToNull = 4,

    /// <summary>An indirect call's signature did not match.</summary>
    BadSignature = 5,

    /// <summary>An integer arithmetic operation overflowed.</summary>
    IntegerOverflow = 6,

    /// <summary>An integer division by zero.</summary>
    IntegerDivisionByZero = 7,

    /// <summary>A float-to-integer conversion failed (NaN or out of range).</summary>
    BadConversionToInteger = 8,

    /// <summary>An <c>unreachable</c> instruction was executed.</summary>
    UnreachableCodeReached = 9,

    /// <summary>Execution was interrupted (the epoch deadline was reached).</summary>
    Interrupt = 10,

    /// <summary>The store ran out of fuel.</summary>
    OutOfFuel = 11,

    /// <summary>An atomic wait was attempted on non-shared memory.</summary>
    AtomicWaitNonSharedMemory = 12,

    /// <summary>A null reference was dereferenced.</summary>
    NullReference = 13,

    /// <summary>An array access was out of bounds.</summary>
    ArrayOutOfBounds = 14,

    /// <summary>A GC allocation was too large.</summary>
    AllocationTooLarge = 15,

    /// <summary>A reference cast failed.</summary>
    CastFailure = 16,

    /// <summary>A component instance could not be entered (for example after an earlier trap).</summary>
    CannotEnterComponent = 17,

    /// <summary>An async-lifted export returned without producing a result.</summary>
    NoAsyncResult = 18,

    /// <summary>A suspension found no handler for its tag.</summary>
    UnhandledTag = 19,

    /// <summary>A continuation was resumed twice.</summary>
    ContinuationAlreadyConsumed = 20,

    /// <summary>A disabled opcode was executed.</summary>
    DisabledOpcode = 21,

    /// <summary>An async deadlock was detected.</summary>
    AsyncDeadlock = 22,

    /// <summary>A component instance could not be left.</summary>
    CannotLeaveComponent = 23,

    /// <summary>A synchronous task attempted to block.</summary>
    CannotBlockSyncTask = 24,

    /// <summary>An invalid <c>char</c> crossed the component boundary.</summary>
    InvalidChar = 25,

    /// <summary>A string was out of bounds of linear memory.</summary>
    StringOutOfBounds = 30,

    /// <summary>A list was out of bounds of linear memory.</summary>
    ListOutOfBounds = 31,

    /// <summary>A variant discriminant was invalid.</summary>
    InvalidDiscriminant = 32,

    /// <summary>A pointer was not properly aligned.</summary>
    UnalignedPointer = 33,

    /// <summary>A wasm exception was thrown and not caught.</summary>
    UncaughtException = 49,
}
