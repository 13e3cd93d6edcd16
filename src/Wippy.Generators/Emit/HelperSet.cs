using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Per-type helper methods emitted on demand: asking for a helper's name schedules it once; emitting a
/// helper may ask for more (a record's store needs its fields' stores). All of them are written at the end,
/// sorted by name, so the output does not depend on the order they were asked for.
/// </summary>
internal sealed class HelperSet
{
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);
    private readonly Queue<(string Kind, TypeModel Type, string Name)> _pending = new();

    /// <summary>The helper <c>{kind}_{type key}</c>, scheduled for emission if it was not yet.</summary>
    public string Request(string kind, TypeModel type)
    {
        var name = kind + "_" + TypeNames.Key(type);
        if (_requested.Add(name)) _pending.Enqueue((kind, type, name));
        return name;
    }

    /// <summary>Emits every scheduled helper with <paramref name="emit"/> (which may schedule more), then writes them in name order.</summary>
    public void EmitAll(CodeWriter w, Action<CodeWriter, string, TypeModel> emit)
    {
        var emitted = new List<(string Name, string Body)>();
        while (_pending.Count > 0)
        {
            var (kind, type, name) = _pending.Dequeue();
            var body = new CodeWriter();
            emit(body, kind, type);
            emitted.Add((name, body.ToString()));
        }
        foreach (var (_, body) in emitted.OrderBy(e => e.Name, StringComparer.Ordinal))
        {
            w.Line();
            foreach (var line in body.TrimEnd('\n').Split('\n')) w.Line(line);
        }
    }
}
