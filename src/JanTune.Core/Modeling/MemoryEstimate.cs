namespace JanTune.Core.Modeling;

/// <summary>Memory a configuration is predicted to need, before anything is loaded.</summary>
/// <param name="RamBytes">Host memory: host-resident weights, repacked copies, host KV cache and compute buffer.</param>
/// <param name="VramBytes">Device memory: offloaded weights, device KV cache and device compute buffer (0 on CPU).</param>
public sealed record MemoryEstimate(long RamBytes, long VramBytes)
{
    public long TotalBytes => RamBytes + VramBytes;
}
