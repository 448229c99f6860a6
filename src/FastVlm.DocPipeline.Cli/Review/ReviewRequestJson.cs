using System.Text.Json;
using FastVlm.DocPipeline.Contracts.Records;

namespace FastVlm.DocPipeline.Cli.Review;

/// <summary>
/// How the review API reads request bodies: the result JSON conventions, but a property given twice is an error,
/// not "the last one wins" (two parsers reading one body differently is how checks get bypassed).
/// </summary>
internal static class ReviewRequestJson
{
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(ResultJson.Options) { AllowDuplicateProperties = false };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
