using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace JanTune.Core.Export;

/// <summary>The YAML dialect of Jan and cortex: snake_case keys, nulls left out; numbers are culture-invariant in YamlDotNet.</summary>
internal static class YamlFormat
{
    public static ISerializer Serializer { get; } = new SerializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitNull)
        .Build();

    public static IDeserializer Deserializer { get; } = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    /// <summary>Reads a file written by someone else (Jan adds keys of its own): unknown keys are skipped.</summary>
    public static IDeserializer LenientDeserializer { get; } = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();
}
