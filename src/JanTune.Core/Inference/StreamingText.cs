using System.Text;

namespace JanTune.Core.Inference;

/// <summary>
/// Turns token bytes into text as they arrive: holds back incomplete UTF-8 sequences (byte-fallback tokens) and any
/// tail that could still become a stop string, so a client never sees half a character or half a stop string.
/// Shared by the single-sequence generator and the server's scheduler.
/// </summary>
internal sealed class StreamingText(IReadOnlyList<string> stops)
{
    private readonly Decoder _decoder = new UTF8Encoding(false, false).GetDecoder();
    private readonly StringBuilder _held = new();
    private readonly int _maxStop = stops.Count == 0 ? 0 : stops.Max(s => s.Length);

    /// <summary>True once a stop string was seen; the text before it was the last returned.</summary>
    public bool Stopped { get; private set; }

    public string Append(byte[] bytes)
    {
        var chars = new char[_decoder.GetCharCount(bytes, flush: false)];
        _decoder.GetChars(bytes, chars, flush: false);
        _held.Append(chars);
        if (_maxStop == 0)
        {
            return Take(_held.Length);
        }

        var held = _held.ToString();
        foreach (var stop in stops)
        {
            var at = stop.Length == 0 ? -1 : held.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0)
            {
                Stopped = true;
                _held.Clear();
                return held[..at];
            }
        }

        // Keep back the longest tail that is a prefix of some stop string.
        var keep = 0;
        for (var len = Math.Min(_maxStop - 1, held.Length); len > 0 && keep == 0; len--)
        {
            var tail = held[^len..];
            if (stops.Any(s => s.StartsWith(tail, StringComparison.Ordinal)))
            {
                keep = len;
            }
        }

        return Take(_held.Length - keep);
    }

    /// <summary>Whatever is still held back (at the end of a generation), nothing after a stop.</summary>
    public string Flush() => Stopped ? string.Empty : Take(_held.Length);

    private string Take(int count)
    {
        var s = _held.ToString(0, count);
        _held.Remove(0, count);
        return s;
    }
}
