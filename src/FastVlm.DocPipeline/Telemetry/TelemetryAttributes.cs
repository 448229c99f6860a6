namespace FastVlm.DocPipeline.Telemetry;

/// <summary>Attribute (tag) names on the spans and metrics of <see cref="DocPipelineTelemetry"/>.</summary>
public static class TelemetryAttributes
{
    public const string DocumentId = "docpipe.document.id";
    public const string RunId = "docpipe.run.id";
    public const string Source = "docpipe.source";
    public const string Schema = "docpipe.schema";
    public const string Status = "docpipe.status";
    public const string NeedsReview = "docpipe.needs_review";
    public const string PageCount = "docpipe.page_count";
    public const string PagesExtracted = "docpipe.pages.extracted";
    public const string PagesFailed = "docpipe.pages.failed";
    public const string RangeFirstPage = "docpipe.range.first_page";
    public const string RangeMaxPages = "docpipe.range.max_pages";
    public const string RangePages = "docpipe.range.pages";
    public const string Page = "docpipe.page";
    public const string Outcome = "docpipe.outcome";
    public const string Stage = "docpipe.stage";
    public const string Field = "docpipe.field";
    public const string FieldCount = "docpipe.fields";
    public const string ImageTokens = "docpipe.model.image_tokens";
    public const string EncodeMs = "docpipe.model.encode_ms";
    public const string PrefillMs = "docpipe.model.prefill_ms";
    public const string TimeToFirstTokenMs = "docpipe.model.ttft_ms";
    public const string DecodeMs = "docpipe.model.decode_ms";
    public const string DecodedTokens = "docpipe.model.decoded_tokens";
    public const string TokensPerSecond = "docpipe.model.tokens_per_second";
    public const string FinishReason = "gen_ai.response.finish_reasons";
    public const string InputTokens = "gen_ai.usage.input_tokens";
    public const string OutputTokens = "gen_ai.usage.output_tokens";

    /// <summary>OpenTelemetry's semantic-convention name for an error's kind; here the stable error code.</summary>
    public const string ErrorType = "error.type";
}
