using System.Text;

namespace Wippy.Modules.Components;

/// <summary>Prints a <see cref="ComponentBinary"/>'s imports and exports as a WIT-like world.</summary>
internal static class ComponentWorldPrinter
{
    public static string Print(ComponentBinary component)
    {
        var sb = new StringBuilder();
        sb.Append("world root {\n");
        var uses = new List<KeyValuePair<string, List<string>>>();
        var lines = new List<string>();
        foreach (var i in component.Imports)
        {
            if (i.Kind == ComponentExternKind.Type && i.ResolvedType is CNamed named)
            {
                var from = Origin(component, named);
                if (from is not null)
                {
                    var entry = uses.FirstOrDefault(u => u.Key == from);
                    if (entry.Value is null)
                    {
                        entry = new KeyValuePair<string, List<string>>(from, new List<string>());
                        uses.Add(entry);
                    }
                    entry.Value.Add(i.Name);
                    continue;
                }
                lines.Add("  " + ComponentTypePrinter.Definition(i.Name, named) + ";");
                continue;
            }
            lines.Add(Line("import", i));
        }
        foreach (var e in component.Exports)
        {
            if (e.Kind == ComponentExternKind.Type) continue;
            lines.Add(Line("export", e));
        }
        foreach (var u in uses) sb.Append("  use ").Append(u.Key).Append(".{").Append(string.Join(", ", u.Value)).Append("};\n");
        foreach (var l in lines) sb.Append(l).Append('\n');
        sb.Append("}\n");
        return sb.ToString();
    }

    /// <summary>The name of the imported interface that exports the type <paramref name="named"/> refers to, or null.</summary>
    private static string? Origin(ComponentBinary component, CNamed named)
    {
        var target = named.Target;
        foreach (var i in component.Imports)
        {
            if (i.Kind != ComponentExternKind.Instance || i.ResolvedType is null) continue;
            if (ComponentTypePrinter.Strip(i.ResolvedType) is not CInstance inst) continue;
            foreach (var x in inst.Exports)
            {
                if (x.Kind == ComponentExternKind.Type && ReferenceEquals(x.Type, target)) return i.Name;
            }
        }
        return null;
    }

    private static string Line(string keyword, ComponentExtern e)
    {
        switch (e.Kind)
        {
            case ComponentExternKind.Func:
                return e.Signature is null ? $"  // {keyword} {e.Name}: func (type not followed)" : $"  {keyword} {e.Signature}";
            case ComponentExternKind.Instance:
                if (e.IsInterfaceName) return $"  {keyword} {e.Name};";
                var body = new StringBuilder();
                body.Append("  ").Append(keyword).Append(' ').Append(e.Name).Append(": interface {\n");
                foreach (var t in e.Types) body.Append("    ").Append(t).Append('\n');
                foreach (var f in e.Functions) body.Append("    ").Append(f).Append('\n');
                body.Append("  }");
                return body.ToString();
            default:
                return $"  // {keyword} {e.Name}: {e.Kind.ToString().ToLowerInvariant()}";
        }
    }
}
