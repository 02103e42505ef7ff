using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace JanTune.Server.Api;

/// <summary>
/// A request that cannot be served, with the status and OpenAI error it maps to. Thrown by validation and
/// admission, caught by each handler and turned into a typed result, so no client mistake becomes a 500.
/// </summary>
public sealed class ApiException : Exception
{
    public ApiException(int status, string message, string type, string? param = null, string? code = null, int? retryAfterSeconds = null)
        : base(message)
    {
        Status = status;
        Type = type;
        Param = param;
        Code = code;
        RetryAfterSeconds = retryAfterSeconds;
    }

    public ApiException()
        : this(500, "internal error", "server_error")
    {
    }

    public ApiException(string message)
        : this(400, message, "invalid_request_error")
    {
    }

    public ApiException(string message, Exception innerException)
        : base(message, innerException)
    {
        Status = 500;
        Type = "server_error";
    }

    public int Status { get; }

    public string Type { get; }

    public string? Param { get; }

    public string? Code { get; }

    public int? RetryAfterSeconds { get; }

    /// <summary>A 400 invalid_request_error naming the offending field.</summary>
    public static ApiException Invalid(string message, string? param, string? code = null) => new(400, message, "invalid_request_error", param, code);

    /// <summary>The typed result for this error; sets Retry-After when there is one.</summary>
    public JsonHttpResult<OpenAiErrorBody> ToResult(HttpContext http)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return ApiErrors.Result(Status, Message, Type, Param, Code);
    }
}
