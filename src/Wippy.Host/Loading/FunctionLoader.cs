using System.Security.Cryptography;
using Wippy.Host.Native;
using Wippy.Host.Registry;

namespace Wippy.Host.Loading;

/// <summary>
/// Loads a function entry: reads its module (WAT text, or a binary from its fs entry whose SHA-256 must
/// match <c>hash</c>), compiles it, and checks that the export exists with the core type the generated
/// code expects. A failure is kept as the reason every call to the entry fails.
/// </summary>
internal static class FunctionLoader
{
    /// <summary>Loads <paramref name="descriptor"/>; throws <see cref="WippyException"/> naming the entry on any failure.</summary>
    public static WasmModule Load(WasmEngine engine, FunctionDescriptor descriptor, RegistryManifest manifest, string registryRoot, CompiledCache? cache = null)
    {
        // (a component entry is loaded by ComponentLoader)
        var module = CompileBinary(engine, descriptor, ReadBytes(descriptor, manifest, registryRoot), cache);
        try
        {
            CheckModule(descriptor, module);
            return module;
        }
        catch
        {
            module.Dispose();
            throw;
        }
    }

    /// <summary>The entry's binary: WAT compiled to bytes, or the file from its fs entry, hash-checked.</summary>
    public static byte[] ReadBytes(FunctionDescriptor d, RegistryManifest manifest, string registryRoot) =>
        d.Source.IsWat ? WatBinary(d) : ReadVerified(d, manifest, registryRoot);

    private static byte[] WatBinary(FunctionDescriptor d)
    {
        try
        {
            return WasmText.ToBinary(d.Source.WatText!);
        }
        catch (WasmtimeException e)
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"invalid WAT in {d.Source.WatPath ?? d.DeclaredAt}: {e.Message}", e);
        }
    }

    private static WasmModule CompileBinary(WasmEngine engine, FunctionDescriptor d, byte[] bytes, CompiledCache? cache)
    {
        if (WasmBinaryHeader.IsComponent(bytes))
        {
            // (a component entry never gets here: its descriptor carries Component)
            throw new WippyException(ErrorKind.Invalid, d.Id, $"{d.Source} is a WebAssembly component, but the app was built for a core module; rebuild the app");
        }
        try
        {
            return Compile(engine, bytes, cache);
        }
        catch (WasmtimeException e)
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"{d.Source} is not a valid WebAssembly module: {e.Message}", e);
        }
    }

    /// <summary>Compiles <paramref name="bytes"/>, or loads the code compiled for them by an earlier start.</summary>
    public static WasmModule Compile(WasmEngine engine, byte[] bytes, CompiledCache? cache) =>
        cache?.Module(engine, bytes, () => WasmModule.FromBytes(engine, bytes)) ?? WasmModule.FromBytes(engine, bytes);

    /// <summary>Reads the binary from its fs entry and checks it against the entry's <c>hash</c> (docs/registry.md#hash).</summary>
    private static byte[] ReadVerified(FunctionDescriptor d, RegistryManifest manifest, string registryRoot)
    {
        var source = d.Source;
        var entry = manifest.Find(source.FsId!);
        if (entry is FsEmbedDescriptor embedded)
        {
            var embeddedBytes = embedded.ReadFile(source.Path!)
                ?? throw new WippyException(ErrorKind.NotFound, d.Id, $"the module '{source.Path}' is not embedded in '{embedded.Id}' (fs.embed); its files are: {string.Join(", ", embedded.Files)}");
            return Verified(d, embeddedBytes);
        }
        if (entry is not FsDirectoryDescriptor fs)
        {
            throw new WippyException(ErrorKind.NotFound, d.Id, $"the fs entry '{source.FsId}' does not exist or is not an fs.directory or fs.embed");
        }
        var directory = fs.Resolve(registryRoot);
        var file = Path.GetFullPath(Path.Combine(directory, source.Path!.TrimStart('/', '\\')));
        if (!file.StartsWith(directory.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"the path '{source.Path}' leaves the fs entry '{fs.Id}'");
        }
        return Verified(d, ReadModuleFile(d, fs, file));
    }

    /// <summary>
    /// The module file's bytes, read only if it is a regular file: a FIFO would make the load wait forever for a
    /// writer, a device could be read without end (<see cref="RegularFile"/>).
    /// </summary>
    private static byte[] ReadModuleFile(FunctionDescriptor d, FsDirectoryDescriptor fs, string file)
    {
        var path = d.Source.Path;
        try
        {
            return RegularFile.ReadAllBytes(file);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new WippyException(ErrorKind.NotFound, d.Id, $"the module '{path}' does not exist in '{fs.Id}' (looked at {file})", e);
        }
        catch (NotRegularFileException e)
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"the module '{path}' in '{fs.Id}' is not a regular file but {e.Type} ({file})", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new WippyException(ErrorKind.Unavailable, d.Id, $"the module '{path}' in '{fs.Id}' cannot be read: {e.Message}", e);
        }
    }

    /// <summary>Checks <paramref name="bytes"/> against the entry's <c>hash</c> (docs/registry.md#hash: sha256 only, checked at load).</summary>
    private static byte[] Verified(FunctionDescriptor d, byte[] bytes)
    {
        var source = d.Source;
        var expected = source.Hash ?? "";
        if (!expected.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase))
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"unsupported hash '{expected}': only sha256:<64 hex digits> is accepted");
        }
        var actual = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw new WippyException(ErrorKind.Invalid, d.Id, $"hash mismatch for {source}: expected {expected}, got {actual}");
        }
        return bytes;
    }

    /// <summary>A core module the entry runs on its own: its export (<see cref="CheckExport"/>) and its imports, WASI preview1 only.</summary>
    internal static void CheckModule(FunctionDescriptor d, WasmModule module)
    {
        CheckExport(d, module);
        // WASI preview1 is linked per entry (Wasi.WasiLinking); other host imports are not offered to core modules.
        var others = module.Imports.Where(i => i.Module != Wippy.Registry.ImportNames.Preview1).ToList();
        if (others.Count > 0)
        {
            var names = string.Join(", ", others.Select(i => $"{i.Module}.{i.Name}"));
            throw new WippyException(ErrorKind.Invalid, d.Id, $"the module imports {names}; core modules can import WASI preview1 (wasi_snapshot_preview1) only");
        }
    }

    /// <summary>The export the generated code calls exists with the core type its signature needs.</summary>
    internal static void CheckExport(FunctionDescriptor d, WasmModule module)
    {
        var export = module.Exports.FirstOrDefault(e => e.Name == d.Export && e.FunctionType is not null);
        if (export?.FunctionType is not { } type)
        {
            var names = string.Join(", ", module.Exports.Where(e => e.FunctionType is not null).Select(e => e.Name));
            throw new WippyException(ErrorKind.NotFound, d.Id, $"the module exports no function '{d.Export}'; its functions are: {(names.Length == 0 ? "(none)" : names)}");
        }
        if (!type.Params.SequenceEqual(d.CoreParams) || !type.Results.SequenceEqual(d.CoreResults))
        {
            var expected = new WasmFuncType(d.CoreParams, d.CoreResults);
            throw new WippyException(ErrorKind.Invalid, d.Id, $"the export '{d.Export}' has the core type {type}, but the signature '{d.WitSignature}' needs {expected}");
        }
    }
}
