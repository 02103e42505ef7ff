using JanTune.Core.Inference;

namespace JanTune.Core.Tests.Inference;

[Collection(EngineCollection.Name)]
public sealed class BatchedDecodeTests(EngineFixture engine)
{
    [Fact]
    public void Decode_TwoSequencesInOneBatch_MatchEachRunAlone()
    {
        // Given two prompts and their greedy continuations computed one at a time
        var model = engine.Q4;
        int[][] prompts = [model.Tokenize("first prompt here"), model.Tokenize("a different second one")];
        var alone = prompts.Select(p => GreedyAlone(model, p, 8)).ToArray();

        // When both sequences are decoded together in shared batches
        using var context = model.CreateContext(EngineFixture.OneThread(sequences: 2));
        using var batch = new TokenBatch(64, 1);
        var outputs = new int[2];
        for (var s = 0; s < 2; s++)
        {
            for (var i = 0; i < prompts[s].Length; i++)
            {
                var index = batch.Add(prompts[s][i], i, s, i == prompts[s].Length - 1);
                if (i == prompts[s].Length - 1)
                {
                    outputs[s] = index;
                }
            }
        }

        var together = new List<int>[] { [], [] };
        var positions = prompts.Select(p => p.Length).ToArray();
        for (var step = 0; step < 8; step++)
        {
            context.Decode(batch);
            var next = new int[2];
            for (var s = 0; s < 2; s++)
            {
                next[s] = Argmax(context.Logits(outputs[s]));
                together[s].Add(next[s]);
            }

            batch.Clear();
            for (var s = 0; s < 2; s++)
            {
                outputs[s] = batch.Add(next[s], positions[s]++, s, true);
            }
        }

        // Then each sequence continues exactly as it did alone
        Assert.Equal(alone[0], together[0]);
        Assert.Equal(alone[1], together[1]);
    }

    private static List<int> GreedyAlone(LlamaModel model, int[] prompt, int n)
    {
        using var context = model.CreateContext(EngineFixture.OneThread());
        var result = new List<int>();
        context.DecodeTokens(prompt);
        for (var i = 0; i < n; i++)
        {
            var token = Argmax(context.Logits());
            result.Add(token);
            context.DecodeTokens([token]);
        }

        return result;
    }

    private static int Argmax(ReadOnlySpan<float> logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
            {
                best = i;
            }
        }

        return best;
    }
}
