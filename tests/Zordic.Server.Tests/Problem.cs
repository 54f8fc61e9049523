using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Zordic.Server.Tests;

/// <summary>Checks that a response is an RFC 7807 problem with the expected status and code.</summary>
public static class Problem
{
    public static async Task AssertAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
    }
}
