namespace FastVlm.DocPipeline.Contracts.Records;

/// <summary>What a store does with an updated document record (see <see cref="DocumentTransitionGuard.Decide"/>).</summary>
public enum DocumentTransition
{
    /// <summary>The update returned the current record: nothing is written.</summary>
    Unchanged,

    /// <summary>The update would take a completed run back to an earlier state: it is ignored and the current record kept.</summary>
    Regression,

    /// <summary>The updated record is written.</summary>
    Write,
}
