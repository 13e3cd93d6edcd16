using YamlDotNet.RepresentationModel;

namespace Wippy.Registry;

/// <summary>Reads <c>env.variable</c> and <c>env.storage.*</c> entries (docs/registry.md#envvariable, docs/registry.md#envstorage).</summary>
internal static class EnvReader
{
    private static readonly string[] VariableFields = { "name", "kind", "meta", "variable", "storage", "default", "readonly" };
    private static readonly string[] OsFields = { "name", "kind", "meta" };
    private static readonly string[] StaticFields = { "name", "kind", "meta", "values" };
    private static readonly string[] FileFields = { "name", "kind", "meta", "file_path", "auto_create" };
    private static readonly string[] RouterFields = { "name", "kind", "meta", "storages" };

    public static EnvVariableEntry ReadVariable(FieldReader entry, EntryHeader header)
    {
        entry.ReportUnknown(VariableFields, header.Kind);
        var variable = entry.String("variable", "\"variable: GREETING\"") ?? header.Name;
        var storage = entry.Find("storage") is null ? null : ReferenceReader.Read(entry, "storage", "\"storage: app_env\"");
        return new EnvVariableEntry
        {
            Variable = variable,
            Storage = storage,
            Default = entry.String("default", "\"default: hello\""),
            ReadOnly = entry.Boolean("readonly", "\"readonly: true\"") ?? false,
        };
    }

    public static EnvStorageEntry ReadStorage(FieldReader entry, EntryHeader header)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? filePath = null, resolved = null;
        var autoCreate = false;
        var storages = new List<EntryRef>();
        switch (header.Kind)
        {
            case RegistryKinds.EnvStorageStatic:
                entry.ReportUnknown(StaticFields, header.Kind);
                if (entry.Map("values", "\"values: { GREETING: hello }\"") is { } map)
                {
                    foreach (var field in map.Fields)
                    {
                        // An empty value is a value ("" set on purpose), unlike a missing one.
                        if (field.Value is YamlScalarNode { Value: "" }) values[field.Key] = "";
                        else if (map.String(field.Key, $"\"{field.Key}: some text\"") is { } value) values[field.Key] = value;
                    }
                }
                break;
            case RegistryKinds.EnvStorageFile:
                entry.ReportUnknown(FileFields, header.Kind);
                filePath = entry.String("file_path", "\"file_path: ./.env\" (relative to this file's directory)", required: true);
                resolved = filePath is null ? null : entry.Context.ResolvePath(filePath, entry.Owner, "file_path", entry.PositionOf("file_path"));
                autoCreate = entry.Boolean("auto_create", "\"auto_create: true\"") ?? false;
                break;
            case RegistryKinds.EnvStorageRouter:
                entry.ReportUnknown(RouterFields, header.Kind);
                if (entry.List("storages", "\"storages: [app_env, os_env]\"") is { } list)
                {
                    var i = 0;
                    foreach (var item in list.Children)
                    {
                        if (item is YamlScalarNode { Value: { } raw } && EntryRef.TryResolve(raw, entry.Context.Namespace, out var id))
                        {
                            storages.Add(new EntryRef(raw, id, entry.Context.PositionOf(item)));
                        }
                        else
                        {
                            entry.Context.Report(RegistryDiagnosticIds.InvalidReference,
                                $"{entry.Owner}: 'storages[{i}]' is not a valid entry reference; write 'namespace:name' or just 'name', e.g. \"storages: [app_env, os_env]\"",
                                entry.Context.PositionOf(item));
                        }
                        i++;
                    }
                }
                else if (entry.Find("storages") is null)
                {
                    entry.Missing("storages", "\"storages: [app_env, os_env]\"");
                }
                break;
            default: // os, memory
                entry.ReportUnknown(OsFields, header.Kind);
                break;
        }
        return new EnvStorageEntry
        {
            Values = values,
            EnvFilePath = filePath,
            ResolvedFilePath = resolved,
            AutoCreate = autoCreate,
            Storages = storages,
        };
    }
}
