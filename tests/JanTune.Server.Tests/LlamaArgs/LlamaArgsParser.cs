using System.Diagnostics;
using System.Text.Json;
using JanTune.Core;
using JanTune.Core.Backends;

namespace JanTune.Server.Tests.LlamaArgs;

/// <summary>
/// llama-server's own argument parser: tests/llama-args/parse.cpp (common_params_parse of the pinned llama.cpp)
/// built once per test run by tests/llama-args/build.sh against the pinned headers and the npm libllama-common.so.
/// </summary>
internal static class LlamaArgsParser
{
    private static readonly Lazy<Task<string>> Program = new(BuildAsync);

    /// <summary>Why the parser cannot be built here, or null when it can.</summary>
    public static string? Missing { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Any(d => File.Exists(Path.Combine(d, "g++")))
        ? null
        : "g++ is not installed: llama-server's argument parser (tests/llama-args/parse.cpp) cannot be compiled; install g++ to run this check";

    /// <summary>Runs an exported llama-server script with the parser standing in for llama-server; returns the parsed fields.</summary>
    public static async Task<JsonElement> ParseScriptAsync(string script)
    {
        var program = await Program.Value;
        var bin = Directory.CreateTempSubdirectory("jantune-llama-server-").FullName;
        try
        {
            File.CreateSymbolicLink(Path.Combine(bin, "llama-server"), program);
            var psi = new ProcessStartInfo("sh") { ArgumentList = { script } };
            psi.Environment["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            return await RunAsync(psi);
        }
        finally
        {
            Directory.Delete(bin, recursive: true);
        }
    }

    /// <summary>Parses llama-server arguments (without the program name).</summary>
    public static async Task<JsonElement> ParseAsync(IEnumerable<string> args)
    {
        var psi = new ProcessStartInfo(await Program.Value);
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return await RunAsync(psi);
    }

    private static async Task<JsonElement> RunAsync(ProcessStartInfo psi)
    {
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"llama-server's parser rejected the arguments (exit {p.ExitCode}): {await stderr}");
        }

        using var doc = JsonDocument.Parse(await stdout);
        return doc.RootElement.Clone();
    }

    private static async Task<string> BuildAsync()
    {
        var repo = JanTunePaths.Discover();
        new LlamaSource(repo).Ensure(_ => { });
        new BackendInstaller(repo).EnsureInstalled("cpu");
        var psi = new ProcessStartInfo("sh") { ArgumentList = { Path.Combine(repo.Root, "tests", "llama-args", "build.sh"), repo.Root }, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"tests/llama-args/build.sh failed (exit {p.ExitCode}): {await stderr}");
        }

        return (await stdout).Trim();
    }
}
