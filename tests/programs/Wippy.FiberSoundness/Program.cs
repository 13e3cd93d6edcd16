using Wippy.FiberSoundness;

// Runs every scenario (or those named) against fiber.wasm; prints one line each; exit 1 when any fails.
// --wasmtime-stacks runs them on the fiber stacks Wasmtime maps itself, which the host does not use: expect a crash.
if (args.Length > 0 && args[0] == "--wasmtime-stacks")
{
    FiberGuest.WasmtimeStacks = true;
    args = args[1..];
}

if (args.Length < 1)
{
    Console.Error.WriteLine("usage: Wippy.FiberSoundness [--wasmtime-stacks] <path of fiber.wasm> [scenario…]");
    return 2;
}

int failed = 0;
foreach (var (name, run) in FiberScenarios.All)
{
    if (args.Length > 1 && !args.AsSpan(1).Contains(name)) continue;
    try
    {
        Console.WriteLine($"ok {name}: {await run(args[0]).ConfigureAwait(false)}");
    }
    catch (Exception e)
    {
        failed++;
        Console.WriteLine($"FAILED {name}: {e}");
    }
}

return failed == 0 ? 0 : 1;
