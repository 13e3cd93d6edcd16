using Wippy.Diagnostics;

namespace Wippy.Registry;

/// <summary>How a <c>hash</c> value failed to parse (see <see cref="ContentHash.TryParse"/>).</summary>
public enum ContentHashError
{
    /// <summary>It parsed.</summary>
    None,
    /// <summary>Not <c>algorithm:hex</c>, or not 64 hexadecimal digits after <c>sha256:</c>.</summary>
    InvalidFormat,
    /// <summary>An algorithm other than sha256.</summary>
    UnsupportedAlgorithm,
}

/// <summary>
/// A module's expected content hash, <c>sha256:</c> followed by 64 hex digits (docs/registry.md#hash: only sha256 is accepted).
/// It is checked when the entry is loaded, never per call.
/// </summary>
/// <param name="Algorithm">Always <c>sha256</c>.</param>
/// <param name="Hex">The 64 hex digits, lowercased.</param>
/// <param name="Raw">The value as written.</param>
/// <param name="Position">Where the value is written.</param>
public sealed record ContentHash(string Algorithm, string Hex, string Raw, SourcePosition Position)
{
    /// <summary>The only supported algorithm.</summary>
    public const string Sha256 = "sha256";

    /// <summary>The number of hex digits of a SHA-256 digest.</summary>
    public const int Sha256HexLength = 64;

    /// <summary>
    /// Parses <c>sha256:&lt;64 hex&gt;</c> (the algorithm name and the digits are matched case-insensitively; the
    /// digits are kept lowercased).
    /// </summary>
    /// <param name="raw">The value as written.</param>
    /// <param name="algorithm">The algorithm named before <c>:</c> (lowercased), or empty when there is no <c>:</c>.</param>
    /// <param name="hex">The lowercased digits when the result is <see cref="ContentHashError.None"/>.</param>
    public static ContentHashError TryParse(string raw, out string algorithm, out string hex)
    {
        algorithm = string.Empty;
        hex = string.Empty;
        var colon = raw.IndexOf(':');
        if (colon <= 0)
        {
            return ContentHashError.InvalidFormat;
        }

        algorithm = raw.Substring(0, colon).Trim().ToLowerInvariant();
        if (!string.Equals(algorithm, Sha256, StringComparison.Ordinal))
        {
            return ContentHashError.UnsupportedAlgorithm;
        }

        var digits = raw.Substring(colon + 1);
        if (digits.Length != Sha256HexLength)
        {
            return ContentHashError.InvalidFormat;
        }

        foreach (var c in digits)
        {
            var isHex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!isHex)
            {
                return ContentHashError.InvalidFormat;
            }
        }

        hex = digits.ToLowerInvariant();
        return ContentHashError.None;
    }

    /// <inheritdoc />
    public override string ToString() => Algorithm + ":" + Hex;
}
