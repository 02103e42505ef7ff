using System.Text;
using System.Text.Json;

namespace JanTune.Server.Tests.Fixtures;

/// <summary>Reads a raw SSE response: the data payloads, in order.</summary>
internal static class Sse
{
    public static async Task<List<string>> ReadDataAsync(HttpResponseMessage response, CancellationToken cancellationToken = default)
    {
        var data = new List<string>();
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Add(line["data: ".Length..]);
            }
        }

        return data;
    }

    /// <summary>The concatenated delta contents of chat chunks.</summary>
    public static string ChatText(IEnumerable<string> data)
    {
        var text = new StringBuilder();
        foreach (var d in data.Where(d => d != "[DONE]"))
        {
            using var doc = JsonDocument.Parse(d);
            foreach (var choice in doc.RootElement.GetProperty("choices").EnumerateArray())
            {
                if (choice.GetProperty("delta").TryGetProperty("content", out var c))
                {
                    text.Append(c.GetString());
                }
            }
        }

        return text.ToString();
    }
}
