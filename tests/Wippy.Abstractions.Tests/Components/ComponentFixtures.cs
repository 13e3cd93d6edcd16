using System.Reflection;

namespace Wippy.Abstractions.Tests.Components;

/// <summary>The committed component guests and small hand-made binaries.</summary>
internal static class ComponentFixtures
{
    public const string Mapper = "samples/registry/wasm/mapper.wasm";
    public const string Echo = "tests/guests/components/echo/echo.wasm";
    public const string Run = "tests/guests/components/host-import/run.wasm";
    public const string Noop = "tests/guests/components/host-import/noop.wasm";
    public const string Trap = "tests/guests/components/trap/trap.wasm";
    public const string Counter = "tests/guests/components/counter/counter.wasm";
    public const string CoreCompute = "samples/registry/wasm/compute.wasm";

    public static readonly byte[] ComponentPreamble = { 0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00 };
    public static readonly byte[] CorePreamble = { 0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00 };

    public static string RepoRoot { get; } =
        typeof(ComponentFixtures).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!;

    public static byte[] Load(string relative) => File.ReadAllBytes(Path.Combine(RepoRoot, relative));

    /// <summary>A component: the preamble then the given sections (id, contents).</summary>
    public static byte[] Build(params (byte Id, byte[] Body)[] sections)
    {
        var bytes = new List<byte>(ComponentPreamble);
        foreach (var (id, body) in sections)
        {
            bytes.Add(id);
            bytes.AddRange(Leb(checked((uint)body.Length)));
            bytes.AddRange(body);
        }
        return bytes.ToArray();
    }

    public static byte[] Leb(uint value)
    {
        var list = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            if (value != 0) b |= 0x80;
            list.Add(b);
        }
        while (value != 0);
        return list.ToArray();
    }

    /// <summary>A length-prefixed UTF-8 name.</summary>
    public static byte[] Name(string s)
    {
        var utf8 = System.Text.Encoding.UTF8.GetBytes(s);
        return Leb((uint)utf8.Length).Concat(utf8).ToArray();
    }

    public static byte[] Cat(params object[] parts)
    {
        var list = new List<byte>();
        foreach (var p in parts)
        {
            switch (p)
            {
                case byte b: list.Add(b); break;
                case int i: list.Add(checked((byte)i)); break;
                case byte[] a: list.AddRange(a); break;
                case string s: list.AddRange(Name(s)); break;
                default: throw new ArgumentException("unknown part " + p);
            }
        }
        return list.ToArray();
    }
}
