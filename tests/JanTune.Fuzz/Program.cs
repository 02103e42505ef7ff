using JanTune.Fuzz;
using SharpFuzz;

// Usage: JanTune.Fuzz TARGET            run under afl-fuzz (scripts/fuzz.sh), input on stdin
//        JanTune.Fuzz TARGET FILE|DIR... run each input once (replay a corpus or a crash); exit 1 on the first crash
if (args.Length == 0 || !FuzzTargets.All.TryGetValue(args[0], out var target))
{
    Console.Error.WriteLine($"usage: JanTune.Fuzz {{{string.Join('|', FuzzTargets.All.Keys)}}} [FILE|DIR...]");
    return 2;
}

if (args.Length == 1)
{
    Fuzzer.Run(stream =>
    {
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        target(copy.ToArray());
    });
    return 0;
}

var files = args.Skip(1).SelectMany(a => Directory.Exists(a) ? Directory.EnumerateFiles(a, "*", SearchOption.AllDirectories) : [a]).Order(StringComparer.Ordinal);
var count = 0;
foreach (var file in files.Where(f => !f.EndsWith("README.txt", StringComparison.Ordinal)))
{
    try
    {
        target(File.ReadAllBytes(file));
        count++;
    }
    catch (Exception ex)
    {
        Console.Error.WriteLine($"{args[0]}: {file} crashes the target: {ex}");
        return 1;
    }
}

Console.WriteLine($"{args[0]}: {count} inputs replayed, no crash");
return 0;
