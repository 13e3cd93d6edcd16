namespace Wippy.Diagnostics;

/// <summary>
/// What a diagnostic id is about, which is also the section of docs/diagnostics.md that lists it and the
/// id's range.
/// </summary>
public enum WippyDiagnosticCategory
{
    /// <summary>A registry (<c>_index.yaml</c>) file: <c>WIPPY0001</c>–<c>WIPPY0099</c>.</summary>
    Registry,
    /// <summary>WIT text, in a <c>.wit</c> file or a <c>wit:</c> field: <c>WIPPY0100</c>–<c>WIPPY0149</c>.</summary>
    Wit,
    /// <summary>A module and the signature it is called with: <c>WIPPY0200</c>–<c>WIPPY0299</c>.</summary>
    Module,
    /// <summary>A fault of Wippy itself rather than of the app: <c>WIPPY0900</c>–<c>WIPPY0999</c>.</summary>
    Internal,
}
