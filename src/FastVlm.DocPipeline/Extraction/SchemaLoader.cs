using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FastVlm.DocPipeline.Contracts.Configuration;

namespace FastVlm.DocPipeline.Extraction;

/// <summary>
/// Reads extraction schemas from JSON and validates them, collecting every problem with the path of the
/// offending value. Resolves <c>--schema</c> arguments: a file path, else a built-in schema name.
/// </summary>
public static partial class SchemaLoader
{
    /// <summary>Longest <c>classifyAs</c> label: a document type, not a prompt.</summary>
    public const int MaxClassifyLabelLength = 64;

    /// <summary>
    /// Most fields one schema may have. Every field is one question per page: 200 is over ten times the largest
    /// built-in schema, keeps a page to a few hundred short generations and its stored answers small; 5,000 fields
    /// took 13.4 s and 1.33 GB for one page. A bigger document type is several schemas (<c>--schema auto</c>).
    /// </summary>
    public const int MaxFields = 200;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly string[] TopLevelProperties =
        ["$schema", "name", "version", "description", "reviewThreshold", "locale", "dateOrder", "currency", "classifyAs", "fields", "rules"];

    private static readonly string[] FieldProperties =
        ["name", "question", "type", "required", "pageHint", "postPrompt", "values", "locale", "dateOrder", "currency", "maxTokens", "description", "columns", "maxRows", "reviewThreshold"];

    private static readonly string[] ColumnProperties = ["name", "type", "header", "required", "description"];

    private static readonly string[] RuleProperties = ["rule", "forEach", "description"];

    private static readonly FieldType[] ColumnTypes = [FieldType.String, FieldType.Number, FieldType.Currency, FieldType.Date, FieldType.Boolean];

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

