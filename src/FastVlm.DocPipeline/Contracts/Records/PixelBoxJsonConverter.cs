using System.Text.Json;
using System.Text.Json.Serialization;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>Reads and writes a <see cref="PixelBox"/> as <c>[left, top, right, bottom]</c>, rounded to 0.1 px.</summary>
public sealed class PixelBoxJsonConverter : JsonConverter<PixelBox>
{
    public override PixelBox Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException("A box is an array [left, top, right, bottom].");
        }

        Span<double> values = stackalloc double[4];
        for (var i = 0; i < 4; i++)
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
            {
                throw new JsonException("A box is an array of four numbers [left, top, right, bottom].");
            }

            values[i] = reader.GetDouble();
        }

        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A box has exactly four numbers [left, top, right, bottom].");
        }

        return new PixelBox(values[0], values[1], values[2], values[3]);
    }

    public override void Write(Utf8JsonWriter writer, PixelBox value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(Math.Round(value.Left, 1));
        writer.WriteNumberValue(Math.Round(value.Top, 1));
        writer.WriteNumberValue(Math.Round(value.Right, 1));
        writer.WriteNumberValue(Math.Round(value.Bottom, 1));
        writer.WriteEndArray();
    }
}
