namespace JanTune.Native.Tests;

/// <summary>The CPU mask follows llama.cpp's parse_cpu_mask: the last hex digit holds CPUs 0-3, its low bit CPU 0.</summary>
public sealed class CpuThreadpoolSettingsTests
{
    [Theory]
    [InlineData("0x1", new[] { 0 })]
    [InlineData("5", new[] { 0, 2 })]
    [InlineData("0xF0", new[] { 4, 5, 6, 7 })]
    [InlineData("0x8000", new[] { 15 })]
    [InlineData("0x0", new int[0])]
    public void TryParseMask_HexMask_SelectsTheCpusLlamaCppWould(string mask, int[] expected)
    {
        var ok = CpuThreadpoolSettings.TryParseMask(mask, out var cpus, out var error);

        Assert.True(ok, error);
        Assert.Equal(expected, Enumerable.Range(0, cpus.Length).Where(i => cpus[i]));
    }

    [Theory]
    [InlineData("0xZ1", "not hex")]
    [InlineData("0x", "1 to 128 hex digits")]
    public void Problem_BadMask_SaysWhatIsWrong(string mask, string expected)
    {
        var problem = new CpuThreadpoolSettings { CpuMask = mask }.Problem();

        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_PollOver100_IsRejected()
    {
        Assert.Contains("0..100", new CpuThreadpoolSettings { Poll = 101 }.Problem(), StringComparison.Ordinal);
    }
}
