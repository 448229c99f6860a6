using System.Globalization;
using System.Text.Json;

namespace FastVlm.DocPipeline.Contracts.Configuration;

/// <summary>
/// One value of a JSON configuration document (an extraction schema, <c>config.json</c>,
/// <c>preprocessor_config.json</c>, <c>tokenizer.json</c>) with typed getters. A getter returns null when the value
/// is absent; when it is there but wrong, the getter reports the problem with the value's location to the
/// document's <see cref="JsonProblemHandler"/> and returns null. The <c>Peek</c> getters report nothing: they give
/// the value when it has the asked-for kind.
/// </summary>
internal readonly struct JsonConfigReader
{
    /// <summary>Comments and trailing commas allowed, as hand-written and Hugging Face files have them.</summary>
    /// <summary>Trailing commas and comments are allowed; a property given twice in one object is an error (which one was meant cannot be known).</summary>
    public static readonly JsonDocumentOptions LenientOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, AllowDuplicateProperties = false };

    private readonly JsonProblemHandler _report;
    private readonly bool _nullIsAbsent;
    private readonly string? _fallback;
    private readonly string _parent;
    private readonly string? _name;
    private readonly int _index;

    private JsonConfigReader(JsonElement element, JsonProblemHandler report, bool nullIsAbsent, string? fallback, string parent, string? name, int index)
    {
        Element = element;
        _report = report;
        _nullIsAbsent = nullIsAbsent;
        _fallback = fallback;
        _parent = parent;
        _name = name;
        _index = index;
    }

    public JsonElement Element { get; }

    public JsonValueKind Kind => Element.ValueKind;

    /// <summary>The value's location: <c>name</c>, <c>fields[3].type</c>, <c>model.vocab['a b']</c>; empty for the document.</summary>
    public string Path => _name is not null ? Append(_parent, _name) : _index >= 0 ? $"{_parent}[{_index}]" : _parent;

    /// <summary><see cref="Path"/>, or <c>$</c> for the document.</summary>
    public string Location => Path is { Length: > 0 } path ? path : "$";

    /// <summary>
    /// A reader over a document's root. With <paramref name="nullIsAbsent"/>, a property set to <c>null</c> reads as
    /// absent; otherwise it is a value of the wrong kind.
    /// </summary>
    public static JsonConfigReader Root(JsonElement root, JsonProblemHandler report, bool nullIsAbsent = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonConfigReader(root, report, nullIsAbsent, fallback: null, parent: "", name: null, index: -1);
    }

    /// <summary>The same value, also looking properties up in its <paramref name="objectName"/> object when absent (config.json's <c>text_config</c>).</summary>
    public JsonConfigReader WithFallback(string objectName) => new(Element, _report, _nullIsAbsent, objectName, _parent, _name, _index);

    public void Report(string problem) => _report(Location, problem);

    public void ReportAt(string name, string problem) => _report(Append(Path, name), problem);

    /// <summary>The property <paramref name="name"/> of this object (or of its fallback object); false when absent or when this is not an object.</summary>
    public bool TryGet(string name, out JsonConfigReader value)
    {
        if (TryGetOwn(name, out value))
        {
            return true;
        }

        if (_fallback is not null && TryGetOwn(_fallback, out var nested) && nested.TryGetOwn(name, out value))
        {
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The elements of this array (none when it is not one).</summary>
    public IEnumerable<JsonConfigReader> Items()
    {
        if (Element.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        var path = Path;
        var index = 0;
        foreach (var element in Element.EnumerateArray())
        {
            yield return new JsonConfigReader(element, _report, _nullIsAbsent, null, path, null, index++);
        }
    }

    /// <summary>The properties of this object in document order (none when it is not one).</summary>
    public IEnumerable<(string Name, JsonConfigReader Value)> Properties()
    {
        if (Element.ValueKind != JsonValueKind.Object)
        {
            yield break;
        }

        var path = Path;
        foreach (var property in Element.EnumerateObject())
        {
            yield return (property.Name, new JsonConfigReader(property.Value, _report, _nullIsAbsent, null, path, property.Name, -1));
        }
    }

    /// <summary>A non-empty string, trimmed.</summary>
    public string? String(string name, bool required = false)
    {
        if (TryGet(name, out var value))
        {
            return value.AsString();
        }

        if (required)
        {
            ReportAt(name, "missing (a non-empty string is required)");
        }

        return null;
    }

    public string? AsString()
    {
        if (Kind == JsonValueKind.String && !string.IsNullOrWhiteSpace(Element.GetString()))
        {
            return Element.GetString()!.Trim();
        }

        Report($"expected a non-empty string, got {Describe(Element)}");
        return null;
    }

    public double? Number(string name, double min = double.NegativeInfinity, double max = double.PositiveInfinity) =>
        TryGet(name, out var value) ? value.AsNumber(min, max) : null;

    public double? AsNumber(double min = double.NegativeInfinity, double max = double.PositiveInfinity)
    {
        if (Kind != JsonValueKind.Number)
        {
            Report($"expected a number, got {Describe(Element)}");
            return null;
        }

        var number = Element.GetDouble();
        if (number < min || number > max)
        {
            Report($"{Format(number)} is outside {Format(min)}..{Format(max)}");
            return null;
        }

        return number;
    }

    public int? Integer(string name, int min = int.MinValue, int max = int.MaxValue, bool required = false)
    {
        if (TryGet(name, out var value))
        {
            return value.AsInteger(min, max);
        }

        if (required)
        {
            ReportAt(name, "missing (an integer is required)");
        }

        return null;
    }

    public int? AsInteger(int min = int.MinValue, int max = int.MaxValue)
    {
        if (Kind != JsonValueKind.Number)
        {
            Report($"expected a number, got {Describe(Element)}");
            return null;
        }

        if (Element.TryGetInt32(out var integer) && integer >= min && integer <= max)
        {
            return integer;
        }

        var range = (min, max) switch
        {
            (int.MinValue, int.MaxValue) => "",
            (_, int.MaxValue) => $" of at least {min}",
            _ => $" from {min} to {max}",
        };
        Report($"expected a whole number{range}, got {Format(Element.GetDouble())}");
        return null;
    }

    /// <summary>An integer or a list of integers (<c>eos_token_id</c>), as a list.</summary>
    public IReadOnlyList<int>? Integers(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.Kind == JsonValueKind.Array && value.Element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out _)))
        {
            return value.Element.EnumerateArray().Select(e => e.GetInt32()).ToArray();
        }

        if (value.Kind == JsonValueKind.Number && value.Element.TryGetInt32(out var single))
        {
            return [single];
        }

        value.Report($"expected an integer or a list of integers, got {Describe(value.Element)}");
        return null;
    }

    public bool? Boolean(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.Kind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.Element.GetBoolean();
        }

        value.Report($"expected true or false, got {Describe(value.Element)}");
        return null;
    }

    /// <summary>One of <typeparamref name="T"/>'s values, spelled as <paramref name="wire"/> gives them (case-insensitive); <paramref name="what"/> names the kind of value in problems.</summary>
    public T? Enum<T>(string name, string what, Func<T, string> wire)
        where T : struct, Enum =>
        TryGet(name, out var value) ? value.AsEnum(what, wire) : null;

    public T? AsEnum<T>(string what, Func<T, string> wire)
        where T : struct, Enum
    {
        var values = System.Enum.GetValues<T>();
        var expected = string.Join(", ", values.Select(wire));
        if (Kind != JsonValueKind.String)
        {
            Report($"expected one of {expected}, got {Describe(Element)}");
            return null;
        }

        var text = Element.GetString()!;
        foreach (var value in values)
        {
            if (string.Equals(wire(value), text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        Report($"unknown {what} '{text}' (expected one of {expected})");
        return null;
    }

    /// <summary>The string value of <paramref name="name"/> as written (possibly empty), or null when absent or not a string.</summary>
    public string? PeekString(string name) =>
        TryGet(name, out var value) && value.Kind == JsonValueKind.String ? value.Element.GetString() : null;

    /// <summary>The number <paramref name="name"/>, or null when absent or not a number.</summary>
    public double? PeekNumber(string name) =>
        TryGet(name, out var value) && value.Kind == JsonValueKind.Number ? value.Element.GetDouble() : null;

    /// <summary>The boolean <paramref name="name"/>, or null when absent or not a boolean.</summary>
    public bool? PeekBoolean(string name) =>
        TryGet(name, out var value) && value.Kind is JsonValueKind.True or JsonValueKind.False ? value.Element.GetBoolean() : null;

    /// <summary>True when <paramref name="name"/> is the literal <c>true</c>.</summary>
    public bool IsTrue(string name) => PeekBoolean(name) == true;

    /// <summary>How a value reads in a problem: <c>the string "x"</c>, <c>the number 3</c>, <c>an array</c>.</summary>
    public static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{element.GetString()}\"",
        JsonValueKind.Number => $"the number {element.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => element.ValueKind.ToString(),
    };

    private bool TryGetOwn(string name, out JsonConfigReader value)
    {
        if (Element.ValueKind == JsonValueKind.Object && Element.TryGetProperty(name, out var element)
            && !(_nullIsAbsent && element.ValueKind == JsonValueKind.Null))
        {
            value = new JsonConfigReader(element, _report, _nullIsAbsent, null, Path, name, -1);
            return true;
        }

        value = default;
        return false;
    }

    private static string Append(string path, string name)
    {
        var plain = name.Length > 0 && name.IndexOfAny(['.', '[', ']', '\'', ' ']) < 0;
        return !plain ? $"{path}['{name}']" : path.Length == 0 ? name : $"{path}.{name}";
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
