using System.Diagnostics;
using System.Text.Json;
using JanTune.Core.Processes;

namespace JanTune.Core.Backends;

/// <summary>
/// Runs a tiny decode on one backend in its own process (a process binds one llama.cpp build, and a broken GPU
/// build may abort), and explains a failure from the process's output.
/// </summary>
public static class BackendVerifier
{
    public static BackendProbeResult Verify(string backend, string modelPath, TimeSpan timeout)
    {
        var psi = SelfProcess.StartInfo(["backends", "probe", backend, "--model", modelPath]);
        using var process = Process.Start(psi) ?? throw new JanTuneException("could not start a probe process");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return new BackendProbeResult(backend, false, $"the probe hung for {timeout.TotalSeconds:F0} s and was killed", null, [], null);
        }

        var output = stdout.Result;
        var errors = stderr.Result;
        var line = output.Split('\n').LastOrDefault(l => l.TrimStart().StartsWith('{'));
        if (process.ExitCode == 0 && line is not null)
        {
            return JsonSerializer.Deserialize<BackendProbeResult>(line) ?? throw new JanTuneException("the probe printed no result");
        }

        var all = errors + "\n" + output;
        var reason = NativeFailureDiagnosis.Diagnose(all)
            ?? $"the probe exited with code {process.ExitCode}{Signal(process.ExitCode)}: {NativeFailureDiagnosis.Tail(all)}";
        if (line is not null && JsonSerializer.Deserialize<BackendProbeResult>(line) is { } partial)
        {
            return partial with { Reason = NativeFailureDiagnosis.Diagnose(partial.Reason ?? string.Empty) ?? partial.Reason };
        }

        return new BackendProbeResult(backend, false, reason, null, [], null);
    }

    private static string Signal(int exitCode) => exitCode switch
    {
        134 => " (SIGABRT: llama.cpp aborted)",
        137 => " (SIGKILL: killed, often out of memory)",
        139 => " (SIGSEGV: crashed)",
        _ => string.Empty,
    };
}
