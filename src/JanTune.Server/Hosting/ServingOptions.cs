using JanTune.Server.Threads;

namespace JanTune.Server.Hosting;

/// <summary>
/// The knobs only a server has: where it listens, who may call, how many requests it decodes together and queues.
/// They sit beside the tuned <see cref="Core.Sweeps.TrialConfig"/>, never in a copy of it.
/// </summary>
public sealed record ServingOptions
{
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>TCP port; 0 picks a free one (tests).</summary>
    public int Port { get; init; } = 1337;

    /// <summary>Bearer token (or X-Api-Key) clients must send; null = no authentication.</summary>
    public string? ApiKey { get; init; }

    /// <summary>Origins allowed by CORS; none by default, so browsers on other sites cannot read responses.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];

    /// <summary>Extra Host header values accepted besides the loopback names (DNS-rebinding defence).</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Slots: requests decoded together in one batch, each with the configuration's context.</summary>
    public int Parallel { get; init; } = 1;

    /// <summary>Requests that may wait for a slot before the server answers 503.</summary>
    public int QueueLimit { get; init; } = 16;

    /// <summary>
    /// One KV buffer for all slots (true) or one stream per slot (false). Per-slot streams make every request's
    /// output independent of what else is batched with it (bit-identical to running alone); a unified buffer
    /// interleaves slots' cells, which changes attention's rounding with the batch composition.
    /// </summary>
    public bool KvUnified { get; init; }

    /// <summary>How the thread count follows the load of the machine.</summary>
    public ThreadsMode ThreadsMode { get; init; } = ThreadsMode.Fixed;

    /// <summary>Largest request body accepted (413 beyond).</summary>
    public long MaxRequestBodyBytes { get; init; } = 1 << 20;
}
