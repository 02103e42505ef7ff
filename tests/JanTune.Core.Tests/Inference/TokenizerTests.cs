using JanTune.Core.Inference;

namespace JanTune.Core.Tests.Inference;

[Collection(EngineCollection.Name)]
public sealed class TokenizerTests(EngineFixture engine)
{
    [Theory]
    [InlineData("Hello, world! This is a test.")]
    [InlineData("Grüße aus Köln: naïve café, façade")]
    [InlineData("日本語のテキストと emoji 🎉🚀 mixed")]
    [InlineData("line one\nline two\ttabbed  double  spaces")]
    public void Tokenize_ThenDetokenize_RoundTripsUtf8(string text)
    {
        // Given the tiny model's SPM vocabulary with byte fallback
        var model = engine.Q4;

        // When text goes to tokens and back
        var tokens = model.Tokenize(text, addSpecial: false);
        var back = model.Detokenize(tokens);

        // Then every character survives, multi-byte ones included
        Assert.NotEmpty(tokens);
        Assert.Equal(text, back);
    }

    [Fact]
    public void Tokenize_WithAddSpecial_PrependsBos()
    {
        var tokens = engine.Q4.Tokenize("hello", addSpecial: true);

        Assert.Equal(engine.Q4.BosToken, tokens[0]);
    }

    [Fact]
    public void TokenBytes_OfEveryByteToken_ConcatenateToOriginalBytes()
    {
        // Given a string whose characters need byte fallback
        var text = "€😀";
        var tokens = engine.Q4.Tokenize(text, addSpecial: false);

        // When the raw pieces are concatenated
        var bytes = tokens.SelectMany(t => engine.Q4.TokenBytes(t)).ToArray();

        // Then they decode to the text behind SPM's space prefix (which detokenize removes, raw pieces keep)
        Assert.Equal(" " + text, System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void Detokenize_TokenOutsideVocabulary_ThrowsWithoutCallingNative()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => engine.Q4.Detokenize([5, engine.Q4.VocabSize]));

        Assert.Contains("outside the vocabulary", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ApplyChatTemplate_ChatMlModel_FormatsTurnsAndAssistantPrefix()
    {
        var prompt = engine.Q4.ApplyChatTemplate([new ChatMessage("system", "Be brief."), new ChatMessage("user", "Hi")]);

        Assert.Equal("<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n", prompt);
    }
}
