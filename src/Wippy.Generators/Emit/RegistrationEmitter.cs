using Wippy.Generators.Abi;
using Wippy.Generators.Model;

namespace Wippy.Generators.Emit;

/// <summary>
/// Emits a namespace's entries as data for the host: <c>&lt;Class&gt;Registration.CreateEntries()</c>, one descriptor
/// per entry (the app's <c>WippyRegistry</c>, <see cref="RegistryRootEmitter"/>, gathers them).
/// </summary>
internal static class RegistrationEmitter
{
    public static void EmitNamespaceEntries(CodeWriter w, NamespaceModel ns)
    {
        w.Line($"/// <summary>The entries of the registry namespace <c>{ns.RegistryNamespace}</c>, as data for the host.</summary>");
        w.Line(GeneratedCode.Attribute);
        using (w.Open($"internal static class {ns.CsClassName}Registration"))
        {
            w.Line("/// <summary>Creates the descriptors, in id order.</summary>");
            using (w.Open($"internal static {HostApi.EntryDescriptor}[] CreateEntries() => new {HostApi.EntryDescriptor}[]", "};"))
            {
                foreach (var fs in ns.FsDirectories.Where(f => f.Embedded))
                {
                    w.Line($"new {HostApi.FsEmbedDescriptor}({Literals.String(fs.Id)}, {Literals.String(fs.DeclaredAt)}, typeof({ns.CsClassName}Registration).Assembly),");
                }
                foreach (var fs in ns.FsDirectories.Where(f => !f.Embedded))
                {
                    var init = (fs.AutoInit ? " AutoInit = true," : "") + (fs.Mode is { } mode ? $" Mode = 0x{mode:x} /* 0{System.Convert.ToString(mode, 8)} */," : "");
                    w.Line($"new {HostApi.FsDirectoryDescriptor}({Literals.String(fs.Id)}, {Literals.String(fs.Directory)}, {Literals.String(fs.DeclaredAt)}){(init.Length == 0 ? "" : " {" + init.TrimEnd(',') + " }")},");
                }
                foreach (var f in ns.Functions) EmitFunction(w, ns, f);
                foreach (var f in ns.HttpHandlers) EmitHttpHandler(w, ns, f);
                foreach (var lua in ns.LuaFunctions) EmitLuaFunction(w, lua);
                foreach (var v in ns.EnvVariables) EmitEnvVariable(w, v);
                foreach (var st in ns.EnvStorages) EmitEnvStorage(w, st);
                foreach (var s in ns.HttpServices)
                {
                    w.Line($"new {HostApi.HttpServiceDescriptor}({Literals.String(s.Id)}, {Literals.String(s.Address)}, {Literals.String(s.DeclaredAt)}),");
                }
                foreach (var r in ns.HttpRouters)
                {
                    w.Line($"new {HostApi.HttpRouterDescriptor}({Literals.String(r.Id)}, {Literals.String(r.Prefix)}, {Literals.String(r.Service)}, {Literals.String(r.DeclaredAt)}),");
                }
                foreach (var e in ns.HttpEndpoints)
                {
                    w.Line($"new {HostApi.HttpEndpointDescriptor}({Literals.String(e.Id)}, {Literals.String(e.Method)}, {Literals.String(e.Path)}, {Literals.String(e.Function)}, {Literals.String(e.Router)}, {Literals.String(e.DeclaredAt)}),");
                }
            }
        }
    }

