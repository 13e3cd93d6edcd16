using Wippy.Diagnostics;

namespace Wippy.Generators.Model;

/// <summary>Where a function's module comes from.</summary>
internal enum ModuleSourceKind
{
    /// <summary>WAT text written in the YAML (<c>source: |</c>).</summary>
    InlineWat,
    /// <summary>WAT text from <c>source: file://x.wat</c>; the generator embeds the text.</summary>
    WatFile,
    /// <summary>A binary read from an fs entry at run time and checked against <c>hash</c>.</summary>
    FsBinary,
}

/// <summary>A function's module source.</summary>
internal sealed record ModuleSourceModel(ModuleSourceKind Kind, string? Text, string? FsId, string? Path, string? Hash);

/// <summary>The effective pool settings (docs/runtime.md, Workers), already defaulted by the registry front end.</summary>
internal sealed record PoolModel(string Type, int Size, int Workers, int Buffer, int MaxSize, bool WarmStart);

/// <summary>Execution limits; null means not set.</summary>
internal sealed record LimitsModel(long? MaxExecutionMs, long? MaxMemoryBytes, long? MaxRetainedMemoryBytes);

/// <summary>A parameter of a function signature.</summary>
internal sealed record ParamModel(string WitName, string CsName, TypeModel Type);

/// <summary>Everything the emitters need about one function entry.</summary>
internal sealed record FunctionModel(
    string Id,
    string Kind,
    string CsName,
    string Method,
    string CoreExport,
    string? ComponentFingerprint,
    string? Docs,
    EquatableArray<ParamModel> Params,
    TypeModel? Result,
    string WitSignature,
    bool SignatureFromWit,
    ModuleSourceModel Source,
    PoolModel Pool,
    LimitsModel Limits,
    string Transport,
    EquatableArray<string> Imports,
    string DeclaredAt)
{
    /// <summary>True when the entry's component is called through Wasmtime's component model (not its core module directly).</summary>
    public bool CallsComponentModel { get; init; }

    /// <summary>For a component called through the component model: the imported functions generated code can bind to C# (outside WASI).</summary>
    public EquatableArray<ImportFunctionModel> ComponentImports { get; init; }

    /// <summary>For a component: whether it imports a WASI interface whose calls can wait (<c>wasi:io/poll</c>, <c>wasi:http</c>).</summary>
    public bool ImportsWaitingWasi { get; init; }

    /// <summary>The entry's <c>wasi:</c> block, or null when it has none.</summary>
    public WasiModel? Wasi { get; init; }

    /// <summary>
    /// True for a component served through the standard <c>wasi:http/incoming-handler</c>: no typed signature, proxy or
    /// binders; only its descriptor is generated (<see cref="NamespaceModel.HttpHandlers"/>).
    /// </summary>
    public bool IncomingHandler { get; init; }

    /// <summary>A <c>process.wasm</c> entry's <c>meta.command</c> (it runs as <c>&lt;app&gt; run &lt;name&gt;</c>), or null.</summary>
    public CommandModel? Command { get; init; }

    /// <summary>For a component: the export the function is (<c>wippy:counter/counters#make</c>), as the build step found it; null otherwise.</summary>
    public string? ComponentKey { get; init; }

    /// <summary>The resources the entry's component defines that its signature uses: a class each (<see cref="ResourceClassModel"/>).</summary>
    public EquatableArray<ResourceClassModel> Resources { get; init; }

    /// <summary>A <c>process.wasm</c> entry's <c>meta.options.mailbox</c>, or null for the runtime's defaults.</summary>
    public MailboxModel? Mailbox { get; init; }
}

/// <summary>A process entry's mailbox limits.</summary>
internal sealed record MailboxModel(int Capacity, long Bytes, long MessageBytes);

/// <summary>A process entry's command: its name on the command line and its one-line description.</summary>
internal sealed record CommandModel(string Name, string? Short);

