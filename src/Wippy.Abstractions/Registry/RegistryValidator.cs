using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>
/// Checks the rules that need every file of a registry: ids are unique, references (<c>fs</c>,
/// <c>wasi.env[].id</c>, <c>wasi.mounts[].fs</c>, a storage router's <c>storages</c>, an HTTP router's
/// <c>meta.server</c>, an endpoint's <c>func</c> and <c>meta.router</c>) name an existing entry of the right kind, no
/// <c>env.storage.router</c> reaches itself (<see cref="RouterCycles"/>), and HTTP routes are unambiguous and served by
/// functions that can serve them (<see cref="HttpRouteChecks"/>). Documents are taken in
/// ordinal order of their file paths, so "the first definition" does not depend on the order they are passed in.
/// </summary>
public static class RegistryValidator
{
    private const int MaxCandidates = 5;

    /// <summary>Validates the parsed documents of one registry.</summary>
    /// <param name="documents">Every parsed file of the registry.</param>
    /// <returns>The problems found, ordered by file (ordinal path) and position.</returns>
    public static IReadOnlyList<WippyDiagnostic> Validate(IReadOnlyList<RegistryDocument> documents)
    {
        var diagnostics = new List<WippyDiagnostic>();
        var ordered = new List<RegistryDocument>(documents);
        StableSortByPath(ordered);

        var byId = new Dictionary<string, RegistryEntry>(StringComparer.Ordinal);
        var all = new List<RegistryEntry>();
        foreach (var document in ordered)
        {
            foreach (var entry in document.Entries)
            {
                if (byId.TryGetValue(entry.Id, out var first))
                {
                    diagnostics.Add(new WippyDiagnostic(
                        RegistryDiagnosticIds.DuplicateId,
                        $"duplicate entry id '{entry.Id}': it is already defined in {first.FilePath} at line {first.NamePosition.Line}; rename one of the entries or remove this one",
                        entry.NamePosition));
                    continue;
                }

                byId.Add(entry.Id, entry);
                all.Add(entry);
            }
        }

        CheckCommandNames(all, diagnostics);

        foreach (var entry in all)
        {
            // A LuaFunctionEntry (function.lua) has no reference to check: its 'modules' are Lua module names for
            // require, not entry ids, and it has no fs or wasi block.
            if (entry is FunctionEntry function)
            {
                CheckFunction(function, byId, all, diagnostics);
            }
            else if (entry is EnvVariableEntry { Storage: { } storage } variable)
            {
                CheckReference(variable, "storage", storage, ReferenceTarget.EnvStorage, byId, all, diagnostics);
            }
            else if (entry is EnvStorageEntry router)
            {
                for (var i = 0; i < router.Storages.Count; i++)
                {
                    CheckReference(router, $"storages[{i}]", router.Storages[i], ReferenceTarget.EnvStorage, byId, all, diagnostics);
                }
            }
            else if (entry is HttpRouterEntry { Server: { } server } httpRouter)
            {
                CheckReference(httpRouter, "meta.server", server, ReferenceTarget.HttpService, byId, all, diagnostics);
            }
            else if (entry is HttpEndpointEntry endpoint)
            {
                if (endpoint.Func is { } func) CheckReference(endpoint, "func", func, ReferenceTarget.Function, byId, all, diagnostics);
                if (endpoint.Router is { } httpRouterRef) CheckReference(endpoint, "meta.router", httpRouterRef, ReferenceTarget.HttpRouter, byId, all, diagnostics);
            }
        }

        RouterCycles.Check(all, byId, diagnostics);
        HttpRouteChecks.Check(HttpRouting.Of(all), diagnostics);
        return diagnostics;
    }

    private static void CheckFunction(FunctionEntry function, Dictionary<string, RegistryEntry> byId, List<RegistryEntry> all, List<WippyDiagnostic> diagnostics)
    {
        if (function.Fs is { } fs)
        {
            CheckReference(function, "fs", fs, ReferenceTarget.Filesystem, byId, all, diagnostics);
        }

        for (var i = 0; i < function.Wasi.Env.Count; i++)
        {
            CheckReference(function, $"wasi.env[{i}].id", function.Wasi.Env[i].Id, ReferenceTarget.EnvVariable, byId, all, diagnostics);
        }

        for (var i = 0; i < function.Wasi.Mounts.Count; i++)
        {
            CheckReference(function, $"wasi.mounts[{i}].fs", function.Wasi.Mounts[i].Fs, ReferenceTarget.Filesystem, byId, all, diagnostics);
        }
    }

