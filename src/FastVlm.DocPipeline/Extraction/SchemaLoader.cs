using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Reads extraction schemas from JSON and validates them, collecting every problem with the path of the
/// offending value. Resolves <c>--schema</c> arguments: a file path, else a built-in schema name.
/// </summary>
public static partial class SchemaLoader
{
    private static readonly string[] TopLevelProperties =
        ["$schema", "name", "version", "description", "reviewThreshold", "locale", "dateOrder", "currency", "fields"];

    private static readonly string[] FieldProperties =
        ["name", "question", "type", "required", "pageHint", "postPrompt", "values", "locale", "dateOrder", "currency", "maxTokens", "description"];

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    /// <summary>Resolves a file path or a built-in schema name (<c>invoice</c>, <c>receipt</c>, …).</summary>
    /// <exception cref="SchemaNotFoundException">Neither a file nor a built-in name.</exception>
    /// <exception cref="SchemaValidationException">The schema is invalid.</exception>
    public static async Task<ExtractionSchema> ResolveAsync(string nameOrPath, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrPath);
        if (File.Exists(nameOrPath))
        {
            return await LoadFileAsync(nameOrPath, cancellationToken).ConfigureAwait(false);
        }

        var builtIn = EmbeddedSchemas.TryGetJson(nameOrPath);
        if (builtIn is not null)
        {
            return Parse(builtIn, $"built-in:{nameOrPath}");
        }

