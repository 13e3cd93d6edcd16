using Wippy.Registry;
using static Wippy.Abstractions.Tests.Registry.RegistryTestKit;

namespace Wippy.Abstractions.Tests.Registry;

/// <summary>Registry files shaped like the examples of docs/registry.md (kinds, references, pools, limits, wasi, imports) parse and validate with no diagnostic.</summary>
public sealed class SeedExamplesTests
{
    [Fact]
    public void Inline_wat_answer_with_wit_block()
    {
        var document = ParseClean("""
            namespace: myns
            entries:
              - name: answer
                kind: function.wat
                source: |
                  (module
                    (func (export "answer") (result i32)
                      i32.const 42
                    )
                  )
                wit: |
                  answer: func() -> s32;
                method: answer
                pool:
                  type: inline
            """);

        var answer = Entry<FunctionEntry>(document, "answer");
        Assert.Equal("myns:answer", answer.Id);
        Assert.Equal("function.wat", answer.Kind);
        Assert.True(answer.IsWat);
        Assert.StartsWith("(module\n  (func (export \"answer\")", answer.Source!.Value, StringComparison.Ordinal);
        Assert.Equal("answer: func() -> s32;\n", answer.Wit!.Value);
        Assert.Equal("answer", answer.Method);
        Assert.Equal(PoolType.Inline, answer.Pool.EffectiveType);
        Assert.Equal(FunctionTransport.Payload, answer.Transport);
    }

    [Fact]
    public void Wat_answer_from_a_file_reference()
    {
        var document = ParseClean("""
            namespace: myns
            entries:
              - name: answer
                kind: function.wat
                source: file://answer.wat
                wit: |
                  answer: func() -> s32;
                method: answer
                pool:
                  type: inline
            """);

        var source = Entry<FunctionEntry>(document, "answer").Source!;
        Assert.True(source.IsFileReference);
        Assert.Null(source.Value);
        Assert.Equal("answer.wat", source.FileReference);
        Assert.Equal(Path.Combine(FileDirectory, "answer.wat"), source.ResolvedPath);
    }

    [Fact]
    public void Assets_and_compute()
    {
        var document = ParseClean($"""
            namespace: myns
            entries:
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: compute
                kind: function.wasm
                fs: myns:assets
                path: /compute.wasm
                hash: {Hash}
                method: compute
                pool:
                  type: lazy
                  max_size: 4
            """);

        var assets = Entry<FsDirectoryEntry>(document, "assets");
        Assert.Equal("./wasm", assets.Directory);
        Assert.Equal(Path.Combine(FileDirectory, "wasm"), assets.ResolvedDirectory);

        var compute = Entry<FunctionEntry>(document, "compute");
        Assert.Equal("myns:assets", compute.Fs!.Id);
        Assert.Equal("/compute.wasm", compute.Path);
        Assert.Equal("sha256", compute.Hash!.Algorithm);
        Assert.Equal("292b796376f8b4cc360acf2ea6b82d1084871c3607a079f30b446da8e5c984a4", compute.Hash.Hex);
        Assert.Equal(PoolType.Lazy, compute.Pool.EffectiveType);
        Assert.Equal(4, compute.Pool.MaxSize);
    }

    [Fact]
    public void Payload_and_wasi_http_transports_with_an_endpoint()
    {
        // Nothing reads the binaries here: a well-formed digest stands in for their hashes.
        var document = ParseClean($"""
            namespace: myns
            entries:
              - name: assets
                kind: fs.directory
                directory: ./wasm
              - name: compute
                kind: function.wasm
                fs: myns:assets
                path: /compute.wasm
                hash: {Hash}
                method: compute
                pool:
                  type: inline
              - name: greet_wasm
                kind: function.wasm
                fs: myns:assets
                path: /greet.wasm
                hash: {Hash}
                method: greet
                transport: wasi-http
                pool:
                  type: inline
              - name: greet_endpoint
                kind: http.endpoint
                method: POST
                path: /api/greet
                func: greet_wasm
            """);

        Assert.Equal(FunctionTransport.Payload, Entry<FunctionEntry>(document, "compute").Transport);
        Assert.Equal(FunctionTransport.WasiHttp, Entry<FunctionEntry>(document, "greet_wasm").Transport);
        var endpoint = Entry<HttpEndpointEntry>(document, "greet_endpoint");
        Assert.Equal(("POST", "/api/greet", "myns:greet_wasm"), (endpoint.Method, endpoint.Path, endpoint.Func!.Id));
        Assert.Null(endpoint.Router);
    }

    [Fact]
    public void Limits()
    {
        var document = ParseClean("""
            namespace: myns
            entries:
              - name: slow
                kind: function.wat
                source: file://slow.wat
                method: run
                limits:
                  max_execution_ms: 5000 # 5 second timeout
            """);

        Assert.Equal(5000, Entry<FunctionEntry>(document, "slow").Limits.MaxExecutionMs);
    }