    private static void EmitFunction(CodeWriter w, NamespaceModel ns, FunctionModel f)
    {
        using (w.Open($"new {HostApi.FunctionDescriptor}({Literals.String(f.Id)}, {Literals.String(f.Kind)}, {Literals.String(f.DeclaredAt)})", "},"))
        {
            EmitModule(w, f);
            if (f.Command is { } command) w.Line($"Command = new {HostApi.ProcessCommandInfo}({Literals.String(command.Name)}, {Literals.String(command.Short)}),");
            if (f.Mailbox is { } mailbox) w.Line($"Mailbox = new {HostApi.MailboxLimits}({mailbox.Capacity}, {mailbox.Bytes}, {mailbox.MessageBytes}),");
            w.Line($"CoreParams = {CoreKinds(CoreSignature.Params(f.Params))},");
            w.Line($"CoreResults = {CoreKinds(CoreSignature.Results(f.Result))},");
            w.Line($"WitSignature = {Literals.String(f.WitSignature)},");
            EmitWitTypes(w, f.Params.Select(p => p.Type).Append(f.Result));
            w.Line($"InvokeJson = static (function, args, writer) => {JsonBinderEmitter.ClassName(ns)}.{f.CsName}(function, args, writer),");
            w.Line($"InvokeLua = static (function, L, first, count) => {LuaBinderEmitter.ClassName(ns)}.{f.CsName}(function, L, first, count),");
            if (ProxyEmitter.RunsOnFiberSometimes(f)) // the awaiting binders: an awaited call holds no thread while the guest waits
            {
                w.Line($"InvokeJsonAsync = static (function, args, writer, cancellationToken) => {JsonBinderEmitter.ClassName(ns)}.{f.CsName}Async(function, args, writer, cancellationToken),");
                w.Line($"InvokeLuaAsync = static (function, L, first, count, cancellationToken) => {LuaBinderEmitter.ClassName(ns)}.{f.CsName}Async(function, L, first, count, cancellationToken),");
            }
            if (f.CallsComponentModel) w.Line("CallsComponentModel = true,");
            EmitImportBindings(w, ns, f);
        }
    }

    /// <summary>
    /// A component served through <c>wasi:http/incoming-handler</c>: the module, pool, limits and WASI as for any
    /// function, and no binders (it is called only by its endpoints, with the request).
    /// </summary>
    private static void EmitHttpHandler(CodeWriter w, NamespaceModel ns, FunctionModel f)
    {
        using (w.Open($"new {HostApi.FunctionDescriptor}({Literals.String(f.Id)}, {Literals.String(f.Kind)}, {Literals.String(f.DeclaredAt)})", "},"))
        {
            EmitModule(w, f);
            w.Line($"WitSignature = {Literals.String(f.WitSignature)},");
            w.Line("CallsComponentModel = true,");
            w.Line("IncomingHandler = true,");
            EmitImportBindings(w, ns, f);
        }
    }

    /// <summary>The WIT definitions of the named types a signature uses, when it uses any (<c>wit &lt;id&gt;</c> prints them).</summary>
    private static void EmitWitTypes(CodeWriter w, IEnumerable<TypeModel?> types)
    {
        var definitions = WitSpelling.Definitions(types);
        if (definitions.Length > 0) w.Line($"WitTypes = {Literals.String(definitions)},");
    }

    /// <summary>What every WASM function's descriptor has: its module and how it runs (pool, limits, transport, imports, WASI).</summary>
    private static void EmitModule(CodeWriter w, FunctionModel f)
    {
        w.Line($"Export = {Literals.String(f.CoreExport)},");
        if (f.ComponentFingerprint is not null)
        {
            var members = f.Resources.SelectMany(c => c.Members).ToList();
            var component = $"Component = new {HostApi.ComponentCallInfo}({Literals.String(f.Method)}, {Literals.String(f.ComponentFingerprint)})";
            if (members.Count == 0)
            {
                w.Line(component + ",");
            }
            else
            {
                // The resource classes call these exports too: the host checks their types when it loads the component.
                using (w.Open(component, "},"))
                {
                    using (w.Open("MemberFingerprints = new global::System.Collections.Generic.Dictionary<string, string>", "},"))
                    {
                        foreach (var m in members) w.Line($"[{Literals.String(m.Key)}] = {Literals.String(Pipeline.Fingerprints.Of(m.Params.Select(p => p.Type), m.Result))},");
                    }
                }
            }
        }
        w.Line($"Source = {Source(f.Source)},");
        var p = f.Pool;
        w.Line($"Pool = new {HostApi.PoolSettings}({HostApi.PoolType}.{Pascal(p.Type)}, Size: {p.Size}, Workers: {p.Workers}, Buffer: {p.Buffer}, MaxSize: {p.MaxSize}, WarmStart: {Literals.Bool(p.WarmStart)}),");
        var l = f.Limits;
        w.Line($"Limits = new {HostApi.LimitSettings}(MaxExecutionMs: {Literals.NullableInt(l.MaxExecutionMs)}, MaxMemoryBytes: {Literals.NullableInt(l.MaxMemoryBytes)}, MaxRetainedMemoryBytes: {Literals.NullableInt(l.MaxRetainedMemoryBytes)}),");
        w.Line($"Transport = {Literals.String(f.Transport)},");
        w.Line(f.Imports.Count == 0
            ? "Imports = global::System.Array.Empty<string>(),"
            : $"Imports = new string[] {{ {string.Join(", ", f.Imports.Select(Literals.String))} }},");
        if (f.Wasi is { } wasi) EmitWasi(w, wasi);
    }

