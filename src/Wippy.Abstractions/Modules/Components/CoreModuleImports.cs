namespace Wippy.Modules.Components;

/// <summary>Reads the imports of a core WebAssembly module (its import section), from its bytes.</summary>
internal static class CoreModuleImports
{
    /// <summary>Each import's module name, field name and kind (<c>func</c>, <c>table</c>, <c>memory</c>, <c>global</c>, <c>tag</c>), in order.</summary>
    /// <exception cref="ComponentFormatException">The bytes are not a core module this reader can follow.</exception>
    public static IReadOnlyList<(string Module, string Name, string Kind)> Read(byte[] module)
    {
        var c = new ComponentByteCursor(module, 8, module.Length);
        while (!c.AtEnd)
        {
            var id = c.ReadByte();
            var size = c.ReadLength();
            if (id != 2)
            {
                c.Skip(size);
                continue;
            }
            var s = new ComponentByteCursor(module, c.Position, c.Position + size);
            var imports = new List<(string, string, string)>();
            for (var n = s.ReadCount(); n > 0; n--)
            {
                var moduleName = s.ReadName();
                var name = s.ReadName();
                var kind = s.ReadByte();
                switch (kind)
                {
                    case 0x00:
                        s.ReadU32();
                        imports.Add((moduleName, name, "func"));
                        break;
                    case 0x01:
                        SkipValType(s); // the element reference type
                        SkipLimits(s);
                        imports.Add((moduleName, name, "table"));
                        break;
                    case 0x02:
                        SkipLimits(s);
                        imports.Add((moduleName, name, "memory"));
                        break;
                    case 0x03:
                        SkipValType(s);
                        s.ReadByte(); // mutability
                        imports.Add((moduleName, name, "global"));
                        break;
                    case 0x04:
                        s.ReadByte(); // attribute
                        s.ReadU32();
                        imports.Add((moduleName, name, "tag"));
                        break;
                    default:
                        throw ComponentByteCursor.Error($"unknown core import kind 0x{kind:x2}", s.Position - 1);
                }
            }
            return imports;
        }
        return Array.Empty<(string, string, string)>();
    }

    private static void SkipLimits(ComponentByteCursor s)
    {
        var flags = s.ReadByte();
        s.ReadU64(); // minimum (u32, or u64 for a 64-bit memory or table)
        if ((flags & 0x01) != 0) s.ReadU64(); // maximum
        if ((flags & 0x08) != 0) s.ReadU32(); // custom page size (log2)
    }

    private static void SkipValType(ComponentByteCursor s)
    {
        var type = s.ReadByte();
        if (type is 0x63 or 0x64) s.ReadS33(); // (ref null? heaptype)
    }
}
