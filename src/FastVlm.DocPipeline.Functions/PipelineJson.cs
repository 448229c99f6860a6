using System.Text.Json;
using Azure.Core.Serialization;
using FastVlm.DocPipeline.Contracts.Records;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Converters;

namespace FastVlm.DocPipeline.Functions;

/// <summary>
/// The app's one JSON shape (<see cref="ResultJson.Options"/>) for Durable payloads, HTTP bodies and stored
/// records. The worker takes it as <see cref="WorkerSerializer"/> (the Durable extension derives its data
/// converter from the worker's serializer); tests give <see cref="DataConverter"/> to the Durable test host.
/// </summary>
public static class PipelineJson
{
    public static JsonSerializerOptions Options => ResultJson.Options;

    public static ObjectSerializer WorkerSerializer { get; } = new JsonObjectSerializer(Options);

    public static DataConverter DataConverter { get; } = new JsonDataConverter(Options);
}
