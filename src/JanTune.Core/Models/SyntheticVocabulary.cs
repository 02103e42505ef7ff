namespace JanTune.Core.Models;

/// <summary>
/// A SentencePiece-style ("llama") vocabulary: special tokens, the 256 byte-fallback tokens, then unique pieces
/// with scores that rank longer and more common pieces higher, so llama.cpp's SPM merges reach whole words.
/// </summary>
internal sealed class SyntheticVocabulary
{
    public const int Unknown = 0;
    public const int Bos = 1;
    public const int Eos = 2;
    public const int ImStart = 3;
    public const int ImEnd = 4;

    // llama_token_type values from llama.h.
    public const int TypeNormal = 1;
    public const int TypeUnknown = 2;
    public const int TypeControl = 3;
    public const int TypeByte = 6;

    /// <summary>SentencePiece's word-boundary marker (U+2581), which replaces spaces.</summary>
    public const string Space = "\u2581";

    private static readonly string[] CommonWords =
    [
        "the", "of", "and", "to", "a", "in", "is", "you", "that", "it", "he", "was", "for", "on", "are", "as", "with",
        "his", "they", "I", "at", "be", "this", "have", "from", "or", "one", "had", "by", "word", "but", "not", "what",
        "all", "were", "we", "when", "your", "can", "said", "there", "use", "an", "each", "which", "she", "do", "how",
        "their", "if", "will", "up", "other", "about", "out", "many", "then", "them", "these", "so", "some", "her",
        "would", "make", "like", "him", "into", "time", "has", "look", "two", "more", "write", "go", "see", "number",
        "no", "way", "could", "people", "my", "than", "first", "water", "been", "call", "who", "its", "now", "find",
        "long", "down", "day", "did", "get", "come", "made", "may", "part", "hello", "world", "model", "token", "The",
        "Hello", "What", "This", "user", "assistant", "system",
    ];

    private static readonly string[] CommonPieces =
    [
        "th", "he", "in", "er", "an", "re", "on", "at", "en", "nd", "ti", "es", "or", "te", "ed", "is", "it", "al",
        "ar", "st", "to", "nt", "ng", "se", "ha", "as", "ou", "io", "le", "ve", "co", "me", "de", "hi", "ri", "ro",
        "ic", "ne", "ea", "ra", "ce", "ing", "ion", "ent", "tion", "ation", "ly", "er", "est", "ness", "ment", "\n\n",
        "  ", "    ", "..", "://", "()", "{}", "==",
    ];

    private SyntheticVocabulary(string[] tokens, float[] scores, int[] types)
    {
        Tokens = tokens;
        Scores = scores;
        Types = types;
    }

    public string[] Tokens { get; }

    public float[] Scores { get; }

    public int[] Types { get; }

    public static SyntheticVocabulary Build(int size)
    {
        var specials = new (string Piece, int Type)[]
        {
            ("<unk>", TypeUnknown), ("<s>", TypeControl), ("</s>", TypeControl),
            ("<|im_start|>", TypeControl), ("<|im_end|>", TypeControl),
        };
        var fixedCount = specials.Length + 256;
        if (size < fixedCount + 128)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, $"A synthetic vocabulary needs at least {fixedCount + 128} tokens.");
        }

        var tokens = new List<string>(size);
        var types = new List<int>(size);
        foreach (var (piece, type) in specials)
        {
            tokens.Add(piece);
            types.Add(type);
        }

        for (var b = 0; b < 256; b++)
        {
            tokens.Add($"<0x{b:X2}>");
            types.Add(TypeByte);
        }

        var pieces = NormalPieces(size - fixedCount);
        tokens.AddRange(pieces);
        types.AddRange(Enumerable.Repeat(TypeNormal, pieces.Count));

        var scores = new float[size];
        for (var i = 0; i < pieces.Count; i++)
        {
            // Length dominates; within a length, earlier (more common) pieces win ties.
            scores[fixedCount + i] = pieces[i].Length - ((float)i / pieces.Count);
        }

        return new SyntheticVocabulary([.. tokens], scores, [.. types]);
    }

    private static List<string> NormalPieces(int count)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pieces = new List<string>(count);
        void Add(string piece)
        {
            if (pieces.Count < count && seen.Add(piece))
            {
                pieces.Add(piece);
            }
        }

        // Single characters first: every printable ASCII character and the space marker must be reachable.
        Add(Space);
        for (var c = '!'; c <= '~'; c++)
        {
            Add(c.ToString());
        }

        // Each word with all its prefixes, so the pairwise merges have a path to the whole word.
        foreach (var word in CommonWords)
        {
            var marked = Space + word;
            for (var length = 2; length <= marked.Length; length++)
            {
                Add(marked[..length]);
            }
        }

        foreach (var piece in CommonPieces)
        {
            Add(piece);
        }

        // Deterministic filler: all lower-case pairs, then triples, each bare and word-initial.
        for (var length = 2; pieces.Count < count; length++)
        {
            foreach (var combo in Combinations(length))
            {
                Add(combo);
                Add(Space + combo);
                if (pieces.Count >= count)
                {
                    break;
                }
            }
        }

        return pieces;
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
