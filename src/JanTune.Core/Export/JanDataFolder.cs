using System.Text.Json;

namespace JanTune.Core.Export;

/// <summary>
/// Where Jan keeps its data, found the way Jan finds it (janhq/jan src-tauri/src/core/app/commands.rs,
/// resolve_jan_data_folder): $JAN_DATA_FOLDER; else the data_folder of Jan's app configuration
/// (&lt;data dir&gt;/Jan/settings.json, or the older &lt;data dir&gt;/jan.ai.app/settings.json and, on Linux,
/// ~/.config/Jan/settings.json); else &lt;data dir&gt;/Jan/data. The data dir is dirs::data_dir(): $XDG_DATA_HOME or
/// ~/.local/share on Linux, ~/Library/Application Support on macOS, %APPDATA% on Windows.
/// </summary>
public static class JanDataFolder
{
    /// <summary>Jan's data folder on this machine, or null when none exists.</summary>
    public static string? Find() => Find(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary>The same search with the environment and home folder given (tests).</summary>
    public static string? Find(Func<string, string?> env, string home)
    {
        ArgumentNullException.ThrowIfNull(env);
        var candidate = Resolve(env, home);
        return Directory.Exists(candidate) ? candidate : null;
    }

    /// <summary>Where Jan would put its data folder, whether or not it exists yet.</summary>
    public static string Resolve(Func<string, string?> env, string home)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (env("JAN_DATA_FOLDER") is { Length: > 0 } explicitFolder)
        {
            return explicitFolder;
        }

        var dataDir = DataDir(env, home);
        var configs = new List<string> { Path.Combine(dataDir, "Jan", "settings.json"), Path.Combine(dataDir, "jan.ai.app", "settings.json") };
        if (OperatingSystem.IsLinux())
        {
            configs.Add(Path.Combine(env("XDG_CONFIG_HOME") is { Length: > 0 } x ? x : Path.Combine(home, ".config"), "Jan", "settings.json"));
        }

        foreach (var config in configs.Where(File.Exists))
        {
            if (DataFolderOf(config) is { } folder)
            {
                return folder;
            }
        }

        return Path.Combine(dataDir, env("APP_NAME") is { Length: > 0 } app ? app : "Jan", "data");
    }

    private static string DataDir(Func<string, string?> env, string home)
    {
        if (OperatingSystem.IsWindows())
        {
            return env("APPDATA") ?? Path.Combine(home, "AppData", "Roaming");
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(home, "Library", "Application Support");
        }

        return env("XDG_DATA_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(home, ".local", "share");
    }

    private static string? DataFolderOf(string configFile)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(configFile));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("data_folder", out var f) && f.ValueKind == JsonValueKind.String
                ? f.GetString()
                : null;
        }
        catch (JsonException)
        {
            // Jan itself falls back to its default folder when its configuration does not parse.
            return null;
        }
    }
}
