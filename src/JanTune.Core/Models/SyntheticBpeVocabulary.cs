using System.Text;

namespace JanTune.Core.Models;

/// <summary>
/// A GPT-2-style byte-level BPE vocabulary (tokenizer.ggml.model "gpt2", pre-tokenizer "qwen2"): Qwen's special tokens,
/// the 256 byte symbols in GPT-2's bytes_to_unicode spelling, then merged pieces, each with the merge that makes it,
/// so llama.cpp's BPE reaches whole words ("Ġthe" is " the").
/// </summary>
internal sealed class SyntheticBpeVocabulary
{
    public const int EndOfText = 0;
    public const int ImStart = 1;
    public const int ImEnd = 2;

    // llama_token_type values from llama.h.
    private const int TypeNormal = 1;
    private const int TypeControl = 3;
    private const int TypeUserDefined = 4;

    private static readonly string[] Words =
    [
        "the", "of", "and", "to", "a", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as", "with",
        "his", "they", "I", "at", "be", "this", "have", "from", "or", "one", "had", "by", "word", "but", "not", "what",
        "all", "were", "we", "when", "your", "can", "said", "there", "use", "an", "each", "which", "she", "do", "how",
        "their", "if", "will", "up", "other", "about", "out", "many", "then", "them", "these", "so", "some", "her",
        "would", "make", "like", "him", "into", "time", "has", "look", "two", "more", "write", "go", "see", "number",
        "hello", "world", "model", "token", "The", "Hello", "What", "This", "user", "assistant", "system", "think",
    ];

    private SyntheticBpeVocabulary(string[] tokens, int[] types, string[] merges)
    {
        Tokens = tokens;
        Types = types;
        Merges = merges;
    }

    public string[] Tokens { get; }

    public int[] Types { get; }

    public string[] Merges { get; }

    public static SyntheticBpeVocabulary Build(int size)
    {
        var specials = new (string Piece, int Type)[]
        {
            ("<|endoftext|>", TypeControl), ("<|im_start|>", TypeControl), ("<|im_end|>", TypeControl),
            ("<think>", TypeUserDefined), ("</think>", TypeUserDefined),
        };
        if (size < specials.Length + 256 + 128)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A synthetic BPE vocabulary needs at least {specials.Length + 256 + 128} tokens.");
        }

        var tokens = new List<string>(size);
        var types = new List<int>(size);
        var merges = new List<string>(size);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (piece, type) in specials)
        {
            tokens.Add(piece);
            types.Add(type);
            seen.Add(piece);
        }

        var byteChars = ByteToUnicode();
        foreach (var c in byteChars)
        {
            tokens.Add(c);
            types.Add(TypeNormal);
            seen.Add(c);
        }

        // A word becomes one token by merges that BPE will actually apply: segment it with the merges so far (lowest rank
        // first, as llama.cpp's tokenizer does), then join those pieces left to right with new, higher-ranked merges.
        // Prefix chains alone are not enough: an earlier "o r" would split " world" before " wo r" could apply.
        var ranks = new Dictionary<(string, string), int>();
        void AddWord(string word)
        {
            var pieces = Segment(word, ranks);
            for (var i = 1; i < pieces.Count && tokens.Count < size; i++)
            {
                var left = pieces[0];
                var joined = left + pieces[i];
                if (ranks.TryAdd((left, pieces[i]), merges.Count))
                {
                    merges.Add(left + " " + pieces[i]);
                }

                if (seen.Add(joined))
                {
                    tokens.Add(joined);
                    types.Add(TypeNormal);
                }

                pieces[0] = joined;
            }
        }

        var space = byteChars[' '];
        foreach (var word in Words)
        {
            var bytes = string.Concat(Encoding.UTF8.GetBytes(word).Select(b => byteChars[b]));
            AddWord(space + bytes);
            AddWord(bytes);
        }

        // Deterministic filler by length: " a".." z", then "aa", " aa", ... until the vocabulary is full.
        for (var length = 1; tokens.Count < size; length++)
        {
            foreach (var combo in Combinations(length))
            {
                AddWord(space + combo);
                if (length > 1)
                {
                    AddWord(combo);
                }

                if (tokens.Count >= size)
                {
                    break;
                }
            }
        }

        return new SyntheticBpeVocabulary([.. tokens], [.. types], [.. merges]);
    }

    /// <summary>BPE as llama.cpp applies it: repeatedly merge the adjacent pair of lowest rank (leftmost on a tie).</summary>
    private static List<string> Segment(string word, Dictionary<(string, string), int> ranks)
    {
        var pieces = word.Select(c => c.ToString()).ToList();
        while (pieces.Count > 1)
        {
            var best = -1;
            var bestRank = int.MaxValue;
            for (var i = 0; i + 1 < pieces.Count; i++)
            {
                if (ranks.TryGetValue((pieces[i], pieces[i + 1]), out var rank) && rank < bestRank)
                {
                    best = i;
                    bestRank = rank;
                }
            }

            if (best < 0)
            {
                break;
            }

            pieces[best] += pieces[best + 1];
            pieces.RemoveAt(best + 1);
        }

        return pieces;
    }

    /// <summary>GPT-2's bytes_to_unicode: printable bytes stand for themselves, the rest shift to U+0100 and up.</summary>
    internal static string[] ByteToUnicode()
    {
        var map = new string[256];
        var next = 256;
        for (var b = 0; b < 256; b++)
        {
            var printable = b is >= '!' and <= '~' or >= 0xA1 and <= 0xAC or >= 0xAE and <= 0xFF;
            map[b] = ((char)(printable ? b : next++)).ToString();
        }

        return map;
    }

    private static IEnumerable<string> Combinations(int length)
    {
        var total = (long)Math.Pow(26, length);
        var chars = new char[length];
        for (long n = 0; n < total; n++)
        {
            var rest = n;
            for (var i = length - 1; i >= 0; i--)
            {
                chars[i] = (char)('a' + (rest % 26));
                rest /= 26;
            }

            yield return new string(chars);
        }
    }
}
