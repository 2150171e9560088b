namespace Siamese.Cli.Api;

/// <summary>The functions app refused a request: its HTTP status and the problem details' code and detail.</summary>
public sealed class ApiProblemException(int status, string code, string detail) : Exception($"{code}: {detail}")
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Detail { get; } = detail;

    /// <summary>The request's fault (4xx: bad input, exit code 2) rather than the app's (5xx).</summary>
    public bool IsClientError => Status is >= 400 and < 500;
}