    [Fact]
    public void Wasi_block()
    {
        var document = ParseClean($"""
            namespace: myns
            entries:
              - name: api_key
                kind: env.variable
                variable: API_KEY
              - name: debug_mode
                kind: env.variable
                variable: DEBUG
              - name: data_files
                kind: fs.directory
                directory: ./data
              - name: output
                kind: fs.directory
                directory: ./output
              - name: tool
                kind: function.wasm
                fs: data_files
                path: /tool.wasm
                hash: {Hash}
                method: run
                imports: [wasi:cli, wasi:filesystem]
                wasi:
                  args: ["--verbose"]
                  cwd: "/app"
                  env:
                    - id: myns:api_key
                      name: API_KEY
                      required: true
                    - id: myns:debug_mode
                      name: DEBUG
                  mounts:
                    - fs: myns:data_files
                      guest: /data
                      read_only: true
                    - fs: myns:output
                      guest: /output
            """);

        var wasi = Entry<FunctionEntry>(document, "tool").Wasi;
        Assert.Equal(new[] { "--verbose" }, wasi.Args);
        Assert.Equal("/app", wasi.Cwd);
        Assert.Equal(2, wasi.Env.Count);
        Assert.Equal("myns:api_key", wasi.Env[0].Id.Id);
        Assert.Equal("API_KEY", wasi.Env[0].Name);
        Assert.True(wasi.Env[0].Required);
        Assert.False(wasi.Env[1].Required);
        Assert.Equal(2, wasi.Mounts.Count);
        Assert.Equal("/data", wasi.Mounts[0].Guest);
        Assert.True(wasi.Mounts[0].ReadOnly);
        Assert.False(wasi.Mounts[1].ReadOnly);
    }

    [Fact]
    public void Data_transformation_pipeline()
    {
        const string mapperHash = "sha256:7304fc7d19778605458ae5804dae9a7343dcd3f5fc22bcc9415e98b5047192dd";
        var document = ParseClean($"""
            namespace: myns
            entries:
              - name: wasm_binaries
                kind: fs.directory
                directory: ./wasm
              - name: transform_users
                kind: function.wasm
                fs: myns:wasm_binaries
                path: /mapper.wasm
                hash: {mapperHash}
                method: transform-users
                pool:
                  type: lazy
                  max_size: 4
              - name: filter_active
                kind: function.wasm
                fs: myns:wasm_binaries
                path: /mapper.wasm
                hash: {mapperHash}
                method: filter-active
                pool:
                  type: lazy
                  max_size: 4
            """);

        Assert.Equal(3, document.Entries.Count);
        Assert.Equal("filter-active", Entry<FunctionEntry>(document, "filter_active").Method);
    }

    [Fact]
    public void Async_sleep_with_imports()
    {
        var document = ParseClean($"""
            namespace: myns
            entries:
              - name: wasm_binaries
                kind: fs.directory
                directory: ./wasm
              - name: sleep_ms
                kind: function.wasm
                fs: myns:wasm_binaries
                path: /sleep_test.wasm
                hash: {Hash}
                method: "test-sleep#sleep-ms"
                imports:
                  - wasi:io
                  - wasi:clocks
                pool:
                  type: inline
            """);

        var sleep = Entry<FunctionEntry>(document, "sleep_ms");
        Assert.Equal("test-sleep#sleep-ms", sleep.Method);
        Assert.Equal(new[] { "wasi:io", "wasi:clocks" }, sleep.Imports.Select(i => i.Name));
        Assert.Equal(13, sleep.Imports[0].Position.Line);
        Assert.Equal(9, sleep.Imports[0].Position.Column);
    }

    [Theory]
    [InlineData("type: static\n      size: 4 # Total pool size\n      workers: 2 # Worker threads\n      buffer: 16 # Request queue buffer (default: workers * 64)", PoolType.Static, 2, 16, 0)]
    [InlineData("type: lazy\n      max_size: 8 # Maximum concurrent instances", PoolType.Lazy, 0, 0, 8)]
    [InlineData("type: adaptive\n      max_size: 16 # Upper scaling bound\n      warm_start: true # Pre-instantiate initial workers", PoolType.Adaptive, 0, 0, 16)]
    public void Pool_examples(string pool, PoolType type, int workers, int buffer, int maxSize)
    {
        var document = ParseClean($"namespace: myns\nentries:\n  - name: f\n    kind: function.wat\n    source: file://f.wat\n    method: f\n    pool:\n      {pool}\n");

        var config = Entry<FunctionEntry>(document, "f").Pool;
        Assert.Equal(type, config.EffectiveType);
        Assert.Equal(workers, config.Workers);
        Assert.Equal(buffer, config.Buffer);
        Assert.Equal(maxSize, config.MaxSize);
        Assert.Equal(type == PoolType.Adaptive, config.WarmStart);
    }
}