/// <summary>A <c>function.lua</c> entry: its source text (read at build time), the function and modules, its pool.</summary>
internal sealed record LuaFunctionModel(
    string Id, string Source, string? SourceFile, string Method, EquatableArray<string> Modules, PoolModel Pool, long? MaxExecutionMs, string DeclaredAt)
{
    /// <summary>The C# method name of its typed proxy (<c>LuaPipeline</c>).</summary>
    public string CsName { get; init; } = "";

    /// <summary><c>limits.max_memory_bytes</c>: the cap on one Lua state's memory (null: the runtime's default).</summary>
    public long? MaxMemoryBytes { get; init; }

    /// <summary><c>limits.max_retained_memory_bytes</c>: the most a state may hold and be kept warm (null: the default).</summary>
    public long? MaxRetainedMemoryBytes { get; init; }

    /// <summary>The signature its <c>wit:</c> declares, or null (no typed proxy: C# calls it with JSON values).</summary>
    public Signature? Signature { get; init; }
}

/// <summary>An entry's <c>wasi:</c> block (docs/runtime.md, WASI).</summary>
/// <param name="Args"><c>args</c>.</param>
/// <param name="Cwd"><c>cwd</c>, or null.</param>
/// <param name="Env">The mapped variables.</param>
/// <param name="Mounts">The mounted fs entries.</param>
/// <param name="AllowedOutboundHosts">The host patterns of <c>allowed_outbound_hosts</c>, each in its canonical form (<c>https://api.example.com</c>).</param>
internal sealed record WasiModel(
    EquatableArray<string> Args, string? Cwd, EquatableArray<WasiEnvModel> Env, EquatableArray<WasiMountModel> Mounts, EquatableArray<string> AllowedOutboundHosts);

/// <summary>One <c>wasi.env</c> item.</summary>
internal sealed record WasiEnvModel(string Id, string Name, bool Required);

/// <summary>One <c>wasi.mounts</c> item.</summary>
internal sealed record WasiMountModel(string Fs, string Guest, bool ReadOnly);

/// <summary>A function a component imports from a WIT interface, implemented in C# through the interface <see cref="ImportInterfaceModel"/>.</summary>
/// <param name="Instance">The imported interface's full name (<c>wippy:imports/host</c>).</param>
/// <param name="WitName">The function's WIT name (<c>lookup</c>).</param>
/// <param name="CsName">The C# method name (<c>Lookup</c>).</param>
/// <param name="Params">Its parameters.</param>
/// <param name="Result">Its result type, or null.</param>
/// <param name="WitSignature">Its WIT signature, for docs.</param>
internal sealed record ImportFunctionModel(string Instance, string WitName, string CsName, EquatableArray<ParamModel> Params, TypeModel? Result, string WitSignature)
{
    /// <summary>
    /// For a constructor, method or static function of an imported resource: what it is to the resource. A method is a
    /// member of the resource's C# interface (<see cref="Resource"/>), called on the object behind its first parameter.
    /// </summary>
    public ResourceMemberKind? Member { get; init; }

    /// <summary>The resource a <see cref="Member"/> belongs to.</summary>
    public ResourceType? Resource { get; init; }

    /// <summary>Whether a resource crosses in it (the awaiting interface leaves such functions out).</summary>
    public bool UsesResources => Member is not null || Result.HasResource() || Params.Any(p => p.Type.HasResource());

    /// <summary>
    /// Whether its parameters can hold more than one borrowed handle (a list of borrows, two borrow parameters):
    /// Wasmtime's C API cannot pass such a call to a host function (docs/components.md, "Imported resources").
    /// </summary>
    public bool LendsSeveral => Params.Sum(p => p.Type.Borrows()) > 1;
}

/// <summary>
/// The C# interfaces for one imported WIT interface: what an app implements and registers as a service, either
/// synchronous (<c>IHost</c>) or awaiting (<c>IHostAsync</c>: <c>ValueTask</c> methods taking the call's token).
/// </summary>
/// <param name="Instance">The WIT interface's full name.</param>
/// <param name="CsName">The synchronous C# interface's name (<c>IHost</c>).</param>
/// <param name="AsyncCsName">The awaiting C# interface's name (<c>IHostAsync</c>).</param>
/// <param name="Functions">Its functions.</param>
internal sealed record ImportInterfaceModel(string Instance, string CsName, string AsyncCsName, EquatableArray<ImportFunctionModel> Functions);

