using System.Runtime.CompilerServices;

namespace Wippy.Wit;

/// <summary>
/// Compares AST nodes by identity. The nodes are records (value equality), but two equal-looking nodes in
/// different scopes can mean different things, so the resolver keys its tables by the node itself.
/// </summary>
internal sealed class WitReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly WitReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