        throw new SchemaNotFoundException(nameOrPath, EmbeddedSchemas.Names);
    }

    public static async Task<ExtractionSchema> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(json, path);
    }

    /// <summary>Parses and validates a schema; <paramref name="source"/> names it in error messages.</summary>
    public static ExtractionSchema Parse(string json, string source = "schema")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new SchemaValidationException(source, [$"$: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            var schema = ReadSchema(document.RootElement, errors);
            SchemaQuestionRules.Check(schema, errors);
            if (errors.Count > 0 || schema is null)
            {
                throw new SchemaValidationException(source, errors);
            }

            return schema;
        }
    }

    private static ExtractionSchema? ReadSchema(JsonElement root, List<string> errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"$: expected an object with 'name', 'version' and 'fields', got {Describe(root)}");
            return null;
        }

        CheckUnknownProperties(root, "", TopLevelProperties, errors);
        var name = ReadString(root, "name", "name", required: true, errors);
        if (name is not null && !SchemaNamePattern().IsMatch(name))
        {
            errors.Add($"name: '{name}' is not a valid schema name (lower-case letters, digits, '.', '_' or '-', starting with a letter or digit)");
        }

        var version = ReadVersion(root, errors);
        var description = ReadString(root, "description", "description", required: false, errors);
        var threshold = ReadNumber(root, "reviewThreshold", "reviewThreshold", errors);
        if (threshold is < 0 or > 1)
        {
            errors.Add($"reviewThreshold: {threshold.Value.ToString(CultureInfo.InvariantCulture)} is outside 0..1");
        }

        var locale = ReadLocale(root, "locale", errors);
        var dateOrder = ReadDateOrder(root, "dateOrder", errors);
        var currency = ReadCurrency(root, "currency", errors);
        var fields = ReadFields(root, errors);

        if (name is null || version is null || fields is null)
        {
            return null;
        }

        return new ExtractionSchema
        {
            Name = name,
            Version = version,
            Description = description,
            ReviewThreshold = threshold ?? ExtractionSchema.DefaultReviewThreshold,
            Locale = locale,
            DateOrder = dateOrder,
            Currency = currency,
            Fields = fields,
        };
    }

    private static List<SchemaField>? ReadFields(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("fields", out var array))
        {
            errors.Add("fields: missing (an array of fields is required)");
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            errors.Add($"fields: expected an array, got {Describe(array)}");
            return null;
        }

        if (array.GetArrayLength() == 0)
        {
            errors.Add("fields: must contain at least one field");
            return null;
        }

        var fields = new List<SchemaField>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"fields[{index}]";
            var field = ReadField(element, path, errors);
            if (field is not null)
            {
                if (seen.TryGetValue(field.Name, out var first))
                {
                    errors.Add($"{path}.name: duplicate field name '{field.Name}' (already used by fields[{first}])");
                }
                else
                {
                    seen[field.Name] = index;
                }

                fields.Add(field);
            }

            index++;
        }

        return fields;
    }

    private static SchemaField? ReadField(JsonElement element, string path, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{path}: expected an object, got {Describe(element)}");
            return null;
        }

        var errorCount = errors.Count;
        CheckUnknownProperties(element, path + ".", FieldProperties, errors);
        var name = ReadString(element, "name", path + ".name", required: true, errors);
        if (name is not null && !FieldNamePattern().IsMatch(name))
        {
            errors.Add($"{path}.name: '{name}' is not a valid field name (letters, digits and '_', starting with a letter or '_')");
        }

        var question = ReadString(element, "question", path + ".question", required: true, errors);
        var type = FieldType.String;
        if (element.TryGetProperty("type", out var typeElement))
        {
            type = ReadEnum<FieldType>(typeElement, path + ".type", "type", errors) ?? FieldType.String;
        }

        var required = false;
        if (element.TryGetProperty("required", out var requiredElement))
        {
            if (requiredElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                required = requiredElement.GetBoolean();
            }
            else
            {
                errors.Add($"{path}.required: expected true or false, got {Describe(requiredElement)}");
            }
        }

        var pageHint = PageHint.Any;
        if (element.TryGetProperty("pageHint", out var hintElement))
        {
            pageHint = ReadEnum<PageHint>(hintElement, path + ".pageHint", "page hint", errors) ?? PageHint.Any;
        }

        string? postPrompt = null;
        if (element.TryGetProperty("postPrompt", out var postPromptElement))
        {
            if (postPromptElement.ValueKind == JsonValueKind.String)
            {
                postPrompt = postPromptElement.GetString();
            }
            else
            {
                errors.Add($"{path}.postPrompt: expected a string, got {Describe(postPromptElement)}");
            }
        }

        var values = ReadValues(element, path, type, errors);
        var locale = ReadLocale(element, path + ".locale", errors);
        var dateOrder = ReadDateOrder(element, path + ".dateOrder", errors);
        var currency = ReadCurrency(element, path + ".currency", errors);
        int? maxTokens = null;
        if (ReadNumber(element, "maxTokens", path + ".maxTokens", errors) is { } max)
        {
            if (max != Math.Floor(max) || max < 1 || max > 1024)
            {
                errors.Add($"{path}.maxTokens: expected a whole number from 1 to 1024, got {max.ToString(CultureInfo.InvariantCulture)}");
            }
            else
            {
                maxTokens = (int)max;
            }
        }

        if (name is null || question is null || errors.Count > errorCount)
        {
            return name is null ? null : new SchemaField { Name = name, Question = question ?? "" };
        }

        return new SchemaField
        {
            Name = name,
            Question = question,
            Type = type,
            Required = required,
            PageHint = pageHint,
            PostPrompt = postPrompt,
            Values = values,
            Locale = locale,
            DateOrder = dateOrder,
            Currency = currency,
            MaxTokens = maxTokens,
        };
    }

    private static List<string>? ReadValues(JsonElement element, string path, FieldType type, List<string> errors)
    {
        if (!element.TryGetProperty("values", out var valuesElement))
        {
            if (type == FieldType.Enum)
            {
                errors.Add($"{path}.values: an enum field needs 'values', a non-empty array of allowed strings");
            }

            return null;
        }

        if (type != FieldType.Enum)
        {
            errors.Add($"{path}.values: only enum fields take 'values' (this field's type is '{Wire(type)}')");
            return null;
        }

        if (valuesElement.ValueKind != JsonValueKind.Array || valuesElement.GetArrayLength() == 0)
        {
            errors.Add($"{path}.values: expected a non-empty array of strings, got {Describe(valuesElement)}");
            return null;
        }

        var values = new List<string>();
        var index = 0;
        foreach (var value in valuesElement.EnumerateArray())
        {
            var valuePath = $"{path}.values[{index++}]";
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                errors.Add($"{valuePath}: expected a non-empty string, got {Describe(value)}");
                continue;
            }

            var text = value.GetString()!.Trim();
            if (values.Any(v => EnumMatcher.Canonical(v) == EnumMatcher.Canonical(text)))
            {
                errors.Add($"{valuePath}: duplicate value '{text}'");
                continue;
            }

            values.Add(text);
        }

        return values;
    }

    private static string? ReadVersion(JsonElement root, List<string> errors)
    {
        if (!root.TryGetProperty("version", out var element))
        {
            errors.Add("version: missing (for example \"1\"; a new version re-extracts documents)");
            return null;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(element.GetString()):
                return element.GetString()!.Trim();
            case JsonValueKind.Number:
                return element.GetRawText();
            default:
                errors.Add($"version: expected a non-empty string or a number, got {Describe(element)}");
                return null;
        }
    }

    private static string? ReadString(JsonElement parent, string property, string path, bool required, List<string> errors)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            if (required)
            {
                errors.Add($"{path}: missing (a non-empty string is required)");
            }

            return null;
        }

        if (element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(element.GetString()))
        {
            errors.Add($"{path}: expected a non-empty string, got {Describe(element)}");
            return null;
        }

        return element.GetString()!.Trim();
    }

    private static double? ReadNumber(JsonElement parent, string property, string path, List<string> errors)
    {
        if (!parent.TryGetProperty(property, out var element))
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Number)
        {
            errors.Add($"{path}: expected a number, got {Describe(element)}");
            return null;
        }

        return element.GetDouble();
    }

    private static string? ReadLocale(JsonElement parent, string path, List<string> errors)
    {
        var property = path[(path.LastIndexOf('.') + 1)..];
        var locale = ReadString(parent, property, path, required: false, errors);
        if (locale is null)
        {
            return null;
        }

        try
        {
            _ = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
            return locale;
        }
        catch (CultureNotFoundException)
        {
            errors.Add($"{path}: unknown locale '{locale}' (expected a culture name such as en-US, en-GB, de-DE, fr-FR)");
            return null;
        }
    }

    private static DateOrder? ReadDateOrder(JsonElement parent, string path, List<string> errors)
    {
        var property = path[(path.LastIndexOf('.') + 1)..];
        return parent.TryGetProperty(property, out var element) ? ReadEnum<DateOrder>(element, path, "date order", errors) : null;
    }

    private static string? ReadCurrency(JsonElement parent, string path, List<string> errors)
    {
        var property = path[(path.LastIndexOf('.') + 1)..];
        var currency = ReadString(parent, property, path, required: false, errors);
        if (currency is not null && !CurrencyCodePattern().IsMatch(currency))
        {
            errors.Add($"{path}: '{currency}' is not an ISO 4217 code (three capital letters such as USD, EUR)");
            return null;
        }

        return currency;
    }

    private static T? ReadEnum<T>(JsonElement element, string path, string what, List<string> errors)
        where T : struct, Enum
    {
        var expected = string.Join(", ", Enum.GetValues<T>().Select(v => Wire(v)));
        if (element.ValueKind != JsonValueKind.String)
        {
            errors.Add($"{path}: expected one of {expected}, got {Describe(element)}");
            return null;
        }

        var text = element.GetString()!;
        foreach (var value in Enum.GetValues<T>())
        {
            if (string.Equals(Wire(value), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        errors.Add($"{path}: unknown {what} '{text}' (expected one of {expected})");
        return null;
    }

    private static void CheckUnknownProperties(JsonElement element, string prefix, string[] known, List<string> errors)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name, StringComparer.Ordinal))
            {
                var suggestion = known.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? known.Where(k => EnumMatcher.EditDistance(k.ToLowerInvariant(), property.Name.ToLowerInvariant()) <= 2)
                        .FirstOrDefault();
                var hint = suggestion is null ? $"expected one of {string.Join(", ", known.Where(k => k != "$schema"))}" : $"did you mean '{suggestion}'?";
                errors.Add($"{prefix}{property.Name}: unknown property ({hint})");
            }
        }
    }

    /// <summary>The spelling of an enum value in schema JSON (<c>string</c>, <c>first</c>, <c>dmy</c>).</summary>
    internal static string Wire<T>(T value)
        where T : struct, Enum
    {
        var member = typeof(T).GetField(value.ToString())!;
        var attribute = (System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute?)Attribute.GetCustomAttribute(
            member, typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute));
        return attribute?.Name ?? value.ToString().ToLowerInvariant();
    }

    private static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString(),
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex SchemaNamePattern();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex FieldNamePattern();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCodePattern();
}
