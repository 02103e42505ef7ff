using JanTune.Native.Interop;

namespace JanTune.Native;

/// <summary>One ggml device: its registry (backend) name, device name and description, kind and memory.</summary>
public sealed record NativeDevice(int Index, string Registry, string Name, string Description, GgmlDeviceType Type, long FreeBytes, long TotalBytes);
