using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Reflection;

namespace FastVlm.DocPipeline.Telemetry;

/// <summary>
/// The product's one <see cref="ActivitySource"/> and one <see cref="Meter"/>. Spans nest
/// document → range → page → field; hosts export them by subscribing to <see cref="Name"/>
/// (OpenTelemetry: <c>AddSource(Name)</c> and <c>AddMeter(Name)</c>).
/// </summary>
public static class DocPipelineTelemetry
{
    /// <summary>The name of both the activity source and the meter.</summary>
    public const string Name = "FastVlm.DocPipeline";

    /// <summary>One document run of the in-process host (the Functions host has Durable's orchestration span instead).</summary>
    public const string DocumentSpan = "docpipe.document";

    /// <summary>A bounded page range: its rasterisation and the extraction of its pages.</summary>
    public const string RangeSpan = "docpipe.range";

    /// <summary>One attempt at extracting a page: encode once, then every field question.</summary>
    public const string PageSpan = "docpipe.page";

    /// <summary>One field question on an encoded page: prefill and decode.</summary>
    public const string FieldSpan = "docpipe.field";

    private static readonly string? Version =
        typeof(DocPipelineTelemetry).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;

    public static ActivitySource Source { get; } = new(Name, Version);

    public static Meter Meter { get; } = new(Name, Version);
}
