using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Zordic.Collab.Json;

namespace Zordic.Server.Api;

/// <summary>The JSON conventions of the API and the hub: snake_case, like the seed's messages.</summary>
public static class StudioJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.TypeInfoResolverChain.Insert(0, CollabJson.Default);
        if (!options.TypeInfoResolverChain.OfType<DefaultJsonTypeInfoResolver>().Any()) options.TypeInfoResolverChain.Add(new DefaultJsonTypeInfoResolver());
        options.Converters.Add(new VersionVectorJsonConverter());
        options.Converters.Add(new OperationTypeJsonConverter());
        return options;
    }
}
