namespace Wippy.Registry;

/// <summary>Reads a reference field (<c>fs</c>, <c>id</c>) into an <see cref="EntryRef"/> resolved against the file's namespace.</summary>
internal static class ReferenceReader
{
    public static EntryRef? Read(FieldReader reader, string key, string hint, bool required = true)
    {
        var raw = reader.String(key, hint, required);
        if (raw is null)
        {
            return null;
        }

        var position = reader.PositionOf(key);
        if (!EntryRef.TryResolve(raw, reader.Context.Namespace, out var id))
        {
            reader.Context.Report(
                RegistryDiagnosticIds.InvalidReference,
                $"{reader.Owner}: '{reader.PathOf(key)}' is not a valid entry reference ('{raw}'); write 'namespace:name' or just 'name' for an entry of this file's namespace, e.g. {hint}",
                position);
            return null;
        }

        return new EntryRef(raw, id, position);
    }
}
