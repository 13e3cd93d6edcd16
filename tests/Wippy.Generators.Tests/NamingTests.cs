using Wippy.Generators.Tests.Support;

namespace Wippy.Generators.Tests;

/// <summary>Registry and WIT names become C# names that compile, whatever characters the registry allows in them.</summary>
public sealed class NamingTests
{
    [Fact]
    public void Entry_names_differing_only_in_separators_do_not_break_the_build()
    {
        const string yaml = """
            namespace: app
            entries:
              - name: get_user
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
              - name: get-user
                kind: function.wat
                source: |
                  (module (func (export "f") (result i32) i32.const 0))
                wit: |
                  f: func() -> s32;
                method: f
            """;
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", yaml);

        var result = registry.Run();

        var collision = Assert.Single(result.Diagnostics, d => d.Id == "WIPPY0214");
        Assert.Contains("entry 'app:get-user' would become the C# method 'GetUser', like 'app:get_user'; rename one of them", collision.GetMessage());
        Assert.Equal(10, collision.Location.GetLineSpan().StartLinePosition.Line + 1); // "  - name: get-user"
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Namespaces_differing_only_in_separators_do_not_break_the_build()
    {
        var registry = new TestRegistry();
        registry.Add("a/_index.yaml", SmallRegistries.Alpha.Replace("namespace: alpha", "namespace: my-app"));
        registry.Add("b/_index.yaml", SmallRegistries.Beta.Replace("namespace: beta", "namespace: my_app"));

        var result = registry.Run();

        var collision = Assert.Single(result.Diagnostics, d => d.Id == "WIPPY0214");
        Assert.Contains("would become the C# namespace 'TestApp.MyApp', like namespace 'my-app'; rename one of them", collision.GetMessage());
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }

    [Fact]
    public void Keywords_and_generated_local_names_are_escaped()
    {
        const string yaml = """
            namespace: app.class
            entries:
              - name: namespace
                kind: function.wat
                source: |
                  (module (func (export "f") (param i32 i32 i32 i32) (result i32) i32.const 0))
                wit: |
                  record value { value: s32, equals: s32 }
                  variant result-kind { value(s32), %result }
                  f: func(call: s32, %flat: value, what: result-kind) -> s32;
                method: f
            """;
        var registry = new TestRegistry();
        registry.Add("app/_index.yaml", yaml);

        var result = registry.Run();

        Assert.Empty(result.Diagnostics);
        EmittedCodeCompilesTests.AssertCompilesCleanly(result);
    }
}
