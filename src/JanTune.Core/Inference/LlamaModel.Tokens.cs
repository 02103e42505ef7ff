using System.Runtime.InteropServices;
using System.Text;
using JanTune.Native.Interop;

namespace JanTune.Core.Inference;

/// <content>Tokenize, detokenize and chat formatting.</content>
public sealed unsafe partial class LlamaModel
{
    /// <summary>Text to token ids. <paramref name="addSpecial"/> adds BOS when the model wants it.</summary>
    public int[] Tokenize(string text, bool addSpecial = true, bool parseSpecial = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var bytes = Encoding.UTF8.GetBytes(text);
        var tokens = new int[bytes.Length + 8];
        fixed (byte* b = bytes)
        {
            int n;
            fixed (int* t = tokens)
            {
                n = Llama.Tokenize(_vocab, b, bytes.Length, t, tokens.Length, addSpecial, parseSpecial);
            }

            if (n == int.MinValue)
            {
                throw new JanTuneException("the text is too long to tokenize (more than 2^31 tokens)");
            }

            if (n < 0)
            {
                tokens = new int[-n];
                fixed (int* t = tokens)
                {
                    n = Llama.Tokenize(_vocab, b, bytes.Length, t, tokens.Length, addSpecial, parseSpecial);
                }
            }

            return tokens.AsSpan(0, n).ToArray();
        }
    }

    /// <summary>Token ids back to text; invalid ids are rejected before they reach llama.cpp.</summary>
    public string Detokenize(ReadOnlySpan<int> tokens, bool removeSpecial = false, bool unparseSpecial = false)
    {
        ValidateTokens(tokens);
        var buffer = new byte[Math.Max(64, tokens.Length * 8)];
        fixed (int* t = tokens)
        {
            while (true)
            {
                int n;
                fixed (byte* b = buffer)
                {
                    n = Llama.Detokenize(_vocab, t, tokens.Length, b, buffer.Length, removeSpecial, unparseSpecial);
                }

                if (n >= 0)
                {
                    return Encoding.UTF8.GetString(buffer, 0, n);
                }

                buffer = new byte[-n];
            }
        }
    }

    /// <summary>The raw UTF-8 bytes of one token (may be a partial character: byte-fallback tokens).</summary>
    public byte[] TokenBytes(int token, bool special = false)
    {
        ValidateTokens([token]);
        Span<byte> buffer = stackalloc byte[128];
        fixed (byte* b = buffer)
        {
            var n = Llama.TokenToPiece(_vocab, token, b, buffer.Length, 0, special);
            if (n >= 0)
            {
                return buffer[..n].ToArray();
            }
        }

        var big = new byte[-Llama.TokenToPiece(_vocab, token, null, 0, 0, special)];
        fixed (byte* b = big)
        {
            Llama.TokenToPiece(_vocab, token, b, big.Length, 0, special);
        }

        return big;
    }

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for ids outside [0, vocab): llama.cpp would read out of bounds.</summary>
    public void ValidateTokens(ReadOnlySpan<int> tokens)
    {
        foreach (var token in tokens)
        {
            if ((uint)token >= (uint)VocabSize)
            {
                throw new ArgumentOutOfRangeException(nameof(tokens), token, $"token id {token} is outside the vocabulary [0, {VocabSize})");
            }
        }
    }

    /// <summary>
    /// Formats a conversation with the model's chat template (llama_chat_apply_template: a fixed list of known templates,
    /// detected from the Jinja text). <paramref name="template"/> overrides the model's.
    /// </summary>
    public string ApplyChatTemplate(IReadOnlyList<ChatMessage> messages, bool addAssistantPrefix = true, string? template = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var tmpl = template ?? ChatTemplate ?? "chatml";
        var handles = new List<IntPtr>(messages.Count * 2 + 1);
        try
        {
            var native = new LlamaChatMessage[messages.Count];
            var totalChars = 0;
            for (var i = 0; i < messages.Count; i++)
            {
                native[i].Role = Utf8(messages[i].Role, handles);
                native[i].Content = Utf8(messages[i].Content, handles);
                totalChars += messages[i].Content.Length + messages[i].Role.Length;
            }

            var tmplPtr = Utf8(tmpl, handles);
            var buffer = new byte[Math.Max(256, totalChars * 4 + 256)];
            fixed (LlamaChatMessage* m = native)
            {
                while (true)
                {
                    int n;
                    fixed (byte* b = buffer)
                    {
                        n = Llama.ChatApplyTemplate((byte*)tmplPtr, m, (nuint)native.Length, addAssistantPrefix, b, buffer.Length);
                    }

                    if (n < 0)
                    {
                        throw new JanTuneException("the model's chat template is not one llama.cpp knows", "pass a known template name (chatml, llama2, llama3, zephyr, ...) or format the prompt yourself");
                    }

                    if (n <= buffer.Length)
                    {
                        return Encoding.UTF8.GetString(buffer, 0, n);
                    }

                    buffer = new byte[n];
                }
            }
        }
        finally
        {
            foreach (var h in handles)
            {
                Marshal.FreeCoTaskMem(h);
            }
        }
    }

    private static IntPtr Utf8(string s, List<IntPtr> owned)
    {
        var p = Marshal.StringToCoTaskMemUTF8(s);
        owned.Add(p);
        return p;
    }
}
