using System.Text.Json;

namespace Wippy.Host.Cli;

/// <summary>
/// A command's arguments, which arrive as strings, as the JSON values its method's parameters take: a <c>string</c> or
/// <c>char</c> parameter takes its argument as written; a <c>list&lt;string&gt;</c> that is the only parameter takes
/// all of them; any other type takes its argument parsed as JSON (<c>5</c>, <c>true</c>, <c>[1,2]</c>), or as a string
/// when it is not JSON (an enum case such as <c>red</c>). The JSON binder then checks each value against its type.
/// </summary>
internal static class CommandArguments
{
    /// <summary>The arguments as one JSON array, or null when their number does not fit the signature.</summary>
    public static string? ToJson(string witSignature, IReadOnlyList<string> args)
    {
        var parameters = Parameters(witSignature);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartArray();
            if (parameters is [(_, "list<string>")])
            {
                json.WriteStartArray();
                foreach (var arg in args) json.WriteStringValue(arg);
                json.WriteEndArray();
            }
            else
            {
                if (args.Count != parameters.Count) return null;
                for (var i = 0; i < args.Count; i++) Write(json, parameters[i].Type, args[i]);
            }
            json.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>What the command takes, for usage errors: <c>2 argument(s) (name: string, times: u32)</c>.</summary>
    public static string Describe(string witSignature)
    {
        var parameters = Parameters(witSignature);
        return parameters is [(_, "list<string>")]
            ? "any number of arguments"
            : $"{parameters.Count} argument(s) ({string.Join(", ", parameters.Select(p => $"{p.Name}: {p.Type}"))})";
    }

    private static void Write(Utf8JsonWriter json, string type, string arg)
    {
        if (type is "string" or "char")
        {
            json.WriteStringValue(arg);
            return;
        }
        try
        {
            using var parsed = JsonDocument.Parse(arg);
            parsed.RootElement.WriteTo(json);
        }
        catch (JsonException)
        {
            json.WriteStringValue(arg); // not JSON: an enum case, or a mistake the binder names
        }
    }

    /// <summary>The parameters of <c>name: func(a: t, b: list&lt;u&gt;) -&gt; r</c>, as written.</summary>
    private static List<(string Name, string Type)> Parameters(string witSignature)
    {
        var list = new List<(string, string)>();
        var open = witSignature.IndexOf("func(", StringComparison.Ordinal);
        if (open < 0) return list;
        var start = open + 5;
        var depth = 0;
        var from = start;
        for (var i = start; i < witSignature.Length; i++)
        {
            var c = witSignature[i];
            if (c is '<' or '(') depth++;
            else if (c == '>' && depth > 0) depth--;
            else if (c == ')' && depth-- == 0)
            {
                Add(witSignature[from..i]);
                break;
            }
            else if (c == ',' && depth == 0)
            {
                Add(witSignature[from..i]);
                from = i + 1;
            }
        }
        return list;

        void Add(string parameter)
        {
            var colon = parameter.IndexOf(':');
            if (colon > 0) list.Add((parameter[..colon].Trim(), parameter[(colon + 1)..].Trim()));
        }
    }
}