    private static void CheckReference(
        RegistryEntry owner, string field, EntryRef reference, ReferenceTarget target, Dictionary<string, RegistryEntry> byId, List<RegistryEntry> all, List<WippyDiagnostic> diagnostics)
    {
        var label = $"entry '{owner.Id}' ({owner.Kind})";
        if (!byId.TryGetValue(reference.Id, out var found))
        {
            diagnostics.Add(new WippyDiagnostic(
                RegistryDiagnosticIds.UnresolvedReference,
                $"{label}: '{field}' refers to '{reference.Id}', but no entry has that id; {Candidates(all, target, reference)}",
                reference.Position));
            return;
        }

        if (!Accepts(target, found.Kind))
        {
            diagnostics.Add(new WippyDiagnostic(
                RegistryDiagnosticIds.WrongKindReference,
                $"{label}: '{field}' refers to '{found.Id}', which has kind {found.Kind}, but it must name {Describe(target)}; {Candidates(all, target, reference)}",
                reference.Position));
        }
    }

    private static string Candidates(List<RegistryEntry> all, ReferenceTarget target, EntryRef reference)
    {
        var names = new List<string>();
        foreach (var entry in all)
        {
            if (Accepts(target, entry.Kind))
            {
                names.Add(entry.Id);
            }
        }

        if (names.Count == 0)
        {
            return $"add {Describe(target)} named '{reference.Name}' to namespace '{reference.Namespace}'";
        }

        names.Sort(StringComparer.Ordinal);
        var shown = names.Count > MaxCandidates ? names.GetRange(0, MaxCandidates) : names;
        var more = names.Count > MaxCandidates ? $" (and {names.Count - MaxCandidates} more)" : string.Empty;
        return $"the {KindLabel(target)} entries are: {string.Join(", ", shown)}{more}";
    }

    private static bool Accepts(ReferenceTarget target, string kind) => target switch
    {
        ReferenceTarget.Filesystem => RegistryKinds.IsFilesystem(kind),
        ReferenceTarget.EnvStorage => RegistryKinds.IsEnvStorage(kind),
        ReferenceTarget.Function => RegistryKinds.IsFunction(kind),
        ReferenceTarget.HttpService => string.Equals(kind, RegistryKinds.HttpService, StringComparison.Ordinal),
        ReferenceTarget.HttpRouter => string.Equals(kind, RegistryKinds.HttpRouter, StringComparison.Ordinal),
        _ => string.Equals(kind, RegistryKinds.EnvVariable, StringComparison.Ordinal),
    };

    private static string Describe(ReferenceTarget target) => target switch
    {
        ReferenceTarget.Filesystem => "an fs.* entry (fs.directory or fs.embed)",
        ReferenceTarget.EnvStorage => "an env.storage.* entry (os, static, file, router, memory)",
        ReferenceTarget.Function => "a function entry (function.wat or function.wasm with transport: wasi-http)",
        ReferenceTarget.HttpService => "an http.service entry",
        ReferenceTarget.HttpRouter => "an http.router entry",
        _ => "an env.variable entry",
    };

    private static string KindLabel(ReferenceTarget target) => target switch
    {
        ReferenceTarget.Filesystem => "fs.*",
        ReferenceTarget.EnvStorage => "env.storage.*",
        ReferenceTarget.Function => "function",
        ReferenceTarget.HttpService => "http.service",
        ReferenceTarget.HttpRouter => "http.router",
        _ => "env.variable",
    };

    /// <summary>Two process entries whose <c>meta.command</c> has the same name: <c>run &lt;name&gt;</c> could not choose (WIPPY0044 at the second).</summary>
    private static void CheckCommandNames(List<RegistryEntry> entries, List<WippyDiagnostic> diagnostics)
    {
        var byName = new Dictionary<string, FunctionEntry>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (entry is not FunctionEntry { Command: { } command } process) continue;
            if (byName.TryGetValue(command.Name, out var first))
            {
                diagnostics.Add(new WippyDiagnostic(RegistryDiagnosticIds.InvalidCommandName,
                    $"entry '{process.Id}': the command name '{command.Name}' is taken by '{first.Id}' ({first.FilePath} at line {first.Command!.Position.Line}); 'run {command.Name}' could run only one of them: rename one",
                    command.Position));
                continue;
            }
            byName.Add(command.Name, process);
        }
    }

    private static void StableSortByPath(List<RegistryDocument> documents)
    {
        // Insertion sort: stable, and registries have few files.
        for (var i = 1; i < documents.Count; i++)
        {
            var current = documents[i];
            var j = i - 1;
            while (j >= 0 && string.CompareOrdinal(documents[j].FilePath, current.FilePath) > 0)
            {
                documents[j + 1] = documents[j];
                j--;
            }

            documents[j + 1] = current;
        }
    }

    private enum ReferenceTarget
    {
        Filesystem,
        EnvVariable,
        EnvStorage,
        Function,
        HttpService,
        HttpRouter,
    }
}