    /// <summary>For each function the component imports that C# can implement: how to find the implementation and call it.</summary>
    private static void EmitImportBindings(CodeWriter w, NamespaceModel ns, FunctionModel f)
    {
        if (f.ComponentImports.Count == 0) return;
        using (w.Open($"ComponentImports = new {HostApi.ComponentImportBinding}[]", "},"))
        {
            foreach (var import in f.ComponentImports)
            {
                var iface = ns.ImportInterfaces.First(i => i.Instance == import.Instance);
                var type = $"global::{ns.CsNamespace}.{iface.CsName}";
                var asyncType = $"global::{ns.CsNamespace}.{iface.AsyncCsName}";
                w.Line($"new({Literals.String(import.Instance)}, {Literals.String(import.WitName)}, {Literals.String(ns.CsNamespace + "." + iface.CsName)}, static services =>");
                w.Line($"    services.GetService(typeof({type})) is {type} implementation");
                w.Line($"        ? ({HostApi.ComponentHostFunction})((args, results) => {ns.CsClassName}Components.{ComponentValEmitter.AdapterName(iface, import)}(implementation, args, results))");
                using (w.Open("        : null)", "},"))
                {
                    if (import.UsesResources) continue; // resources cross only through the synchronous interface
                    w.Line("BindAsync = static services =>");
                    w.Line($"    services.GetService(typeof({asyncType})) is {asyncType} implementation");
                    w.Line($"        ? ({HostApi.ComponentAsyncHostFunction})((args, cancellationToken) => {ns.CsClassName}Components.{ComponentValEmitter.AsyncAdapterName(iface, import)}(implementation, args, cancellationToken))");
                    w.Line("        : null,");
                    if (f.CallsComponentModel) continue;
                    // A planned component: the guest calls the core adapter (the synchronous implementation first).
                    var abi = AbiEmitter.ClassOf(ns, f);
                    w.Line("BindCore = static services =>");
                    w.Line($"    services.GetService(typeof({type})) is {type} implementation");
                    w.Line($"        ? ({HostApi.CoreHostFunction})((ref {HostApi.CoreCall} frame, global::System.Span<{HostApi.ValueRaw}> slots) => {abi}.{CoreImportEmitter.AdapterName(iface, import)}(implementation, ref frame, slots))");
                    w.Line($"        : services.GetService(typeof({asyncType})) is {asyncType} awaiting");
                    w.Line($"            ? ({HostApi.CoreHostFunction})((ref {HostApi.CoreCall} frame, global::System.Span<{HostApi.ValueRaw}> slots) => {abi}.{CoreImportEmitter.AsyncAdapterName(iface, import)}(awaiting, ref frame, slots))");
                    w.Line("            : null,");
                }
            }
        }
    }

    private static void EmitLuaFunction(CodeWriter w, LuaFunctionModel lua)
    {
        using (w.Open($"new {HostApi.LuaFunctionDescriptor}({Literals.String(lua.Id)}, {Literals.String(lua.DeclaredAt)})", "},"))
        {
            w.Line($"Method = {Literals.String(lua.Method)},");
            if (lua.SourceFile is not null) w.Line($"SourceFile = {Literals.String(lua.SourceFile)},");
            w.Line($"Source = {Literals.String(lua.Source)},");
            if (lua.Signature is { } signature)
            {
                w.Line($"WitSignature = {Literals.String(signature.WitText)},");
                EmitWitTypes(w, signature.Params.Select(p => p.Type).Append(signature.Result));
            }
            if (lua.Modules.Count > 0) w.Line($"Modules = new string[] {{ {string.Join(", ", lua.Modules.Select(Literals.String))} }},");
            var p = lua.Pool;
            w.Line($"Pool = new {HostApi.PoolSettings}({HostApi.PoolType}.{Pascal(p.Type)}, Size: {p.Size}, Workers: {p.Workers}, Buffer: {p.Buffer}, MaxSize: {p.MaxSize}, WarmStart: {Literals.Bool(p.WarmStart)}),");
            w.Line($"Limits = new {HostApi.LimitSettings}(MaxExecutionMs: {Literals.NullableInt(lua.MaxExecutionMs)}, MaxMemoryBytes: {Literals.NullableInt(lua.MaxMemoryBytes)}, MaxRetainedMemoryBytes: {Literals.NullableInt(lua.MaxRetainedMemoryBytes)}),");
        }
    }

