using System.Text;

namespace Wippy.Abstractions.Tests.Safety;

/// <summary>
/// Seeded mutations of a seed input: flip, insert, delete, duplicate and swap ranges, splice in part of another seed,
/// and insert tokens the format gives meaning to (brackets, anchors, deep nesting, huge numbers, bad LEB128 bytes).
/// The same seed gives the same inputs.
/// </summary>
internal sealed class Mutator(int seed)
{
    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    public string Text(string input, IReadOnlyList<string> others, IReadOnlyList<string> tokens)
    {
        var text = new StringBuilder(input);
        var rounds = 1 + _random.Next(4);
        for (var round = 0; round < rounds; round++)
        {
            var at = text.Length == 0 ? 0 : _random.Next(text.Length + 1);
            switch (_random.Next(7))
            {
                case 0:
                    text.Insert(at, tokens[_random.Next(tokens.Count)]);
                    break;
                case 1:
                    if (text.Length > 0) text.Remove(Math.Min(at, text.Length - 1), Math.Min(1 + _random.Next(64), text.Length - Math.Min(at, text.Length - 1)));
                    break;
                case 2:
                    text.Insert(at, (char)_random.Next(0, 128));
                    break;
                case 3:
                    var other = others[_random.Next(others.Count)];
                    if (other.Length > 0)
                    {
                        var from = _random.Next(other.Length);
                        text.Insert(at, other.Substring(from, Math.Min(1 + _random.Next(200), other.Length - from)));
                    }
                    break;
                case 4:
                    if (text.Length > 0)
                    {
                        var start = Math.Min(at, text.Length - 1);
                        var piece = text.ToString(start, Math.Min(1 + _random.Next(100), text.Length - start));
                        text.Insert(_random.Next(text.Length + 1), piece);
                    }
                    break;
                case 5:
                    var token = tokens[_random.Next(tokens.Count)];
                    var times = 1 + _random.Next(200);
                    text.Insert(at, new StringBuilder(token.Length * times).Insert(0, token, times).ToString());
                    break;
                default:
                    if (text.Length > 0) text[Math.Min(at, text.Length - 1)] = (char)_random.Next(32, 127);
                    break;
            }
        }

        return text.ToString();
    }

    private static readonly byte[][] BinaryTokens =
    [
        [0x80, 0x80, 0x80, 0x80, 0x80], [0xFF, 0xFF, 0xFF, 0xFF, 0x0F], [0x00], [0x7F], [0x40], [0x41], [0x42], [0x70], [0x71],
        [0x00, 0x61, 0x73, 0x6D, 0x0D, 0x00, 0x01, 0x00], [0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00],
    ];

    public byte[] Binary(byte[] input, IReadOnlyList<byte[]> others)
    {
        var bytes = new List<byte>(input);
        var rounds = 1 + _random.Next(4);
        for (var round = 0; round < rounds; round++)
        {
            var at = bytes.Count == 0 ? 0 : _random.Next(bytes.Count);
            switch (_random.Next(6))
            {
                case 0:
                    if (bytes.Count > 0) bytes[at] ^= (byte)(1 << _random.Next(8));
                    break;
                case 1:
                    if (bytes.Count > 0) bytes[at] = (byte)_random.Next(256);
                    break;
                case 2:
                    bytes.InsertRange(at, BinaryTokens[_random.Next(BinaryTokens.Length)]);
                    break;
                case 3:
                    if (bytes.Count > 0) bytes.RemoveRange(at, Math.Min(1 + _random.Next(16), bytes.Count - at));
                    break;
                case 4:
                    var other = others[_random.Next(others.Count)];
                    if (other.Length > 0)
                    {
                        var from = _random.Next(other.Length);
                        bytes.InsertRange(at, other.Skip(from).Take(1 + _random.Next(64)));
                    }
                    break;
                default:
                    if (bytes.Count > 8) bytes.RemoveRange(at, bytes.Count - Math.Max(at, 8)); // truncate
                    break;
            }
        }

        return bytes.ToArray();
    }
}
