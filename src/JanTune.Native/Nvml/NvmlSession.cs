using System.Runtime.InteropServices;
using System.Text;

namespace JanTune.Native.Nvml;

/// <summary>
/// An initialized NVML with its device handles. NVML reference-counts init/shutdown, so sessions may overlap.
/// Handles are plain pointers owned by the driver; they stay valid until shutdown, which <see cref="Dispose"/> calls.
/// </summary>
internal sealed unsafe class NvmlSession : IDisposable
{
    private readonly nint[] _devices;
    private bool _disposed;

    private NvmlSession(nint[] devices, string[] names)
    {
        _devices = devices;
        Names = names;
    }

    /// <summary>Device names in NVML index order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>Opens NVML, or returns null with the reason it is unavailable.</summary>
    public static NvmlSession? TryOpen(out string? reason)
    {
        try
        {
            var result = NvmlInterop.Init();
            if (result != NvmlInterop.Success)
            {
                reason = $"nvmlInit failed: {Describe(result)}";
                return null;
            }

            return OpenDevices(out reason);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            reason = $"{NvmlInterop.Library} not found (no NVIDIA driver)";
            return null;
        }
    }

    /// <summary>Polls device <paramref name="index"/>; unsupported queries come back null.</summary>
    public NvmlDeviceReading Read(int index)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var device = _devices[index];
        var hasMemory = NvmlInterop.DeviceGetMemoryInfo(device, out var memory) == NvmlInterop.Success;
        var hasUtil = NvmlInterop.DeviceGetUtilizationRates(device, out var util) == NvmlInterop.Success;
        var hasPower = NvmlInterop.DeviceGetPowerUsage(device, out var milliwatts) == NvmlInterop.Success;
        var hasEnergy = NvmlInterop.DeviceGetTotalEnergyConsumption(device, out var energy) == NvmlInterop.Success;
        return new NvmlDeviceReading(
            hasMemory ? (long)memory.Used : null,
            hasMemory ? (long)memory.Total : null,
            hasUtil ? util.Gpu : null,
            hasPower ? milliwatts / 1000.0 : null,
            hasEnergy ? energy : null);
    }

    public void Dispose()
    {
        if (!_disposed)
        {
            _disposed = true;
            _ = NvmlInterop.Shutdown();
        }
    }

    private static NvmlSession? OpenDevices(out string? reason)
    {
        var result = NvmlInterop.DeviceGetCount(out var count);
        if (result != NvmlInterop.Success)
        {
            _ = NvmlInterop.Shutdown();
            reason = $"nvmlDeviceGetCount failed: {Describe(result)}";
            return null;
        }

        var devices = new nint[count];
        var names = new string[count];
        var buffer = stackalloc byte[NvmlInterop.NameBufferSize];
        for (var i = 0u; i < count; i++)
        {
            _ = NvmlInterop.DeviceGetHandleByIndex(i, out devices[i]);
            names[i] = NvmlInterop.DeviceGetName(devices[i], buffer, NvmlInterop.NameBufferSize) == NvmlInterop.Success
                ? Marshal.PtrToStringUTF8((nint)buffer) ?? $"GPU {i}"
                : $"GPU {i}";
        }

        reason = null;
        return new NvmlSession(devices, names);
    }

    private static string Describe(int result)
    {
        var text = NvmlInterop.ErrorString(result);
        return text is null ? $"error {result}" : Encoding.UTF8.GetString(MemoryMarshal.CreateReadOnlySpanFromNullTerminated(text));
    }
}
