namespace JanTune.Core.Telemetry;

/// <summary>Creates <see cref="Reading{T}"/> values.</summary>
public static class Reading
{
    /// <summary>A measured value.</summary>
    public static Reading<T> Of<T>(T value)
        where T : struct => new(value, null);

    /// <summary>No value, and why: name the source and the cause, for example <c>NVML: libnvidia-ml.so.1 not found</c>.</summary>
    public static Reading<T> Unavailable<T>(string reason)
        where T : struct
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(null, reason);
    }
}
