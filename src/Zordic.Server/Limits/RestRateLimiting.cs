using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Zordic.Server.Api;

namespace Zordic.Server.Limits;

/// <summary>
/// ASP.NET Core's rate limiter over HTTP: every request counts against its address and its user (a
/// global token bucket each), and asking the agents or importing MIDI against a smaller one of their own
/// (the <see cref="Agents"/> and <see cref="Imports"/> policies). Beyond a limit: 429 with
/// <c>Retry-After</c> and a problem with the code <c>rate_limited</c>.
/// </summary>
public static class RestRateLimiting
{
    public const string Agents = "agents", Imports = "imports";

    public static IServiceCollection AddStudioRateLimiting(this IServiceCollection services, RateLimits limits) =>
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => Bucket(AddressOf(http), limits.RestPerAddress)),
                PartitionedRateLimiter.Create<HttpContext, string>(http => Bucket("user:" + UserIdentity.Of(http.Request), limits.RestPerAddress)));
            o.AddPolicy(Agents, http => Bucket(AddressOf(http), limits.RestAgentsPerAddress));
            o.AddPolicy(Imports, http => Bucket(AddressOf(http), limits.RestImportsPerAddress));
            o.OnRejected = async (context, ct) =>
            {
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await Problems.Of(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests",
                    $"too many requests from this address or user; try again in {seconds} s").ExecuteAsync(context.HttpContext);
            };
        });

    static string AddressOf(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "local";

    static RateLimitPartition<string> Bucket(string key, Rate rate) =>
        RateLimitPartition.GetTokenBucketLimiter(key, _ => HubRateLimiter.Bucket(rate));
}