/// <summary>An <c>fs.directory</c> entry: its directory relative to the registry root.</summary>
internal sealed record FsDirectoryModel(string Id, string Directory, bool AutoInit, int? Mode, string DeclaredAt)
{
    /// <summary>True for <c>fs.embed</c>: the files are resources of the app (<c>wippy.fs/&lt;id&gt;/&lt;path&gt;</c>).</summary>
    public bool Embedded { get; init; }
}

/// <summary>An <c>env.variable</c> entry.</summary>
internal sealed record EnvVariableModel(string Id, string Variable, string? Storage, string? Default, bool ReadOnly, string DeclaredAt);

/// <summary>One value of an <c>env.storage.static</c> entry.</summary>
internal sealed record EnvValueModel(string Name, string Value);

/// <summary>An <c>env.storage.*</c> entry; <c>File</c> is relative to the registry root.</summary>
internal sealed record EnvStorageModel(string Id, string Kind, EquatableArray<EnvValueModel> Values, string? File, bool AutoCreate, EquatableArray<string> Storages, string DeclaredAt);

/// <summary>Everything emitted for one registry namespace: its proxy class, WIT types, imported interfaces, ABI code, binders and registration.</summary>
internal sealed record NamespaceModel(
    string RegistryNamespace,
    string CsNamespace,
    string CsClassName,
    EquatableArray<FunctionModel> Functions,
    EquatableArray<FsDirectoryModel> FsDirectories,
    EquatableArray<TypeModel> NamedTypes)
{
    /// <summary>The C# interfaces of the WIT interfaces this namespace's components import.</summary>
    public EquatableArray<ImportInterfaceModel> ImportInterfaces { get; init; }

    /// <summary>The namespace's <c>function.lua</c> entries.</summary>
    public EquatableArray<LuaFunctionModel> LuaFunctions { get; init; }

    /// <summary>The namespace's <c>env.variable</c> entries.</summary>
    public EquatableArray<EnvVariableModel> EnvVariables { get; init; }

    /// <summary>The namespace's <c>env.storage.*</c> entries.</summary>
    public EquatableArray<EnvStorageModel> EnvStorages { get; init; }

    /// <summary>The namespace's <c>http.service</c> entries.</summary>
    public EquatableArray<HttpServiceModel> HttpServices { get; init; }

    /// <summary>The namespace's <c>http.router</c> entries.</summary>
    public EquatableArray<HttpRouterModel> HttpRouters { get; init; }

    /// <summary>The namespace's <c>http.endpoint</c> entries.</summary>
    public EquatableArray<HttpEndpointModel> HttpEndpoints { get; init; }

    /// <summary>The namespace's components served through <c>wasi:http/incoming-handler</c> (not in <see cref="Functions"/>: no proxies).</summary>
    public EquatableArray<FunctionModel> HttpHandlers { get; init; }

    /// <summary>The <c>function.lua</c> entries with a <c>wit:</c> signature: each gets a typed proxy method.</summary>
    public IEnumerable<LuaFunctionModel> TypedLuaFunctions => LuaFunctions.Where(l => l.Signature is not null);
}

/// <summary>The registry-wide registration: which namespaces exist and where the generated code lives.</summary>
internal sealed record RegistryRootModel(string CsNamespace, EquatableArray<NamespaceRef> Namespaces);

/// <summary>A namespace as the registration file sees it.</summary>
internal sealed record NamespaceRef(string RegistryNamespace, string CsNamespace, string CsClassName);

/// <summary>A diagnostic ready to report: plain data, no Roslyn location.</summary>
internal sealed record DiagnosticModel(WippyDiagnostic Diagnostic);
