namespace JanTune.Server.Tests.LlamaArgs;

/// <summary>A fact that needs g++ to build llama-server's argument parser; skipped with the reason where g++ is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class NeedsGppFactAttribute : FactAttribute
{
    public NeedsGppFactAttribute()
    {
        if (LlamaArgsParser.Missing is { } why)
        {
            Skip = why;
        }
    }
}
