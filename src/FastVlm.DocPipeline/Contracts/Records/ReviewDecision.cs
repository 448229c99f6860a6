using System.Text.Json.Nodes;

namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>
/// One reviewer decision. A field decision (<see cref="Field"/> set) records the reviewer's value, typed by the field's
/// normaliser, and the model's value and run it was made against, so a later run can tell whether the model changed
/// its answer since. A document decision (<see cref="Field"/> null) is an approval or its withdrawal.
/// </summary>
public sealed record ReviewDecision
{
    /// <summary>1-based position in <see cref="ReviewRecord.Decisions"/>.</summary>
    public required int Sequence { get; init; }

    /// <summary>The field decided on; null for <see cref="ReviewActions.Approved"/> and <see cref="ReviewActions.ApprovalWithdrawn"/>.</summary>
    public string? Field { get; init; }

    /// <summary>One of <see cref="ReviewActions"/>.</summary>
    public required string Action { get; init; }

    /// <summary>The value the reviewer put in force (for a table: the array of row objects).</summary>
    public JsonNode? Value { get; init; }

    /// <summary>What the reviewer typed, when it was text that the field's normaliser read into <see cref="Value"/>.</summary>
    public string? Raw { get; init; }

    /// <summary>The ISO 4217 code of a currency value, when known.</summary>
    public string? Currency { get; init; }

    /// <summary>The field's type when the decision was made (<c>string</c>, <c>currency</c>, …); a decision applies only to a field of the same type.</summary>
    public string? FieldType { get; init; }

    /// <summary>The model's value the reviewer saw.</summary>
    public JsonNode? ModelValue { get; init; }

    /// <summary>The run whose model value the reviewer saw.</summary>
    public string? ModelRunId { get; init; }

    public required string Reviewer { get; init; }

    public required DateTime At { get; init; }
}
