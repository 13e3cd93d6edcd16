using System.Text.Json;

namespace Wippy.Host.Tests.Lua;

/// <summary>Calls a function.lua entry with JSON arguments and returns its JSON result.</summary>
internal static class LuaCalls
{
    public static JsonElement Call(WippyRuntime runtime, string id, params string[] jsonArgs)
    {
        var documents = jsonArgs.Select(a => JsonDocument.Parse(a)).ToList();
        try
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                runtime.GetLuaFunction(id).CallJson(documents.Select(d => d.RootElement).ToArray(), writer);
            }
            return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
        }
        finally
        {
            foreach (var d in documents) d.Dispose();
        }
    }
}
