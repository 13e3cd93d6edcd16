using Wippy.Generators.Model;
using Wippy.Registry;

namespace Wippy.Generators.Pipeline.Entries;

/// <summary>The models of the entries that are data for the host, not code: fs.directory, fs.embed, env.variable, env.storage.*.</summary>
internal sealed class ResourceEntryModels(GeneratorInputs inputs)
{
    public EnvVariableModel EnvVariable(EnvVariableEntry v) =>
        new(v.Id, v.Variable, v.Storage?.Id, v.Default, v.ReadOnly, inputs.DeclaredAt(v.Position));

    public EnvStorageModel EnvStorage(EnvStorageEntry st) =>
        new(st.Id, st.Kind,
            st.Values.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new EnvValueModel(kv.Key, kv.Value)).ToEquatableArray(),
            st.ResolvedFilePath is null ? null : inputs.RelativePath(st.ResolvedFilePath),
            st.AutoCreate, st.Storages.Select(r => r.Id).ToEquatableArray(), inputs.DeclaredAt(st.Position));

    /// <summary>The directory (relative to the registry root), or null when the entry has none (reported by the registry parser).</summary>
    public FsDirectoryModel? FsDirectory(FsDirectoryEntry fs) => fs.ResolvedDirectory is null
        ? null
        : new FsDirectoryModel(fs.Id, inputs.RelativePath(fs.ResolvedDirectory), fs.AutoInit, fs.ModeValue, inputs.DeclaredAt(fs.Position)) { Embedded = fs.IsEmbedded };
}
