namespace JanTune.Native;

/// <summary>The one place where llama.cpp return codes become exceptions (Microsoft.Data.Sqlite's ThrowExceptionForRC).</summary>
public static class LlamaStatus
{
    /// <summary>llama_decode: 0 ok, 1 no KV slot, 2 aborted, -1 invalid batch, &lt; -1 fatal.</summary>
    public static void ThrowIfDecodeFailed(int code)
    {
        switch (code)
        {
            case 0:
                return;
            case 1:
                throw new LlamaNativeException("the context is full: no KV cache slot for this batch", "use a larger context (--ctx) or a shorter prompt") { Code = code };
            case 2:
                throw new OperationCanceledException("llama_decode was aborted");
            case -1:
                throw new LlamaNativeException("llama.cpp rejected the batch as invalid (token id out of range or bad positions)") { Code = code };
            default:
                throw new LlamaNativeException($"llama_decode failed with code {code}", "run with --verbose to see llama.cpp's log") { Code = code };
        }
    }
}
