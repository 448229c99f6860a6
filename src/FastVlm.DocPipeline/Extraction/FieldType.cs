using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>How a field's answer is normalised. Written in schemas in lower case (<c>string</c>, <c>date</c>, …).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FieldType>))]
public enum FieldType
{
    [JsonStringEnumMemberName("string")] String,
    [JsonStringEnumMemberName("number")] Number,
    [JsonStringEnumMemberName("currency")] Currency,
    [JsonStringEnumMemberName("date")] Date,
    [JsonStringEnumMemberName("boolean")] Boolean,
    [JsonStringEnumMemberName("enum")] Enum,
    [JsonStringEnumMemberName("list")] List,
    [JsonStringEnumMemberName("table")] Table,
}