    /// <exception cref="SchemaValidationException">The file is not valid UTF-8, or the schema is invalid.</exception>
    public static async Task<ExtractionSchema> LoadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        return Parse(DecodeUtf8(bytes, path), path);
    }

    /// <summary>The text of a schema file; invalid UTF-8 is an error naming its byte, never replaced with U+FFFD.</summary>
    private static string DecodeUtf8(byte[] bytes, string source)
    {
        var start = bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]) ? 3 : 0;
        try
        {
            return StrictUtf8.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? string.Create(CultureInfo.InvariantCulture, $" at byte {start + e.Index + 1:N0}") : "";
            throw new SchemaValidationException(source, [$"$: not valid UTF-8{at}; save the schema as UTF-8"]);
        }
    }

    /// <summary>Parses and validates a schema; <paramref name="source"/> names it in error messages.</summary>
    public static ExtractionSchema Parse(string json, string source = "schema")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, JsonConfigReader.LenientOptions);
        }
        catch (JsonException e)
        {
            throw new SchemaValidationException(source, [$"$: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}"]);
        }

        using (document)
        {
            var errors = new List<string>();
            var schema = ReadSchema(JsonConfigReader.Root(document.RootElement, (location, problem) => errors.Add($"{location}: {problem}")), errors);
            SchemaQuestionRules.Check(schema, errors);
            if (errors.Count > 0 || schema is null)
            {
                throw new SchemaValidationException(source, errors);
            }

            return schema;
        }
    }

    private static ExtractionSchema? ReadSchema(JsonConfigReader root, List<string> errors)
    {
        if (root.Kind != JsonValueKind.Object)
        {
            root.Report($"expected an object with 'name', 'version' and 'fields', got {JsonConfigReader.Describe(root.Element)}");
            return null;
        }

        CheckUnknownProperties(root, TopLevelProperties);
        var name = root.String("name", required: true);
        if (name is not null && !SchemaNamePattern().IsMatch(name))
        {
            root.ReportAt("name", $"'{name}' is not a valid schema name (lower-case letters, digits, '.', '_' or '-', starting with a letter or digit)");
        }

        var version = ReadVersion(root);
        var description = root.String("description");
        var threshold = root.Number("reviewThreshold", min: 0, max: 1);
        var locale = ReadLocale(root);
        var dateOrder = root.Enum<DateOrder>("dateOrder", "date order", Wire);
        var currency = ReadCurrency(root);
        var classifyAs = ReadClassifyAs(root);
        var fields = ReadFields(root, errors);
        var rules = fields is null ? [] : ReadRules(root, fields);

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
            ClassifyAs = classifyAs,
            Fields = fields,
            Rules = rules,
        };
    }

    private static string[]? ReadClassifyAs(JsonConfigReader root)
    {
        if (!root.TryGet("classifyAs", out var value))
        {
            return null;
        }

        if (value.Kind != JsonValueKind.Array || value.Element.GetArrayLength() == 0)
        {
            value.Report($"expected a non-empty list of labels (e.g. [\"invoice\", \"bill\"]), got {JsonConfigReader.Describe(value.Element)}");
            return null;
        }

        var labels = new List<string>();
        foreach (var item in value.Items())
        {
            if (item.AsString() is not { } label)
            {
                continue;
            }

            if (label.Length > MaxClassifyLabelLength || label.Any(char.IsControl))
            {
                item.Report($"a label is one line of at most {MaxClassifyLabelLength} characters");
            }
            else if (labels.Contains(label, StringComparer.OrdinalIgnoreCase))
            {
                item.Report($"'{label}' is listed twice");
            }
            else
            {
                labels.Add(label);
            }
        }

        return labels.Count == value.Element.GetArrayLength() ? [.. labels] : null;
    }

    private static List<SchemaField>? ReadFields(JsonConfigReader root, List<string> errors)
    {
        if (!root.TryGet("fields", out var array))
        {
            root.ReportAt("fields", "missing (an array of fields is required)");
            return null;
        }

        if (array.Kind != JsonValueKind.Array)
        {
            array.Report($"expected an array, got {JsonConfigReader.Describe(array.Element)}");
            return null;
        }

        if (array.Element.GetArrayLength() > MaxFields)
        {
            array.Report(string.Create(CultureInfo.InvariantCulture, $"{array.Element.GetArrayLength():N0} fields is more than the {MaxFields} a schema may have; split the document type into several schemas (--schema auto picks one per document)"));
            return null;
        }

        if (array.Element.GetArrayLength() == 0)
        {
            array.Report("must contain at least one field");
            return null;
        }

        var fields = new List<SchemaField>();
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var element in array.Items())
        {
            var field = ReadField(element, errors);
            if (field is not null)
            {
                if (seen.TryGetValue(field.Name, out var first))
                {
                    element.ReportAt("name", $"duplicate field name '{field.Name}' (already used by fields[{first}])");
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

    private static SchemaField? ReadField(JsonConfigReader element, List<string> errors)
    {
        if (element.Kind != JsonValueKind.Object)
        {
            element.Report($"expected an object, got {JsonConfigReader.Describe(element.Element)}");
            return null;
        }

        var errorCount = errors.Count;
        CheckUnknownProperties(element, FieldProperties);
        var name = element.String("name", required: true);
        if (name is not null && !FieldNamePattern().IsMatch(name))
        {
            element.ReportAt("name", $"'{name}' is not a valid field name (letters, digits and '_', starting with a letter or '_')");
        }

        var question = element.String("question", required: true);
        var type = element.Enum<FieldType>("type", "type", Wire) ?? FieldType.String;
        var required = element.Boolean("required") ?? false;
        var pageHint = element.Enum<PageHint>("pageHint", "page hint", Wire) ?? PageHint.Any;
        string? postPrompt = null;
        if (element.TryGet("postPrompt", out var postPromptElement))
        {
            if (postPromptElement.Kind == JsonValueKind.String)
            {
                postPrompt = postPromptElement.Element.GetString();
            }
            else
            {
                postPromptElement.Report($"expected a string, got {JsonConfigReader.Describe(postPromptElement.Element)}");
            }
        }

        var values = ReadValues(element, type);
        var locale = ReadLocale(element);
        var dateOrder = element.Enum<DateOrder>("dateOrder", "date order", Wire);
        var currency = ReadCurrency(element);
        var maxTokens = element.TryGet("maxTokens", out var max) ? max.AsInteger(min: 1, max: type == FieldType.Table ? FieldPrompt.MaxTableTokens : 1024) : null;
        var columns = ReadColumns(element, type);
        var reviewThreshold = element.Number("reviewThreshold", min: 0, max: 1);
        int? maxRows = null;
        if (element.TryGet("maxRows", out var rowsElement))
        {
            maxRows = type == FieldType.Table
                ? rowsElement.AsInteger(min: 1, max: Tables.TableParseOptions.MaxRowsLimit)
                : Report<int?>(rowsElement, $"only table fields take 'maxRows' (this field's type is '{Wire(type)}')");
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
            Columns = columns,
            MaxRows = maxRows,
            ReviewThreshold = reviewThreshold,
        };
    }

    private static List<TableColumn>? ReadColumns(JsonConfigReader field, FieldType type)
    {
        if (!field.TryGet("columns", out var array))
        {
            if (type == FieldType.Table)
            {
                field.ReportAt("columns", "a table field needs 'columns', a non-empty array of {\"name\", \"type\"}");
            }

            return null;
        }

        if (type != FieldType.Table)
        {
            return Report<List<TableColumn>?>(array, $"only table fields take 'columns' (this field's type is '{Wire(type)}')");
        }

        if (array.Kind != JsonValueKind.Array || array.Element.GetArrayLength() == 0)
        {
            return Report<List<TableColumn>?>(array, $"expected a non-empty array of columns, got {JsonConfigReader.Describe(array.Element)}");
        }

        var columns = new List<TableColumn>();
        foreach (var element in array.Items())
        {
            if (element.Kind != JsonValueKind.Object)
            {
                element.Report($"expected an object with 'name' and 'type', got {JsonConfigReader.Describe(element.Element)}");
                continue;
            }

            CheckUnknownProperties(element, ColumnProperties);
            var name = element.String("name", required: true);
            if (name is not null && !FieldNamePattern().IsMatch(name))
            {
                element.ReportAt("name", $"'{name}' is not a valid column name (letters, digits and '_', starting with a letter or '_')");
                name = null;
            }
            else if (name is not null && columns.Any(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                element.ReportAt("name", $"duplicate column name '{name}'");
                name = null;
            }

            var columnType = element.Enum<FieldType>("type", "type", Wire) ?? FieldType.String;
            if (!ColumnTypes.Contains(columnType))
            {
                element.ReportAt("type", $"a column cannot be of type '{Wire(columnType)}' (expected one of {string.Join(", ", ColumnTypes.Select(t => Wire(t)))})");
            }

            var header = element.String("header");
            var required = element.Boolean("required") ?? false;
            if (name is not null)
            {
                columns.Add(new TableColumn { Name = name, Type = columnType, Header = header, Required = required });
            }
        }

        return columns;
    }

    private static List<SchemaRule> ReadRules(JsonConfigReader root, IReadOnlyList<SchemaField> fields)
    {
        var rules = new List<SchemaRule>();
        if (!root.TryGet("rules", out var array))
        {
            return rules;
        }

        if (array.Kind != JsonValueKind.Array)
        {
            array.Report($"expected an array of rules, got {JsonConfigReader.Describe(array.Element)}");
            return rules;
        }

        var types = new Rules.SchemaRuleTypes(fields);
        foreach (var element in array.Items())
        {
            string? text;
            string? forEach = null;
            if (element.Kind == JsonValueKind.String)
            {
                text = element.AsString();
            }
            else if (element.Kind == JsonValueKind.Object)
            {
                CheckUnknownProperties(element, RuleProperties);
                text = element.String("rule", required: true);
                forEach = element.String("forEach");
            }
            else
            {
                element.Report($"expected a rule (a string such as \"total == subtotal + tax\", or {{\"rule\", \"forEach\"}}), got {JsonConfigReader.Describe(element.Element)}");
                continue;
            }

            if (text is null)
            {
                continue;
            }

            try
            {
                Rules.RuleBinder.Bind(Rules.RuleParser.Parse(text, forEach), types);
                rules.Add(new SchemaRule(text, forEach));
            }
            catch (Rules.RuleSyntaxException e)
            {
                element.Report(e.Message);
            }
        }

        return rules;
    }

    private static T Report<T>(JsonConfigReader element, string problem)
    {
        element.Report(problem);
        return default!;
    }

    private static List<string>? ReadValues(JsonConfigReader field, FieldType type)
    {
        if (!field.TryGet("values", out var valuesElement))
        {
            if (type == FieldType.Enum)
            {
                field.ReportAt("values", "an enum field needs 'values', a non-empty array of allowed strings");
            }

            return null;
        }

        if (type != FieldType.Enum)
        {
            valuesElement.Report($"only enum fields take 'values' (this field's type is '{Wire(type)}')");
            return null;
        }

        if (valuesElement.Kind != JsonValueKind.Array || valuesElement.Element.GetArrayLength() == 0)
        {
            valuesElement.Report($"expected a non-empty array of strings, got {JsonConfigReader.Describe(valuesElement.Element)}");
            return null;
        }

        var values = new List<string>();
        foreach (var value in valuesElement.Items())
        {
            if (value.AsString() is not { } text)
            {
                continue;
            }

            if (values.Any(v => EnumMatcher.Canonical(v) == EnumMatcher.Canonical(text)))
            {
                value.Report($"duplicate value '{text}'");
                continue;
            }

            values.Add(text);
        }

        return values;
    }

    private static string? ReadVersion(JsonConfigReader root)
    {
        if (!root.TryGet("version", out var element))
        {
            root.ReportAt("version", "missing (for example \"1\"; a new version re-extracts documents)");
            return null;
        }

        switch (element.Kind)
        {
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(element.Element.GetString()):
                return element.Element.GetString()!.Trim();
            case JsonValueKind.Number:
                return element.Element.GetRawText();
            default:
                element.Report($"expected a non-empty string or a number, got {JsonConfigReader.Describe(element.Element)}");
                return null;
        }
    }

    private static string? ReadLocale(JsonConfigReader parent)
    {
        if (!parent.TryGet("locale", out var element) || element.AsString() is not { } locale)
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
            element.Report($"unknown locale '{locale}' (expected a culture name such as en-US, en-GB, de-DE, fr-FR)");
            return null;
        }
    }

    private static string? ReadCurrency(JsonConfigReader parent)
    {
        if (!parent.TryGet("currency", out var element) || element.AsString() is not { } currency)
        {
            return null;
        }

        if (!CurrencyCodePattern().IsMatch(currency))
        {
            element.Report($"'{currency}' is not an ISO 4217 code (three capital letters such as USD, EUR)");
            return null;
        }

        return currency;
    }

    private static void CheckUnknownProperties(JsonConfigReader element, string[] known)
    {
        foreach (var (name, _) in element.Properties())
        {
            if (!known.Contains(name, StringComparer.Ordinal))
            {
                var suggestion = known.FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase))
                    ?? known.Where(k => EnumMatcher.EditDistance(k.ToLowerInvariant(), name.ToLowerInvariant()) <= 2)
                        .FirstOrDefault();
                var hint = suggestion is null ? $"expected one of {string.Join(", ", known.Where(k => k != "$schema"))}" : $"did you mean '{suggestion}'?";
                element.ReportAt(name, $"unknown property ({hint})");
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
