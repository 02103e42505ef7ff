namespace JanTune.Core.Hardware;

/// <summary>The kind of compute device ggml reports (mirrors <c>enum ggml_backend_dev_type</c>).</summary>
public enum DeviceType
{
    /// <summary>The host CPU; its memory is system RAM.</summary>
    Cpu,

    /// <summary>A discrete GPU with its own memory.</summary>
    Gpu,

    /// <summary>An integrated GPU that shares system RAM.</summary>
    Igpu,

    /// <summary>Any other accelerator (BLAS, NPU and the like).</summary>
    Accel,
}