    /// <summary>The entry's <c>wasi:</c> block: arguments, working directory, mapped variables, mounts, outbound hosts.</summary>
    private static void EmitWasi(CodeWriter w, WasiModel wasi)
    {
        using (w.Open($"Wasi = new {HostApi.WasiSettings}", "},"))
        {
            if (wasi.Args.Count > 0) w.Line($"Args = new string[] {{ {string.Join(", ", wasi.Args.Select(Literals.String))} }},");
            if (wasi.Cwd is not null) w.Line($"Cwd = {Literals.String(wasi.Cwd)},");
            if (wasi.Env.Count > 0)
            {
                using (w.Open($"Env = new {HostApi.WasiEnvSetting}[]", "},"))
                {
                    foreach (var e in wasi.Env) w.Line($"new({Literals.String(e.Id)}, {Literals.String(e.Name)}, Required: {Literals.Bool(e.Required)}),");
                }
            }
            if (wasi.Mounts.Count > 0)
            {
                using (w.Open($"Mounts = new {HostApi.WasiMountSetting}[]", "},"))
                {
                    foreach (var m in wasi.Mounts) w.Line($"new({Literals.String(m.Fs)}, {Literals.String(m.Guest)}, ReadOnly: {Literals.Bool(m.ReadOnly)}),");
                }
            }
            if (wasi.AllowedOutboundHosts.Count > 0)
            {
                w.Line($"AllowedOutboundHosts = new string[] {{ {string.Join(", ", wasi.AllowedOutboundHosts.Select(Literals.String))} }},");
            }
        }
    }

    private static void EmitEnvVariable(CodeWriter w, EnvVariableModel v)
    {
        using (w.Open($"new {HostApi.EnvVariableDescriptor}({Literals.String(v.Id)}, {Literals.String(v.DeclaredAt)})", "},"))
        {
            w.Line($"Variable = {Literals.String(v.Variable)},");
            if (v.Storage is not null) w.Line($"Storage = {Literals.String(v.Storage)},");
            if (v.Default is not null) w.Line($"Default = {Literals.String(v.Default)},");
            if (v.ReadOnly) w.Line("ReadOnly = true,");
        }
    }

    private static void EmitEnvStorage(CodeWriter w, EnvStorageModel st)
    {
        using (w.Open($"new {HostApi.EnvStorageDescriptor}({Literals.String(st.Id)}, {Literals.String(st.Kind)}, {Literals.String(st.DeclaredAt)})", "},"))
        {
            if (st.Values.Count > 0)
            {
                using (w.Open("Values = new global::System.Collections.Generic.Dictionary<string, string>", "},"))
                {
                    foreach (var value in st.Values) w.Line($"[{Literals.String(value.Name)}] = {Literals.String(value.Value)},");
                }
            }
            if (st.File is not null) w.Line($"File = {Literals.String(st.File)},");
            if (st.AutoCreate) w.Line("AutoCreate = true,");
            if (st.Storages.Count > 0) w.Line($"Storages = new string[] {{ {string.Join(", ", st.Storages.Select(Literals.String))} }},");
        }
    }

    private static string Source(ModuleSourceModel s) => s.Kind switch
    {
        ModuleSourceKind.InlineWat => $"{HostApi.ModuleSource}.Wat({Literals.String(s.Text)})",
        ModuleSourceKind.WatFile => $"{HostApi.ModuleSource}.Wat({Literals.String(s.Text)}, {Literals.String(s.Path)})",
        _ => $"{HostApi.ModuleSource}.FromFs({Literals.String(s.FsId)}, {Literals.String(s.Path)}, {Literals.String(s.Hash)})",
    };

    private static string CoreKinds(IEnumerable<CoreValueType> kinds)
    {
        var list = kinds.ToList();
        return list.Count == 0
            ? $"global::System.Array.Empty<{HostApi.WasmValKind}>()"
            : "new[] { " + string.Join(", ", list.Select(k => HostApi.WasmValKind + "." + k)) + " }";
    }

    private static string Pascal(string s) => char.ToUpperInvariant(s[0]) + s.Substring(1);
}
