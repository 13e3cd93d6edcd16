namespace Wippy.Diagnostics;

/// <summary>The help link of a diagnostic id: its anchor in docs/diagnostics.md.</summary>
public static class DiagnosticHelpLink
{
    /// <summary>The address of docs/diagnostics.md; each id's link is this, <c>#</c> and the id in lower case.</summary>
    /// <remarks>
    /// The repository has no public URL yet; this is the address it is expected to have. IDEs open a help link only
    /// when it is an absolute URI (a relative path such as <c>docs/diagnostics.md</c> is not shown as a link), so the
    /// base stays absolute: change this one line when the repository is published elsewhere.
    /// </remarks>
    public const string Base = "https://github.com/wippyai/wippy-dotnet/blob/main/docs/diagnostics.md";

    /// <summary>The anchor of <paramref name="id"/> in docs/diagnostics.md: the id in lower case (<c>wippy0001</c>).</summary>
    public static string AnchorOf(string id) => id.ToLowerInvariant();

    /// <summary>The help link of <paramref name="id"/>: <see cref="Base"/><c>#wippy0001</c>.</summary>
    public static string For(string id) => Base + "#" + AnchorOf(id);
}
