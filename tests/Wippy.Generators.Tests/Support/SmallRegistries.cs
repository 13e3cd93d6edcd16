namespace Wippy.Generators.Tests.Support;

/// <summary>Small registry files for tests that need a few entries, not the whole snapshot registry.</summary>
internal static class SmallRegistries
{
    /// <summary>Namespace <c>alpha</c>: one inline WAT function typed by its wit.</summary>
    public const string Alpha = """
        namespace: alpha
        entries:
          - name: one
            kind: function.wat
            meta:
              comment: Returns one.
            source: |
              (module (func (export "one") (result i32) i32.const 1))
            wit: |
              one: func() -> s32;
            method: one
        """;

    /// <summary>Namespace <c>beta</c>: one inline WAT function typed by its wit.</summary>
    public const string Beta = """
        namespace: beta
        entries:
          - name: two
            kind: function.wat
            source: |
              (module (func (export "two") (param i32) (result i32) local.get 0))
            wit: |
              two: func(x: u32) -> u32;
            method: two
        """;

    /// <summary>
    /// Namespace <c>app</c>: <c>app:compute</c>, a core module binary (<c>/compute.wasm</c> in the fs.directory
    /// <c>app:files</c>) with no <c>wit:</c>, so its signature comes only from the build step's module facts.
    /// </summary>
    public const string BinaryCompute = """
        namespace: app
        entries:
          - name: files
            kind: fs.directory
            directory: ./wasm
          - name: compute
            kind: function.wasm
            fs: files
            path: /compute.wasm
            hash: sha256:c62dfd508eb753f7d8af19c28a31ed9e9ddcc396cd6f2c44aa61b53b18f4de9c
            method: compute
        """;

    /// <summary>The SHA-256 the component tests give <c>/run.wasm</c> (nothing reads the file: its facts say what it is).</summary>
    public const string RunHash = "a98df86111adaba29ef334b0f8ed3ba508f3d98cca7aa0eba317d23210056697";

    /// <summary>
    /// Namespace <paramref name="ns"/>: <c>run</c>, a component binary (<c>/run.wasm</c> in the fs.directory
    /// <c>guests</c>) whose signature comes from its facts (<see cref="RunFacts"/>); <paramref name="more"/> follows
    /// its <c>method</c> line (more fields of it, then more entries).
    /// </summary>
    public static string ComponentRun(string ns, string more = "") => $"""
        namespace: {ns}
        entries:
          - name: guests
            kind: fs.directory
            directory: ./guests
          - name: run
            kind: function.wasm
            fs: guests
            path: /run.wasm
            hash: sha256:{RunHash}
            method: run

        """ + more;

    /// <summary>
    /// The module facts of <see cref="ComponentRun"/>'s entry <paramref name="entryId"/>, as the build step writes
    /// them: a component whose <c>run: func(x: s32) -&gt; s32</c> is called through the component model; import lines may follow.
    /// </summary>
    public static string RunFacts(string entryId) =>
        "# wippy module facts v2\n"
        + $"module\t{entryId}\tcomponent\t{RunHash}\n"
        + "component\trun\t\tit lowers imported functions into its core module\tfunc(s32) -> s32\trun: func(x: s32) -> s32;\\n\n";
}
