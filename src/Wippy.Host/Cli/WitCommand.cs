using Wippy.Host.Registry;

namespace Wippy.Host.Cli;

/// <summary><c>wit &lt;id&gt;</c>: the WIT signature the build gave a function entry, after the definitions of the types it uses.</summary>
internal static class WitCommand
{
    public static int Run(RegistryManifest manifest, string id, TextWriter stdout, TextWriter stderr)
    {
        switch (manifest.Find(id))
        {
            case FunctionDescriptor f:
                stdout.Write(f.WitTypes);
                stdout.WriteLine(f.WitSignature + ";");
                return 0;
            case LuaFunctionDescriptor { WitSignature: { } signature } lua:
                stdout.Write(lua.WitTypes);
                stdout.WriteLine(signature + ";");
                return 0;
            case LuaFunctionDescriptor:
                stderr.WriteLine($"NotFound: {id}: this function.lua entry declares no wit: signature (it is called with JSON-compatible values)");
                return 1;
            case null:
                stderr.WriteLine($"NotFound: {id}: no entry has this id");
                return 1;
            case var other:
                stderr.WriteLine($"Invalid: {id}: the entry is a {other.Kind}, not a function");
                return 1;
        }
    }
}
