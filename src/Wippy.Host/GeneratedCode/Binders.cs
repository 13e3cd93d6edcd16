using System.Text.Json;

using Wippy.Host.Native.Components;
namespace Wippy.Host.GeneratedCode;

// The delegates generated code implements: the JSON and Lua binders of a signature, and the C# side of a component's import.

/// <summary>Reads JSON arguments, calls the function through its typed code, and writes the result as JSON.</summary>
/// <param name="function">The loaded function.</param>
/// <param name="args">One JSON value per WIT parameter.</param>
/// <param name="writer">Receives the result (null for a function without result).</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public delegate void JsonInvoker(WasmFunctionHandle function, ReadOnlySpan<JsonElement> args, Utf8JsonWriter writer);

/// <summary>Like <see cref="JsonInvoker"/>, awaiting the call: a guest on a fiber holds no thread while it waits.</summary>
/// <param name="function">The loaded function.</param>
/// <param name="args">One JSON value per WIT parameter.</param>
/// <param name="writer">Receives the result (null for a function without result).</param>
/// <param name="cancellationToken">Cancels the call (an <see cref="OperationCanceledException"/> with the Timeout error inside).</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public delegate ValueTask JsonAsyncInvoker(WasmFunctionHandle function, ReadOnlyMemory<JsonElement> args, Utf8JsonWriter writer, CancellationToken cancellationToken);

/// <summary>Reads Lua arguments from stack slots <paramref name="first"/>… (absolute indexes), calls the function through its typed code, pushes the result(s).</summary>
/// <param name="function">The loaded function.</param>
/// <param name="L">The Lua state (<c>lua_State*</c>) of the calling Lua code.</param>
/// <param name="first">The stack slot of the first argument.</param>
/// <param name="count">How many arguments the Lua code passed.</param>
/// <returns>How many values were pushed (a WIT result pushes two: value, nil or nil, err).</returns>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public delegate int LuaInvoker(WasmFunctionHandle function, nint L, int first, int count);

/// <summary>
/// Like <see cref="LuaInvoker"/>, awaiting the call (<c>funcs.async</c>): a guest on a fiber holds no thread while it
/// waits. <paramref name="L"/> must be the caller's alone until the task completes (a carrier state, not the calling one).
/// </summary>
/// <param name="function">The loaded function.</param>
/// <param name="L">The Lua state holding the arguments, which receives the result(s).</param>
/// <param name="first">The stack slot of the first argument.</param>
/// <param name="count">How many arguments there are.</param>
/// <param name="cancellationToken">Cancels the call (an <see cref="OperationCanceledException"/> with the Timeout error inside).</param>
/// <returns>How many values were pushed.</returns>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public delegate ValueTask<int> LuaAsyncInvoker(WasmFunctionHandle function, nint L, int first, int count, CancellationToken cancellationToken);

/// <summary>Pushes a typed call's arguments onto the Lua stack (generated per signature); returns how many.</summary>
/// <typeparam name="TArgs">The arguments, as a tuple.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public delegate int LuaArgsWriter<TArgs>(nint L, TArgs args);

/// <summary>Reads a typed call's result from the <paramref name="count"/> values the function returned, from slot <paramref name="first"/> (generated per signature).</summary>
/// <typeparam name="TResult">The result's C# type.</typeparam>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public delegate TResult LuaResultReader<TResult>(nint L, int first, int count);

/// <summary>
/// A host function a component can import (the C# side of an imported WIT function, generated per import).
/// <paramref name="args"/> are borrowed from Wasmtime for the duration of the call. Each slot of
/// <paramref name="results"/> starts as <c>bool false</c>; write scalars, or values Wasmtime owns
/// (<see cref="ComponentVal.OwnedString(string)"/>), which Wasmtime frees after the call. An exception becomes the
/// error of the guest's call.
/// </summary>
/// <param name="args">The arguments.</param>
/// <param name="results">The results to fill (0 or 1 slot).</param>
[System.ComponentModel.EditorBrowsable(System.ComponentModel.EditorBrowsableState.Never)]
public delegate void ComponentHostFunction(ReadOnlySpan<ComponentVal> args, Span<ComponentVal> results);
